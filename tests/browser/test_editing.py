"""Editing in Chromium: no button loses an edit, no failed save loses an image silently, lists fit the screen."""

import pytest

from articles import workflow
from articles.models import Article

from ..factories import ArticleFactory, AuthorFactory, MedicalReviewerFactory, UserFactory, image_file
from .conftest import PASSWORD, wait_for_page

pytestmark = pytest.mark.django_db(transaction=True)

S = Article.Status


@pytest.fixture
def desk(roles):
    """A writer, a medical reviewer and an editor who log in with a password; a draft by the writer."""
    writer = UserFactory(username="wendy", password=PASSWORD, is_staff=True, roles=["Writer"])
    reviewer = UserFactory(username="drrita", password=PASSWORD, is_staff=True, roles=["Medical reviewer"])
    editor = UserFactory(username="eddie", password=PASSWORD, is_staff=True, roles=["Editor"])
    draft = ArticleFactory(
        title="Sleep",
        author=AuthorFactory(user=writer, name="Wendy Writer"),
        reviewer=MedicalReviewerFactory(user=reviewer, name="dr Rita Reviewer"),
    )
    return {"writer": writer, "reviewer": reviewer, "editor": editor, "draft": draft}


def open_article(session, article):
    session.page.goto(f"/admin/articles/article/{article.pk}/change/")
    wait_for_page(session.page, "#article_form")


def test_submit_saves_the_edit_the_writer_has_not_saved(open_session, desk):
    session = open_session("submit-unsaved")
    session.log_in("wendy")
    article = desk["draft"]
    open_article(session, article)
    page = session.page
    page.fill("#id_title", "Sleep and memory")  # typed, not saved
    page.fill("#workflow-comment", "Ready for you.")
    page.click("button[value=submit]")
    wait_for_page(page, "text=Submit for medical review: done.")
    session.screenshot("submitted-with-the-edit")
    article.refresh_from_db()
    assert (article.status, article.title) == (S.IN_REVIEW, "Sleep and memory")
    assert article.events.get(action="submit").comment == "Ready for you."


@pytest.mark.parametrize("user, field", [("wendy", "#id_title"), ("eddie", "#id_title"), ("eddie", "#id_slug")])
def test_enter_in_a_field_saves_and_moves_nothing(open_session, desk, user, field):
    """Enter presses a form's first button; the workflow buttons come first in the page, but must not be it."""
    article = desk["draft"]
    session = open_session("enter-saves")
    session.log_in(user)
    open_article(session, article)
    page = session.page
    page.fill("#workflow-comment", "Not a decision yet.")  # a comment would let an editor's Enter unpublish
    page.fill(field, "sleep-and-memory" if field == "#id_slug" else "Sleep and memory")
    page.press(field, "Enter")
    wait_for_page(page, "text=was changed successfully")
    article.refresh_from_db()
    assert article.status == S.DRAFT and not article.events.exists()
    assert "sleep-and-memory" in (article.slug, article.title.lower().replace(" ", "-"))


def test_a_form_with_errors_stops_the_move_and_keeps_every_edit(open_session, desk):
    session = open_session("submit-with-errors")
    session.log_in("wendy")
    article = desk["draft"]
    open_article(session, article)
    page = session.page
    page.fill("#id_title", "Sleep and memory")
    page.fill("#id_summary", "")  # required
    page.fill("#workflow-comment", "Ready for you.")
    page.click("button[value=submit]")
    wait_for_page(page, "text=Nothing was done: correct the errors below")
    session.screenshot("refused-with-the-edit-kept")
    assert page.input_value("#id_title") == "Sleep and memory"
    assert page.input_value("#workflow-comment") == "Ready for you."
    assert page.locator(".errorlist").first.is_visible()
    article.refresh_from_db()
    assert (article.status, article.title) == (S.DRAFT, "Sleep")


def test_editor_s_unpublish_and_reassign_keep_unsaved_edits(open_session, desk):
    article = desk["draft"]
    other = MedicalReviewerFactory(name="dr Oscar Other")
    session = open_session("editor-buttons")
    session.log_in("eddie")
    open_article(session, article)
    page = session.page
    page.fill("#id_title", "Sleep, edited by the editor")
    page.select_option("#workflow-reviewer", label="dr Oscar Other")
    page.click("button[value=reassign]")
    wait_for_page(page, "text=The medical reviewer is now dr Oscar Other.")
    article.refresh_from_db()
    assert (article.title, article.reviewer) == ("Sleep, edited by the editor", other)
    page.fill("#id_title", "Sleep, edited twice")
    page.fill("#workflow-comment", "Replaced by a newer article.")
    page.click("button[value=unpublish]")
    wait_for_page(page, "text=Unpublish: done.")
    article.refresh_from_db()
    assert (article.title, article.status) == ("Sleep, edited twice", S.ARCHIVED)


def test_a_failed_save_says_the_image_must_be_chosen_again_and_shows_no_broken_image(open_session, desk, tmp_path):
    session = open_session("image-after-failed-save")
    session.log_in("wendy")
    open_article(session, desk["draft"])
    page = session.page
    picture = tmp_path / "lungs.jpg"
    picture.write_bytes(image_file(size=(800, 450)).read())
    page.set_input_files("#id_hero_image", str(picture))
    page.fill("#id_hero_image_alt", "A drawing of the lungs")
    page.fill("#id_summary", "")
    page.click("input[name=_continue]")
    wait_for_page(page, "text=The hero image you chose has not been saved")
    session.screenshot("image-must-be-chosen-again")
    broken = page.eval_on_selector_all(
        "img", "images => images.filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []
    assert page.input_value("#id_hero_image_alt") == "A drawing of the lungs"  # the rest of the form is kept
    # Chosen again with the error fixed, it is saved.
    page.set_input_files("#id_hero_image", str(picture))
    page.fill("#id_summary", "Why sleep matters.")
    page.click("input[name=_continue]")
    wait_for_page(page, "text=was changed successfully")
    desk["draft"].refresh_from_db()
    assert desk["draft"].hero_image and desk["draft"].hero_image_alt == "A drawing of the lungs"


def test_list_titles_do_not_wrap_word_by_word_at_1280_pixels(open_session, desk):
    for n in range(3):
        article = ArticleFactory(
            title=f"Type 2 diabetes in older adults: what changes after sixty-five ({n})",
            author=desk["draft"].author,
            reviewer=desk["draft"].reviewer,
        )
        workflow.submit(article, by=desk["writer"])
    session = open_session("list-layout")  # 1280 × 900
    session.log_in("eddie")
    page = session.page
    for url, title in [
        ("/admin/articles/reviewqueueitem/", "td.field-article_link a"),
        ("/admin/articles/article/", "th.field-title a"),
    ]:
        page.goto(url)
        wait_for_page(page, title)
        session.screenshot(url.strip("/").replace("/", "-"))
        # The lines each title link is set in: two or three for eleven words, not one word per line.
        lines = page.eval_on_selector_all(title, "links => links.map(a => a.getClientRects().length)")
        assert len(lines) >= 3 and max(lines) <= 3, (url, lines)
