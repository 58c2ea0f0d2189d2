"""Citations while writing: marks typed without superscript, the checks of marks against citations, source links."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import workflow
from articles.models import Article
from articles.richtext import citation_marks, citation_problems, prepare
from references.models import Citation

from ..factories import CitationFactory
from .test_review_admin import change_url, edit_data

S = Article.Status


def link(number, nth=1):
    return f'<a href="#ref-{number}" id="cite-{number}-{nth}" aria-label="Reference {number}">[{number}]</a>'


def test_a_mark_typed_without_superscript_is_set_as_a_superscript_link():
    body = prepare("<p>Low iron is common [1]. Also [2][1] and [2] [1].</p>", reference_count=2)
    assert body.html == (
        f'<p>Low iron is common <sup class="cite">{link(1)}</sup>.'
        f' Also <sup class="cite">{link(2)}{link(1, 2)}</sup>'
        f' and <sup class="cite">{link(2, 2)}{link(1, 3)}</sup>.</p>'
    )
    assert body.backlinks == {1: ["cite-1-1", "cite-1-2", "cite-1-3"], 2: ["cite-2-1", "cite-2-2"]}


def test_marks_in_links_code_and_attributes_are_text():
    body = (
        '<p><a href="https://example.org/">see [1]</a> <a href="#x"><sup>[1]</sup></a>'
        ' <code>list[1]</code> <pre>x = [1]</pre> <abbr title="[1]">T</abbr></p>'
    )
    assert prepare(body, 1).html == body
    assert citation_marks(body) == []


def test_a_typed_mark_pointing_nowhere_is_left_as_typed():
    assert prepare("<p>In 2020 [7] people.</p>", 2).html == "<p>In 2020 [7] people.</p>"


def test_marks_inside_other_superscript_text_are_linked_in_place():
    assert prepare("<p>x<sup>a [1]</sup></p>", 1).html == f"<p>x<sup>a {link(1)}</sup></p>"


def test_citation_marks_are_found_with_or_without_superscript_in_order():
    assert citation_marks("<p>A<sup>[3]</sup> B [1] C [2][3]</p>") == [3, 1, 2, 3]


def citations(*rows):
    return [Citation(position=position, title=f"Source {position}", **fields) for position, fields in rows]


def test_no_problems_when_every_mark_and_citation_match():
    assert citation_problems("<p>A [1]. B<sup>[2]</sup>.</p>", citations((1, {"url": "https://a.org"}), (2, {}))) == []


def test_a_mark_with_no_matching_citation_is_named():
    assert citation_problems("<p>A [1]. B [4]. C [3].</p>", citations((1, {}))) == [
        "The body has marks with no matching citation: [3] and [4]. Add the citation, or correct the number."
    ]


def test_a_citation_never_cited_is_named():
    assert citation_problems("<p>A [1].</p>", citations((1, {}), (2, {}))) == [
        "Citations never cited in the body: [2] “Source 2”. Mark where each one supports the text, or remove it."
    ]


def test_a_mark_in_a_link_does_not_cite():
    problems = citation_problems('<p><a href="https://example.org">[1]</a></p>', citations((1, {})))
    assert problems == [
        "Citations never cited in the body: [1] “Source 1”. Mark where each one supports the text, or remove it."
    ]


@pytest.mark.parametrize(
    "first, second, said",
    [
        ({"doi": "10.1056/NEJMoa012512"}, {"doi": "10.1056/nejmoa012512"}, "the same DOI: 10.1056/NEJMoa012512"),
        ({"pmid": "11832527"}, {"pmid": "11832527", "url": "https://b.org"}, "the same PubMed ID: 11832527"),
        (
            {"url": "https://who.int/anaemia"},
            {"url": "https://who.int/anaemia/"},
            "the same URL: https://who.int/anaemia",
        ),
    ],
)
def test_the_same_source_cited_twice_is_named(first, second, said):
    problems = citation_problems("<p>A [1] [2].</p>", citations((1, first), (2, second)))
    assert problems == [f"Citations [1] and [2] are the same source ({said}). Keep one, and cite it."]


def test_two_citations_the_same_by_doi_and_pubmed_id_are_named_once():
    same = {"doi": "10.1/x", "pmid": "123"}
    assert len(citation_problems("<p>[1] [2]</p>", citations((1, same), (2, same)))) == 1


# In the admin.


@pytest.mark.django_db
def test_saving_tells_the_writer_about_the_citations_and_still_saves(client, make_article, people):
    article = make_article(body="<p>Old.</p>")
    CitationFactory(article=article, position=1, title="Used", url="https://who.int/a")
    CitationFactory(article=article, position=2, title="Unused", url="https://who.int/a/")
    client.force_login(people["writer"])

    response = client.post(change_url(article), edit_data(article, body="<p>New [1] and [5].</p>"))

    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "<p>New [1] and [5].</p>"
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert warnings == [
        "The body has marks with no matching citation: [5]. Add the citation, or correct the number.",
        "Citations never cited in the body: [2] “Unused”. Mark where each one supports the text, or remove it.",
        "Citations [1] and [2] are the same source (the same URL: https://who.int/a). Keep one, and cite it.",
    ]


@pytest.mark.django_db
def test_the_doctor_sees_the_citation_checks_and_opens_each_source_in_a_new_tab(client, make_article, people):
    article = make_article(S.IN_REVIEW, body="<p>Claim [1]. Another [3].</p>")
    CitationFactory(article=article, position=1, title="Trial", url="", doi="10.1056/NEJMoa012512", pmid="11832527")
    CitationFactory(article=article, position=2, title="Fact sheet", url="https://www.who.int/news-room/")
    client.force_login(people["reviewer"])

    html = client.get(change_url(article)).content.decode()

    assert "Citation checks" in html
    assert "The body has marks with no matching citation: [3]." in html
    assert "Citations never cited in the body: [2] “Fact sheet”." in html
    new_tab = 'target="_blank" rel="noopener noreferrer"'
    assert f'<a href="https://doi.org/10.1056/NEJMoa012512" {new_tab}>doi:10.1056/NEJMoa012512</a>' in html
    assert f'<a href="https://pubmed.ncbi.nlm.nih.gov/11832527/" {new_tab}>PMID: 11832527</a>' in html
    assert f'<a href="https://www.who.int/news-room/" {new_tab}>https://www.who.int/news-room/</a>' in html


@pytest.mark.django_db
def test_the_writer_s_page_says_when_the_citations_are_in_order(client, make_article, people):
    article = make_article(body="<p>Claim [1].</p>")
    CitationFactory(article=article, position=1)
    client.force_login(people["writer"])
    html = client.get(change_url(article)).content.decode()
    assert "Every mark in the body has its citation, every citation is cited, and no source is listed twice." in html


@pytest.mark.django_db
def test_the_reader_s_page_links_a_mark_typed_without_superscript(client, make_article, people):
    article = make_article(body="<p>Claim [1].</p>")
    CitationFactory(article=article, position=1)
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    html = client.get(reverse("articles:article", args=[article.category.slug, article.slug])).content.decode()
    assert f'Claim <sup class="cite">{link(1)}</sup>.' in html
