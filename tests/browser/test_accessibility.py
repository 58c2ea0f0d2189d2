"""axe-core in Chromium on the public pages and the admin article form, and a keyboard-only reader."""

import pytest

from articles.management.commands.load_demo import DEMO_ACCOUNTS

from .conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PAGES = {
    "home": "/",
    "category": "/diseases/",
    "article": "/diseases/dengue-fever/",
    "search": "/search/?q=dengue",
    "author": "/authors/nadia-prasetyo/",
    "reviewer": "/reviewers/aisyah-rahmawati/",
}
BLOCKING = {"serious", "critical"}


def test_public_pages_have_no_serious_accessibility_violations(open_session, demo_site):
    session = open_session("axe")
    found = {}
    for name, url in PUBLIC_PAGES.items():
        session.page.goto(url)
        found[name] = [v for v in axe_violations(session.page, name) if v[1] in BLOCKING]
    assert found == {name: [] for name in PUBLIC_PAGES}


def test_admin_article_form_has_no_serious_accessibility_violations(open_session, demo_site):
    session = open_session("axe-admin")
    session.log_in("writer", DEMO_ACCOUNTS["writer"][0])
    page = session.page
    page.goto("/admin/articles/article/add/")
    page.wait_for_selector("iframe.cke_wysiwyg_frame")
    violations = axe_violations(page, "admin-article-form")
    assert [v for v in violations if v[1] in BLOCKING] == []


def test_keyboard_reaches_search_table_of_contents_and_every_citation(open_session, demo_site):
    session = open_session("keyboard")
    page = session.page
    page.goto(PUBLIC_PAGES["article"])
    # Table-of-contents links by their target, citation marks by their own id (one id per mark).
    wanted = set(page.eval_on_selector_all(".toc a", "links => links.map(a => a.getAttribute('href'))"))
    wanted |= set(page.eval_on_selector_all("sup.cite a", "links => links.map(a => a.id)"))
    assert len(wanted) > 5
    reached, search_box = set(), False
    for _ in range(300):
        page.keyboard.press("Tab")
        element_id, href = page.evaluate("[document.activeElement.id, document.activeElement.getAttribute('href')]")
        search_box = search_box or element_id == "site-search-q"
        reached |= {element_id, href}
        if search_box and wanted <= reached:
            break
    assert search_box, "the search box cannot be reached with Tab"
    assert wanted - reached == set(), "links that Tab never reaches"
    # Enter on a focused citation mark follows it.
    page.focus("sup.cite a >> nth=0")
    page.keyboard.press("Enter")
    page.wait_for_url("**#ref-1")
    session.screenshot("citation-by-keyboard")
