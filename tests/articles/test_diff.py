import pytest

from articles.diff import compare, diff_words, html_to_text

from ..factories import CitationFactory


def test_body_html_reads_as_lines_with_headings_and_list_items_marked():
    html = "<h2>Causes</h2><p>Iron &amp; <strong>folate</strong>.</p><ul><li>Meat</li><li>Beans</li></ul>"
    assert html_to_text(html) == "## Causes\nIron & folate.\n• Meat\n• Beans"


def test_words_removed_and_added_are_marked_and_escaped():
    assert (
        diff_words("take 5 mg daily", "take 10 mg <daily>")
        == "take <del>5</del><ins>10</ins> mg <del>daily</del><ins>&lt;daily&gt;</ins>"
    )


def test_unchanged_text_has_no_marks():
    assert diff_words("same words", "same words") == "same words"


@pytest.mark.django_db
def test_a_new_article_shows_its_whole_text_as_added(article):
    CitationFactory(article=article, title="Anaemia fact sheet")
    parts = {label: (changed, html) for label, changed, html in compare(article)}
    assert parts["Title"] == (True, f"<ins>{article.title}</ins>")
    assert "Anaemia fact sheet" in parts["Citations"][1]


@pytest.mark.django_db
def test_a_changed_link_or_image_shows_as_a_change(people, make_article):
    from articles import workflow

    article = make_article(
        "published", body='<p>See <a href="https://www.who.int/">the WHO</a>.</p>', hero_image_credit="Credit: WHO."
    )
    workflow.start_revision(article, by=people["writer"])
    article.body = '<p>See <a href="https://quack.example/">the WHO</a>.</p>'
    article.hero_image_credit = "Credit: someone else."
    article.save()
    parts = {str(label): (changed, html) for label, changed, html in compare(article)}
    assert (
        parts["Body"][0]
        and "<del>&lt;https://www.who.int/&gt;.</del><ins>&lt;https://quack.example/&gt;.</ins>" in parts["Body"][1]
    )
    assert parts["Image credit"][0] and not parts["Title"][0]
