from articles.richtext import prepare


def test_headings_get_anchors_and_a_table_of_contents_from_three_on():
    body = prepare("<h2>Causes</h2><h3>Genes &amp; family</h3><h2>Causes</h2>", reference_count=0)
    assert (
        body.html
        == '<h2 id="causes">Causes</h2><h3 id="genes-family">Genes &amp; family</h3><h2 id="causes-2">Causes</h2>'
    )
    assert body.toc == [(2, "causes", "Causes"), (3, "genes-family", "Genes & family"), (2, "causes-2", "Causes")]
    assert prepare("<h2>One</h2><h2>Two</h2>", 0).toc == []


def test_heading_anchors_keep_clear_of_citation_anchors():
    assert prepare("<h2>Ref 1</h2>", 0).html == '<h2 id="section-ref-1">Ref 1</h2>'


def test_heading_anchors_keep_clear_of_the_page_s_own_ids():
    """A heading "Main" must not take the id of <main id="main">, the skip link's target."""
    body = prepare("<h2>Main</h2><h2>TOC heading</h2><h2>References heading</h2>", 0)
    assert body.html == (
        '<h2 id="main-2">Main</h2><h2 id="toc-heading-2">TOC heading</h2>'
        '<h2 id="references-heading-2">References heading</h2>'
    )


def test_citation_marks_link_to_references_and_remember_their_anchors():
    body = prepare("<p>A<sup>[1]</sup> B<sup>[2][1]</sup> C<sup>[7]</sup></p>", reference_count=2)
    assert body.html == (
        '<p>A<sup class="cite"><a href="#ref-1" id="cite-1-1" aria-label="Reference 1">[1]</a></sup>'
        ' B<sup class="cite"><a href="#ref-2" id="cite-2-1" aria-label="Reference 2">[2]</a>'
        '<a href="#ref-1" id="cite-1-2" aria-label="Reference 1">[1]</a></sup>'
        ' C<sup class="cite">[7]</sup></p>'
    )
    assert body.backlinks == {1: ["cite-1-1", "cite-1-2"], 2: ["cite-2-1"]}


def test_other_superscripts_are_left_alone():
    assert prepare("<p>m<sup>2</sup></p>", 1).html == "<p>m<sup>2</sup></p>"


def test_marks_link_to_the_citations_own_numbers_when_they_have_a_gap():
    """Citations 1 and 3 (2 was deleted): [3] is linked, [2] points nowhere."""
    body = prepare("<p>A<sup>[1]</sup> B<sup>[3]</sup> C<sup>[2]</sup></p>", 2, numbers=[1, 3])
    assert body.html == (
        '<p>A<sup class="cite"><a href="#ref-1" id="cite-1-1" aria-label="Reference 1">[1]</a></sup>'
        ' B<sup class="cite"><a href="#ref-3" id="cite-3-1" aria-label="Reference 3">[3]</a></sup>'
        ' C<sup class="cite">[2]</sup></p>'
    )
