import re

import pytest

from articles import workflow
from articles.diff import compare
from articles.htmldiff import diff_blocks, diff_words

from ..factories import CitationFactory, image_file

LABEL = re.compile(r'<span class="visually-hidden">[^<]*</span>')


def unlabelled(html):
    """The comparison without its words for screen readers, to read its marks."""
    return LABEL.sub("", str(html))


def test_words_removed_and_added_are_marked_and_escaped():
    assert (
        unlabelled(diff_words("take 5 mg daily", "take 10 mg <daily>"))
        == "take <del>5</del><ins>10</ins> mg <ins>&lt;</ins>daily<ins>&gt;</ins>"
    )


def test_numbers_stay_whole_and_punctuation_is_its_own_mark():
    assert unlabelled(diff_words("Take 2.5 mg of iron.", "Take 5 mg of iron or folate.")) == (
        "Take <del>2.5</del><ins>5</ins> mg of iron<ins> or folate</ins>."
    )


def test_unchanged_text_has_no_marks():
    assert diff_words("same words", "same words") == "same words"


def test_every_mark_says_in_words_what_it_is():
    html = diff_words("take 5 mg", "take 10 mg")
    assert (
        '<del><span class="visually-hidden">deleted: </span>5<span class="visually-hidden"> (end deleted)</span></del>'
        in html
    )
    assert (
        '<ins><span class="visually-hidden">inserted: </span>10<span class="visually-hidden"> (end inserted)</span></ins>'
        in html
    )


def test_an_edited_paragraph_is_marked_word_by_word_and_untouched_ones_are_not_marked():
    old = "<p>Rest at home.</p><p>Take 5 mg <strong>twice</strong> a day.</p><p>See a doctor if it lasts.</p>"
    new = "<p>Rest at home.</p><p>Take 10 mg <strong>twice</strong> a day.</p><p>See a doctor if it lasts.</p>"
    assert unlabelled(diff_blocks(old, new)) == (
        "<p>Rest at home.</p><p>Take <del>5</del><ins>10</ins> mg <strong>twice</strong> a day.</p>"
        "<p>See a doctor if it lasts.</p>"
    )


def test_a_moved_paragraph_is_shown_where_it_is_now_and_never_as_changed_text():
    old = "<p>Drink water.</p><p>Rest at home.</p><p>See a doctor if it lasts.</p>"
    new = "<p>Rest at home.</p><p>See a doctor if it lasts.</p><p>Drink water.</p>"
    html = diff_blocks(old, new)
    assert "<ins" not in html and "<del" not in html
    assert html == (
        "<p>Rest at home.</p><p>See a doctor if it lasts.</p>"
        '<p class="diff-moved"><span class="diff-note">moved here:</span> Drink water.</p>'
    )


def test_a_paragraph_moved_and_edited_is_shown_where_it_is_now_with_its_change_marked():
    old = "<p>Drink water.</p><p>Rest at home.</p><p>Take 5 mg daily.</p>"
    new = "<p>Take 50 mg daily.</p><p>Drink water.</p><p>Rest at home.</p>"
    assert unlabelled(diff_blocks(old, new)) == (
        '<p class="diff-moved"><span class="diff-note">moved here:</span> Take <del>5</del><ins>50</ins> mg daily.</p>'
        "<p>Drink water.</p><p>Rest at home.</p>"
    )


def test_edited_moved_and_untouched_paragraphs_together():
    old = "<h2>Care</h2><p>Drink water.</p><p>Take 5 mg.</p><p>Rest at home.</p><p>Avoid aspirin.</p>"
    new = "<h2>Care</h2><p>Take 10 mg.</p><p>Rest at home.</p><p>Drink water.</p><p>Call 112 if you faint.</p>"
    html = unlabelled(diff_blocks(old, new))
    assert html == (
        "<h2>Care</h2><p>Take <del>5</del><ins>10</ins> mg.</p><p>Rest at home.</p>"
        '<p class="diff-removed"><del>Avoid aspirin.</del></p>'
        '<p class="diff-moved"><span class="diff-note">moved here:</span> Drink water.</p>'
        '<p class="diff-added"><ins>Call 112 if you faint.</ins></p>'
    )


def test_added_and_removed_blocks_are_marked_whole_keeping_their_tags():
    old = "<ul><li>Meat</li><li>Eggs</li><li>Beans</li></ul>"
    new = "<ul><li>Meat</li><li>Beans</li><li>Dark green vegetables</li></ul><h3>Supplements</h3>"
    assert unlabelled(diff_blocks(old, new)) == (
        '<ul><li>Meat</li><li class="diff-removed"><del>Eggs</del></li><li>Beans</li>'
        '<li class="diff-added"><ins>Dark green vegetables</ins></li></ul>'
        '<h3 class="diff-added"><ins>Supplements</ins></h3>'
    )


def test_the_text_is_shown_as_readers_see_it():
    body = (
        '<h2>Causes</h2><p>See <a href="https://www.who.int/">the WHO</a>.<sup>[1]</sup></p>'
        "<ol><li>Iron</li></ol><blockquote><p>Quote</p></blockquote>"
    )
    html = diff_blocks(body, body)
    assert html == body
    assert "https://www.who.int/)" not in html  # an unchanged link's address is not spelt out


