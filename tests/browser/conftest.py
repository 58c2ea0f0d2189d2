"""
Real-browser tests: Chromium (Debian's package) driven by Playwright against a
live server of the project. Without Chromium they are skipped with a message,
except in CI, where a missing browser fails the run.
"""

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made here between
# page actions are plain synchronous code, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PASSWORD = "browser-test-password"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not os.path.exists(CHROMIUM):
        message = f"No Chromium at {CHROMIUM} (apt-get install chromium): the browser tests cannot run."
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def axe_violations(page, name):
    """Run axe-core on the page; keep the full report as a test artifact; return ``(id, impact, help, nodes)`` each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(json.dumps(results.response["violations"], indent=2))
    return [(v["id"], v["impact"], v["help"], len(v["nodes"])) for v in results.response["violations"]]


def wait_for_page(page, selector):
    """
    Wait for the page that a click led to: for ``selector`` on it, then for
    its images and styles. Leaving a page before it has loaded aborts its
    requests, which the session records as failures.
    """
    page.wait_for_selector(selector)
    page.wait_for_load_state()


class Session:
    """
    One browser tab that records every JavaScript error and failed request,
    and takes named screenshots. A request aborted because the tab went to
    another page is not a failure: the person moved on (see ``request_failed``).
    """

    def __init__(self, browser, base_url, journey, **context_options):
        self.context = browser.new_context(base_url=base_url, **context_options)
        self.page = self.context.new_page()
        self.journey, self.shots, self.problems = journey, 0, []
        # To tell requests aborted by leaving a page (see request_failed): how many pages the
        # tab has left, whether it is leaving one now, and on which page each request was made.
        self.pages_left, self.leaving, self.made_on = 0, False, {}
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript error: {error}"))
        self.page.on("request", self.request_made)
        self.page.on("framenavigated", self.navigated)
        self.page.on("requestfailed", self.request_failed)
        self.page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))

    def request_made(self, request):
        if request.is_navigation_request() and request.frame.parent_frame is None:
            self.leaving = True
        self.made_on[request] = self.pages_left

    def navigated(self, frame):
        # A move within the page (to an #anchor) makes no request and leaves nothing.
        if frame.parent_frame is None and self.leaving:
            self.pages_left += 1
            self.leaving = False

    def request_failed(self, request):
        # Leaving a page aborts what it was still loading: the admin's icons, CKEditor's
        # files, some requested only after the load event, so no wait on the page covers them.
        # Chromium may report the abort just before or just after the next page arrives.
        left_behind = self.leaving or self.pages_left > self.made_on.get(request, self.pages_left)
        if request.failure == "net::ERR_ABORTED" and not request.is_navigation_request() and left_behind:
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def screenshot(self, step):
        self.shots += 1
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=ARTIFACTS / f"{self.journey}-{self.shots:02d}-{step}.png", full_page=True)

    def log_in(self, username, password=PASSWORD):
        page = self.page
        page.goto("/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("input[type=submit]")
        wait_for_page(page, "#user-tools")

    def log_out(self):
        self.page.click("#logout-form button")
        wait_for_page(self.page, "text=Logged out")

    def close(self):
        self.context.close()


@pytest.fixture
def open_session(browser, live_server, settings, tmp_path):
    """``open_session("writer")`` → a Session; at the end, any JavaScript error or failed request fails the test."""
    settings.HEALTHCMS_SERVE_MEDIA = True
    sessions = []

    def open_session(journey, **context_options):
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        session = Session(browser, live_server.url, journey, **context_options)
        sessions.append(session)
        return session

    yield open_session
    problems = [problem for session in sessions for problem in session.problems]
    for session in sessions:
        session.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def demo_site(roles):
    """The demo site (``manage.py load_demo``): its articles, and a login per role (``DEMO_ACCOUNTS``)."""
    from django.core.management import call_command

    call_command("load_demo", "--allow-production", stdout=StringIO())
