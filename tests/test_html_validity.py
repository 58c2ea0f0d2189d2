"""
Every kind of public page is valid HTML, according to the Nu Html Checker
(vnu.jar from npm's vnu-jar, which `make test` installs in node_modules/; it
needs Java). Without Java or the jar the test is skipped with a message, except
in CI, where it fails.
"""

import json
import os
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse

from articles import views, workflow
from articles.models import Article

VNU_JAR = "node_modules/vnu-jar/build/dist/vnu.jar"

# Page name -> (address, expected status), from the demo content.
PAGES = {
    "home": ("/", 200),
    "category": ("/diseases/", 200),  # with subcategories; two pages at the test's page size
    "article": ("/diseases/dengue-fever/", 200),
    "search": ("/search/?q=dengue", 200),
    "search-page-2": ("/search/?q=doctor&page=2", 200),
    "search-no-results": ("/search/?q=xylophone", 200),
    "search-no-query": ("/search/", 200),
    "author": ("/authors/nadia-prasetyo/", 200),
    "reviewer": ("/reviewers/aisyah-rahmawati/", 200),
    "policy": ("/about/editorial-policy/", 200),
    "not-found": ("/no-such-page/", 404),  # DEBUG is off in tests, so this is templates/404.html
}

pytestmark = pytest.mark.validator


@pytest.fixture
def demo_site(roles, django_capture_on_commit_callbacks):
    # Approval makes the hero image renditions once committed: run those callbacks,
    # so that the pages carry the <picture> markup readers get.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", "--allow-production", stdout=StringIO())


@pytest.fixture(scope="session")
def nu_checker():
    """The command that runs the Nu Html Checker; without Java or the jar, a skip (a failure in CI)."""
    java, jar = shutil.which("java"), Path(__file__).resolve().parents[1] / VNU_JAR
    if java is None or not jar.exists():
        message = (
            f"No Java, or no {VNU_JAR} (install Java, and run `make test` or `npm ci --ignore-scripts`): "
            "the HTML validity test cannot run."
        )
        if os.environ.get("CI"):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return [java, "-jar", jar, "--format", "json", "--stdout", "--exit-zero-always"]


def check(nu_checker, paths):
    """The checker's messages on the files at ``paths``, from one run (the JVM takes a second to start)."""
    result = subprocess.run([*nu_checker, *paths], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["messages"]


def describe(message):
    page = Path(urlsplit(message.get("url", "")).path).name
    kind = message.get("subType", message["type"])  # a warning is an "info" with subType "warning"
    extract = message.get("extract", "").replace("\n", "⏎")
    return f"{page} line {message.get('lastLine', '?')}: {kind}: {message['message']}\n    {extract}"


@pytest.mark.django_db
def test_public_pages_are_valid_html(nu_checker, client, demo_site, monkeypatch, tmp_path):
    monkeypatch.setattr(views, "PER_PAGE", 2)  # so that listings have their "Newer" and "Older" links
    pages = {}
    for name, (url, status) in PAGES.items():
        response = client.get(url)
        assert response.status_code == status, url
        pages[f"{name}.html"] = response.content
    # A listing's next page is addressed by a cursor: the first page's "Older articles" link.
    older = re.search(r'href="(\?before=[^"]+)" rel="next"', pages["category.html"].decode())[1]
    pages["category-page-2.html"] = client.get(f"/diseases/{older}").content

    # An article readers saw, since unpublished: 410 Gone, pointing to the article that replaced it.
    Article.objects.filter(slug="healthy-sleep").update(replaced_by=Article.objects.get(slug="depression"))
    editor = get_user_model().objects.get(username="editor")
    workflow.unpublish(Article.objects.get(slug="healthy-sleep"), by=editor, comment="Outdated.")
    response = client.get("/healthy-living/healthy-sleep/")
    assert response.status_code == 410 and b"/mental-health/depression/" in response.content
    pages["gone.html"] = response.content

    # The writer's preview of their draft: the working copy, its review pending.
    client.force_login(get_user_model().objects.get(username="writer"))
    draft = Article.objects.get(slug="migraine", status=Article.Status.DRAFT)
    response = client.get(f"/preview/{draft.pk}/")
    assert response.status_code == 200
    pages["preview.html"] = response.content

    # The admin's home page: each role's desk, from the demo's accounts and articles.
    for username in ["writer", "reviewer", "editor"]:
        client.force_login(get_user_model().objects.get(username=username))
        response = client.get(reverse("admin:index"))
        assert response.status_code == 200
        pages[f"desk-{username}.html"] = response.content

    # Rendered without a request, as Django's server error handler and the
    # database-unavailable middleware render them.
    for template in ["500.html", "503.html"]:
        pages[template] = render_to_string(template).encode()

    for filename, content in pages.items():
        (tmp_path / filename).write_bytes(content)
    # Any message fails: errors, warnings and the checker's informational notes alike (there are none).
    messages = check(nu_checker, [tmp_path / filename for filename in pages])
    problems = "\n".join(map(describe, messages))
    assert not messages, f"The Nu Html Checker found these problems ({len(messages)}):\n{problems}"