def test_a_changed_link_address_is_shown_in_words():
    html = unlabelled(
        diff_blocks(
            '<p>See <a href="https://www.who.int/">the WHO</a>.</p>',
            '<p>See <a href="https://quack.example/">the WHO</a>.</p>',
        )
    )
    assert '<p>See <a href="https://quack.example/">the WHO</a>' in html  # the link text is unchanged
    assert '<del><a href="https://www.who.int/"> <span class="diff-href">(link to https://www.who.int/)</span>' in html
    assert '<ins><a href="https://quack.example/"> <span class="diff-href">(link to https://quack.example/)' in html


def test_a_new_citation_mark_is_marked_and_rendered():
    html = unlabelled(diff_blocks("<p>Tired.<sup>[1]</sup></p>", "<p>Tired.<sup>[1]</sup><sup>[2]</sup></p>"))
    assert html == "<p>Tired.<sup>[1]</sup><ins><sup>[2]</sup></ins></p>"


def test_what_the_sanitizer_would_remove_never_reaches_the_comparison():
    html = diff_blocks(
        "<p>Safe.</p>",
        '<p onclick="steal()">Safe.</p><script>steal()</script><p><a href="javascript:steal()">x</a> &lt;b&gt;</p>',
    )
    assert "script" not in html and "onclick" not in html and "javascript" not in html
    assert "&lt;b&gt;" in html  # text that looks like a tag stays text


@pytest.mark.django_db
def test_a_new_article_shows_its_whole_text_as_added(article):
    CitationFactory(article=article, title="Anaemia fact sheet")
    parts = {label: (changed, unlabelled(html)) for label, changed, html in compare(None, article)}
    assert parts["Title"] == (True, f"<ins>{article.title}</ins>")
    assert parts["Body"] == (
        True,
        '<h2 class="diff-added"><ins>Symptoms</ins></h2>'
        '<p class="diff-added"><ins>Most people feel tired.<sup>[1]</sup></ins></p>',
    )
    assert "Anaemia fact sheet" in parts["Citations"][1] and "<ins>[1] Anaemia fact sheet" in parts["Citations"][1]


@pytest.mark.django_db
def test_any_two_states_compare_working_copy_version_and_round(people, make_article):
    article = make_article("published", body="<p>First text.</p>")
    first = article.live_version
    workflow.start_revision(article, by=people["writer"])
    article.body = "<p>Second text.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    second = workflow.approve(article, by=people["reviewer"]).version
    submitted = article.rounds.get(number=2)

    def body(old, new):
        return {str(label): html for label, changed, html in compare(old, new)}["Body"]

    assert unlabelled(body(first, second)) == "<p><del>First</del><ins>Second</ins> text.</p>"
    assert unlabelled(body(second, first)) == "<p><del>Second</del><ins>First</ins> text.</p>"
    assert body(submitted, article) == "<p>Second text.</p>"
    assert not any(changed for label, changed, html in compare(second, article))


@pytest.mark.django_db
def test_a_changed_image_shows_the_old_and_the_new_image_not_file_names(people, make_article):
    article = make_article("published", hero_image=image_file("before.jpg"), hero_image_alt="A pale hand")
    old_name = article.hero_image.name
    workflow.start_revision(article, by=people["writer"])
    article.hero_image, article.hero_image_alt = image_file("after.jpg"), "Iron-rich food"
    article.save()
    new_name = article.hero_image.name

    parts = {str(label): (changed, html) for label, changed, html in compare(article.live_version, article)}
    changed, html = parts["Hero image"]
    assert changed and old_name != new_name
    assert f'<img src="/media/{old_name}" alt="A pale hand" width="320">' in html
    assert f'<img src="/media/{new_name}" alt="Iron-rich food" width="320">' in html
    assert html.index(old_name) < html.index(new_name)  # side by side: the old one first
    assert "Before (removed)" in html and "After (inserted)" in html
    text = re.sub(r"<[^>]+>", "", html)
    assert old_name not in text and new_name not in text

    changed, html = {str(label): (c, h) for label, c, h in compare(article, article)}["Hero image"]
    assert not changed and html.count("<img") == 1


@pytest.mark.django_db
def test_a_changed_body_is_said_to_have_changed_and_an_unchanged_one_not(people, make_article):
    article = make_article("published", body="<p>See <a href='https://www.who.int/'>the WHO</a>.</p>")
    workflow.start_revision(article, by=people["writer"])
    article.body = '<p>See <a href="https://quack.example/">the WHO</a>.</p>'
    article.hero_image_credit = "Credit: someone else."
    article.save()
    parts = {str(label): changed for label, changed, html in compare(article.live_version, article)}
    assert parts["Body"] and parts["Image credit"] and not parts["Title"] and not parts["Citations"]


def test_a_text_changed_throughout_is_still_compared_paragraph_by_paragraph():
    """Past MAX_PAIRS (m × n) the alignment is difflib's: untouched paragraphs unmarked, edited ones marked in place."""
    old = "".join(f"<p>Dose {i} mg.</p>" for i in range(210))
    new = "".join(f"<p>Dose {i + 1} mg daily.</p>" for i in range(210))
    html = unlabelled(
        diff_blocks(f"<p>Untouched.</p>{old}<p>Also untouched.</p>", f"<p>Untouched.</p>{new}<p>Also untouched.</p>")
    )
    assert html.startswith("<p>Untouched.</p><p>Dose <del>0</del><ins>1</ins> mg<ins> daily</ins>.</p>")
    assert html.endswith("<p>Dose <del>209</del><ins>210</ins> mg<ins> daily</ins>.</p><p>Also untouched.</p>")
    assert html.count("<ins> daily</ins>") == 210 and "moved" not in html
