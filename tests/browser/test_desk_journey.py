"""
The desk's round trip in Chromium, as the issue tells it: the writer previews
before saving, the doctor requests changes, the writer sees the comment on
their desk and fixes it, the doctor sees only the fix "since the last round"
and approves. Then axe-core on each role's desk and on the doctor's review page.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from articles import workflow
from articles.management.commands.load_demo import DEMO_ACCOUNTS
from articles.models import Article

from .conftest import ARTIFACTS, axe_violations, wait_for_page

pytestmark = pytest.mark.django_db(transaction=True)

S = Article.Status
BLOCKING = {"serious", "critical"}
TITLE = "Heat stroke: signs and first aid"
BODY = """<p>Heat stroke is an emergency: the body can no longer cool itself.</p>
<h2>Signs</h2>
<p>Confusion, hot dry skin and a fast pulse.</p>
<h2>First aid</h2>
<p>Move the person somewhere cool and give them plenty of water to drink.</p>
<p>Loosen tight clothing and fan them.</p>"""
SENTENCE = "give them plenty of water to drink"
FIXED = "call an ambulance; give sips of water only if they are fully awake"
WHO_LINK = '<a href="https://www.who.int/news-room/fact-sheets/detail/hypertension">WHO fact sheet</a>'
COMMENT = "Someone confused may choke on water: say to call an ambulance, and sips only if fully awake."


def log_in(session, role):
    session.log_in(role, DEMO_ACCOUNTS[role][0])


def edit_body_source(page, edit, shows):
    """
    Edit the body in CKEditor's Source view: ``edit`` turns the HTML there into
    the new HTML. Back in the WYSIWYG view, wait until the text shows ``shows``.
    """
    page.click(".cke_button__source")
    # CKEditor fills the source box once the switch is done, and only then says it is in that mode.
    page.wait_for_function("CKEDITOR.instances.id_body.mode === 'source'")
    page.fill("textarea.cke_source", edit(page.input_value("textarea.cke_source")))
    page.click(".cke_button__source")
    page.frame_locator("iframe.cke_wysiwyg_frame").get_by_text(shows).wait_for()


def open_from_desk(session, section, title):
    """Follow the link to ``title`` in the desk's list headed by ``section`` (its heading's id)."""
    page = session.page
    page.goto("/admin/")
    wait_for_page(page, f"#{section}")
    page.click(f"section[aria-labelledby={section}] a:text-is('{title}')")
    wait_for_page(page, "#workflow-heading")


def preview(session):
    """
    Press the form's Preview; return the tab it opens, loaded. A JavaScript error or a
    failed response there fails the test as one in the session's own tab does: the context
    hears the new tab from its first request on, before the tab itself could be watched.
    """
    context, own, problems = session.context, session.page, session.problems

    def tab_of(response):
        try:
            return response.frame.page
        except PlaywrightError:  # a new tab's first request, made before the tab had a frame
            return None

    context.on("console", lambda m: m.type == "error" and m.page != own and problems.append(f"preview: {m.text}"))
    context.on("weberror", lambda error: error.page != own and problems.append(f"preview: {error.error}"))
    context.on(
        "response",
        lambda r: r.status >= 400 and tab_of(r) != own and problems.append(f"preview: HTTP {r.status}: {r.url}"),
    )
    with context.expect_page() as opened:
        own.click("button:text-is('Preview')")
    tab = opened.value
    wait_for_page(tab, ".preview-banner")
    return tab


def changed_blocks(page, details):
    """
    Each block of the comparison ``details`` with an insertion or deletion in it, as
    ``{"before": its text without the insertions, "after": without the deletions, "said": the marks' hidden words}``.
    """
    return page.eval_on_selector(
        details,
        """details => {
            const blocks = new Set([...details.querySelectorAll('.diff :is(ins, del)')].map(m => m.closest('p, li, h2, h3, h4')));
            const text = (block, left_out) => {
                const copy = block.cloneNode(true);
                copy.querySelectorAll(left_out + ', .visually-hidden').forEach(element => element.remove());
                return copy.textContent.replace(/\\s+/g, ' ').trim();
            };
            return [...blocks].map(block => ({
                before: text(block, 'ins'),
                after: text(block, 'del'),
                said: [...block.querySelectorAll('.visually-hidden')].map(words => words.textContent.trim()),
            }));
        }""",
    )


def test_writer_previews_doctor_asks_writer_fixes_doctor_approves_the_fix(open_session, demo_site):
    writer = open_session("desk-journey-writer")
    log_in(writer, "writer")
    page = writer.page
    page.click("text=Write a new article")
    wait_for_page(page, "iframe.cke_wysiwyg_frame")
    page.fill("#id_title", TITLE)
    page.select_option("#id_category", label="Diseases")
    page.fill("#id_summary", "How to recognise heat stroke, and what to do until help comes.")
    edit_body_source(page, lambda html: BODY, shows="Loosen tight clothing")
    page.select_option("#id_reviewer", label="dr Aisyah Rahmawati")
    writer.screenshot("form-filled")

    # Preview before saving: the reader's page of what is in the form, in a new tab, marked; nothing stored.
    articles = Article.objects.count()
    tab = preview(writer)
    assert tab.title().startswith("Preview") and tab.locator("h1").inner_text() == TITLE
    assert tab.locator(".preview-banner").get_by_text("Preview — not published.").is_visible()
    assert tab.get_by_text(f"Move the person somewhere cool and {SENTENCE}.").is_visible()
    tab.screenshot(path=ARTIFACTS / "desk-journey-writer-preview.png", full_page=True)
    tab.close()
    assert Article.objects.count() == articles and not Article.objects.filter(title=TITLE).exists()

    page.click("input[name=_continue]")
    wait_for_page(page, "text=was added successfully")
    page.click("button[value=submit]")
    wait_for_page(page, "text=Submit for medical review: done.")
    article = Article.objects.get(title=TITLE)
    assert article.status == S.IN_REVIEW and article.author.user.username == "writer"
    writer.log_out()

    doctor = open_session("desk-journey-doctor")
    log_in(doctor, "reviewer")
    open_from_desk(doctor, "desk-awaiting-heading", TITLE)
    page = doctor.page
    assert page.locator("details.workflow-diff summary").all_inner_texts() == ["The whole text (new article)"]
    page.fill("#workflow-comment", COMMENT)
    page.click("button[value=request_changes]")
    wait_for_page(page, "text=Request changes: done.")
    doctor.log_out()

    # The writer, back later: the comment is on the desk, with the way to the article.
    log_in(writer, "writer")
    page = writer.page
    row = page.locator("section[aria-labelledby=desk-changes-heading] tr", has_text=TITLE)
    assert COMMENT in row.locator(".desk-comment").inner_text()
    writer.screenshot("desk-with-the-comment")
    row.get_by_role("link", name=TITLE).click()
    wait_for_page(page, "#workflow-heading")
    request = page.locator("section.changes-requested")
    assert COMMENT in request.locator("blockquote").inner_text()
    # First on the page: above the medical-review panel and the form.
    tops = [page.locator(s).bounding_box()["y"] for s in ["section.changes-requested", ".workflow", "#article_form"]]
    assert tops == sorted(tops), tops
    writer.screenshot("article-with-the-comment")
    edit_body_source(page, lambda html: html.replace(SENTENCE, FIXED), shows=FIXED)
    page.click("button[value=submit]")
    wait_for_page(page, "text=Submit for medical review: done.")
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW and FIXED in article.body
    writer.log_out()

    # The doctor sees the fix, and only the fix, in the open comparison with the last round.
    log_in(doctor, "reviewer")
    open_from_desk(doctor, "desk-awaiting-heading", TITLE)
    page = doctor.page
    opened = "details.workflow-diff[open]"
    assert page.locator(opened).count() == 1
    assert page.locator(f"{opened} > summary").inner_text().startswith("What changed since review round 1")
    assert page.locator("details.workflow-diff:not([open]) > summary").all_inner_texts() == [
        "The whole text (new article)"  # nothing is live: the other comparison is the whole text, closed
    ]
    [fixed] = changed_blocks(page, opened)
    assert fixed["before"] == f"Move the person somewhere cool and {SENTENCE}."
    assert fixed["after"] == f"Move the person somewhere cool and {FIXED}."
    assert {"inserted:", "deleted:"} <= set(fixed["said"])  # in words, not by colour alone
    # The rest of the body is there, unmarked; every other part of the article is labelled unchanged.
    assert page.locator(f"{opened} .diff p", has_text="Loosen tight clothing").locator("ins, del").count() == 0
    assert [part for part in page.locator(f"{opened} h3").all_inner_texts() if "(unchanged)" not in part] == ["Body"]
    doctor.screenshot("only-the-fix")
    page.click("button[value=approve]")
    wait_for_page(page, "text=Approve and publish: done.")

    article.refresh_from_db()
    assert article.is_published
    reader = open_session("desk-journey-reader")
    reader.page.goto(article.get_absolute_url())
    wait_for_page(reader.page, f"h1:text-is('{TITLE}')")
    assert reader.page.get_by_text(FIXED).is_visible()
    assert reader.page.locator(".preview-banner").count() == 0


@pytest.fixture
def reviews_under_way(demo_site):
    """
    The demo site a few days into work: a live article revised, sent back by
    the doctor, corrected and submitted again (both comparisons on its page);
    the writer's draft sent back with a comment; an article expiring this
    week and one unpublished (so that every list of the editor's desk has rows).
    """
    writer, doctor, editor = (get_user_model().objects.get(username=name) for name in ["writer", "reviewer", "editor"])

    revised = Article.objects.get(slug="high-blood-pressure")
    workflow.start_revision(revised, by=writer)
    # A link added in running text: marked inserted against the live version, unchanged since the round before.
    revised.body = revised.body.replace("</p>", f" See the {WHO_LINK}.</p>", 1) + "<p>Check it once a year.</p>"
    revised.save()
    workflow.submit(revised, by=writer)
    workflow.request_changes(revised, by=doctor, comment="Once a year is too rare for most adults over 40.")
    revised.body = revised.body.replace("once a year", "at least every six months")
    revised.save()
    workflow.submit(revised, by=writer)

    sent_back = Article.objects.get(slug="migraine")
    workflow.submit(sent_back, by=writer)
    workflow.request_changes(sent_back, by=doctor, comment="Add when to call an ambulance for a child.")

    Article.objects.filter(slug="handwashing").update(expire_at=timezone.now() + datetime.timedelta(days=3))
    workflow.unpublish(Article.objects.get(slug="depression"), by=editor, comment="Replaced by a newer article.")
    return {"revised": revised, "sent_back": sent_back}


def open_every_details(page):
    # axe skips what is hidden: open the closed comparison and the history so that they are checked too.
    page.eval_on_selector_all("details", "all => all.forEach(details => { details.open = true; })")


def test_desks_and_the_review_page_have_no_serious_accessibility_violations(open_session, reviews_under_way):
    pages = {
        ("writer", "desk"): "/admin/",
        ("writer", "sent-back"): f"/admin/articles/article/{reviews_under_way['sent_back'].pk}/change/",
        ("reviewer", "desk"): "/admin/",
        ("reviewer", "review"): f"/admin/articles/article/{reviews_under_way['revised'].pk}/change/",
        ("editor", "desk"): "/admin/",
    }
    found, sessions = {}, {}
    for (role, name), url in pages.items():
        if role not in sessions:
            sessions[role] = open_session(f"axe-{role}")
            log_in(sessions[role], role)
        page = sessions[role].page
        page.goto(url)
        wait_for_page(page, "#content")
        if name == "review":
            assert page.locator("details.workflow-diff").count() == 2
        open_every_details(page)
        found[f"{role}-{name}"] = [v for v in axe_violations(page, f"{role}-{name}") if v[1] in BLOCKING]
    assert found == {f"{role}-{name}": [] for role, name in pages}
