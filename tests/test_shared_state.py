"""
Two app servers sharing Redis (CACHE_URL, PAGE_CACHE_URL), as production runs them behind a load balancer:
what one caches, publishes, logs in or counts, the other sees. Two real gunicorn processes, the machine's
Redis on 127.0.0.1:6379 and one SQLite database between them.

That Redis is shared with other people and runs: the servers keep their keys under a prefix of this run's
own, and only those keys are deleted at the end. Nothing is flushed.
"""

import html
import http.cookiejar
import json
import os
import re
import sqlite3
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass

import pytest
import redis

from .servers import gunicorn, manage, server_env

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = 13  # not 0, which a developer's own site uses
HOST = "health.example.org"  # the load balancer's address: both servers are asked for it
PASSWORD = "a-long-test-password"  # tests/factories.py's users

# Run in `manage.py shell` with the servers' settings, before they start. It first refuses caches that
# would not keep to the run's prefix, before anything is written to Redis. Then it migrates and makes two
# published articles in sections of their own (a publish purges its own section's pages, not the other's),
# the second revised and back in review.
PREPARE = """
import json
from django.core.cache import caches
from django.core.management import call_command
from articles import workflow
from articles.models import Article
from tests.factories import ArticleFactory, UserFactory

keys = [caches[alias].make_key("k") for alias in ["default", "pages"]]
assert all(key.startswith("{prefix}:") for key in keys), f"CACHE_URL's ?key_prefix= is not applied: {{keys}}"
call_command("migrate", verbosity=0)

kept = ArticleFactory(title="The page both servers keep")
workflow.submit(kept, by=kept.author.user)
workflow.approve(kept, by=kept.reviewer.user)

revised = ArticleFactory(title="Before the second review")
workflow.submit(revised, by=revised.author.user)
workflow.approve(revised, by=revised.reviewer.user)
revised.title = "After the second review"
revised.save()
workflow.record_edit(revised, ["title"], by=revised.author.user)
workflow.submit(revised, by=revised.author.user)

UserFactory(username="target", is_staff=True)
print(json.dumps({{
    "kept": [kept.pk, Article.objects.get(pk=kept.pk).get_absolute_url()],
    "revised": [revised.pk, Article.objects.get(pk=revised.pk).get_absolute_url()],
    "writer": kept.author.user.username,
    "reviewer": revised.reviewer.user.username,
}}))
"""


def shared_redis():
    """The machine's Redis; the test is skipped without it, except in CI, whose machine has one."""
    client = redis.Redis(REDIS_HOST, REDIS_PORT, db=REDIS_DB, socket_connect_timeout=2, socket_timeout=10)
    try:
        client.ping()
    except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError) as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_HOST}:{REDIS_PORT} is part of the CI machine, but: {error}")
        pytest.skip(f"needs Redis at {REDIS_HOST}:{REDIS_PORT}: {error}")
    return client


def delete_keys(client, prefix):
    """Delete this run's keys, and only them."""
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    for start in range(0, len(keys), 500):
        client.unlink(*keys[start : start + 500])


@dataclass
class Site:
    """The two servers' addresses, their database file, and what PREPARE made."""

    a: str
    b: str
    database: str
    articles: dict  # name -> (pk, address)
    writer: str
    reviewer: str


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Servers A and B: one database, one Redis, the same settings."""
    client = shared_redis()
    prefix = f"healthcms-test-{uuid.uuid4().hex}"  # hex: no glob characters for SCAN's match
    cache_url = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}?key_prefix={prefix}"
    database = tmp_path_factory.mktemp("shared") / "site.sqlite3"
    env = server_env(
        DATABASE_URL=f"sqlite:///{database}",
        CACHE_URL=cache_url,
        PAGE_CACHE_URL=cache_url,
        HEALTHCMS_PAGE_CACHE_TIMEOUT="3600",  # only a purge refreshes a kept page during the test
        ALLOWED_HOSTS=f"{HOST},127.0.0.1",  # (127.0.0.1: gunicorn() waits for /healthz there)
        ADMIN_URL="admin/",
        AXES_ENABLED="on",  # the test run's own setting is off
        AXES_FAILURE_LIMIT="3",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",  # emails are sent in the request
        EMAIL_URL="dummymail://",
        MEDIA_ROOT=str(database.parent / "media"),
        LOG_LEVEL="WARNING",
    )
    try:
        made = json.loads(manage("shell", "-c", PREPARE.format(prefix=prefix), env=env).splitlines()[-1])
        with gunicorn(env) as a, gunicorn(env) as b:
            yield Site(
                a=a,
                b=b,
                database=str(database),
                articles={"kept": made["kept"], "revised": made["revised"]},
                writer=made["writer"],
                reviewer=made["reviewer"],
            )
    finally:
        delete_keys(client, prefix)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads the redirect itself


class Browser:
    """
    One person's browser. Both servers are 127.0.0.1 (on two ports), so its cookies go to either, as
    they would to one site through the load balancer.
    """

    def __init__(self):
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self.opener = urllib.request.build_opener(cookies, _NoRedirects)

    def open(self, url, data=None):
        """``(status, headers, text)``; ``data``: a form to POST."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers={"Host": HOST})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def log_in(self, server, username, password):
        """Post the admin's login form on ``server``; the answer (a redirect when it worked)."""
        status, _headers, page = self.open(f"{server}/admin/login/")
        assert status == 200
        fields = {"username": username, "password": password, "next": "/admin/"}
        return self.open(f"{server}/admin/login/", {"csrfmiddlewaretoken": csrf_token(page), **fields})


def csrf_token(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def title_on(server, path):
    """The title a reader (no cookies) is shown at ``path`` on ``server``."""
    status, _headers, page = Browser().open(f"{server}{path}")
    assert status == 200
    return html.unescape(re.search(r"<h1>([^<]*)</h1>", page).group(1))


def change_behind_djangos_back(database, article_pk, title):
    """Retitle the article's live version in the database itself: no signal, no purge."""
    with sqlite3.connect(database) as connection:
        connection.execute(
            "UPDATE articles_articleversion SET title = ? "
            "WHERE id = (SELECT live_version_id FROM articles_article WHERE id = ?)",
            [title, article_pk],
        )


def test_a_page_kept_by_one_server_is_served_by_the_other(site):
    pk, path = site.articles["kept"]
    assert title_on(site.a, path) == "The page both servers keep"  # A makes the page and keeps it
    change_behind_djangos_back(site.database, pk, "Changed behind Django's back")
    assert title_on(site.b, path) == "The page both servers keep"  # B never made it: it is A's copy
    # Made afresh (another address, another copy), B shows what the database holds now.
    assert title_on(site.b, f"{path}?made-afresh") == "Changed behind Django's back"


def test_a_publish_on_one_server_is_seen_on_the_other(site):
    pk, path = site.articles["revised"]
    assert title_on(site.b, path) == "Before the second review"
    # From here B can only show the new title once its kept copy is purged.
    change_behind_djangos_back(site.database, pk, "Changed behind Django's back")
    assert title_on(site.b, path) == "Before the second review"

    reviewer = Browser()
    assert reviewer.log_in(site.a, site.reviewer, PASSWORD)[0] == 302
    status, _headers, page = reviewer.open(f"{site.a}/admin/articles/article/{pk}/change/")
    assert status == 200 and 'value="approve"' in page
    seen_version = re.search(r'name="seen_version" value="(\d+)"', page).group(1)
    status, headers, _page = reviewer.open(
        f"{site.a}/admin/articles/article/{pk}/workflow/",
        {"csrfmiddlewaretoken": csrf_token(page), "seen_version": seen_version, "transition": "approve"},
    )
    assert (status, headers["Location"]) == (302, f"/admin/articles/article/{pk}/change/")

    assert title_on(site.b, path) == "After the second review"


def test_a_login_on_one_server_is_valid_on_the_other(site):
    editor = Browser()
    assert editor.log_in(site.a, site.writer, PASSWORD)[0] == 302
    status, _headers, page = editor.open(f"{site.b}/admin/")
    assert status == 200  # not a redirect to B's login page
    assert site.writer in page


def test_failed_logins_on_both_servers_count_together(site):
    # AXES_FAILURE_LIMIT is 3: with counters of their own, A would have counted two and B one.
    attacker = Browser()
    answers = [attacker.log_in(server, "target", "guess")[0] for server in [site.a, site.b, site.a]]
    assert answers == [200, 200, 429]
    assert attacker.log_in(site.b, "target", PASSWORD)[0] == 429  # locked on B too
