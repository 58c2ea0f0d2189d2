"""
Read replicas (DATABASE_REPLICA_URLS, django-multidb-router's pinning router) on two real PostgreSQL
databases: public reads go to the replica; the admin, anyone signed in, every write, and for a while after
a write the person who wrote, to the primary.

There is no replication here: the "replica" is a second database with the same schema, holding a
different title for the same site page, so every page tells which database it was read from.
"""

import http.cookiejar
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid

import psycopg2
import pytest
from psycopg2 import sql

from .servers import get, gunicorn, manage, server_env

SERVER = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
SLUG = "editorial-policy"
PAGE = f"/about/{SLUG}/"
EDITOR, PASSWORD = "editor", "a-long-password-for-the-replica-test"
PIN_COOKIE = "multidb_pin_writes"


def connect(dbname):
    connection = psycopg2.connect(dbname=dbname, connect_timeout=5, **SERVER)
    connection.autocommit = True
    return connection


def url(dbname):
    return f"postgres://{SERVER['user']}@{SERVER['host']}:{SERVER['port']}/{dbname}"


def query(dbname, statement, params=()):
    """The rows ``statement`` finds in ``dbname``, read directly: not through the site or its router."""
    connection = connect(dbname)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            return cursor.fetchall()
    finally:
        connection.close()


def title_in(dbname):
    return query(dbname, "SELECT title FROM articles_page WHERE slug = %s", [SLUG])[0][0]


def create_database(name, template):
    maintenance = connect("postgres")
    try:
        with maintenance.cursor() as cursor:
            cursor.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(*map(sql.Identifier, [name, template])))
    finally:
        maintenance.close()


@pytest.fixture(scope="module")
def databases():
    """
    Names of two databases of this test's own, ``{"primary": name, "replica": name}``: the primary made
    (empty), the replica left to make; both dropped afterwards.
    """
    try:
        connect("postgres").close()
    except psycopg2.OperationalError as error:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {SERVER['host']}:{SERVER['port']} is required in CI: {error}")
        pytest.skip(f"needs PostgreSQL at {SERVER['host']}:{SERVER['port']}: {error}")
    suffix = uuid.uuid4().hex[:12]
    names = {"primary": f"healthcms_primary_{suffix}", "replica": f"healthcms_replica_{suffix}"}
    try:
        create_database(names["primary"], "template0")  # nobody connects to template0: a parallel run can't block it
        yield names
    finally:
        maintenance = connect("postgres")
        with maintenance.cursor() as cursor:
            for name in names.values():
                cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
                cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        maintenance.close()


@pytest.fixture(scope="module")
def site_env(databases, tmp_path_factory):
    """The two databases made ready, and the environment of a server on the primary with the replica."""
    folder = tmp_path_factory.mktemp("replicas")
    base = server_env(
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        CACHE_URL="locmemcache://",  # so sessions are kept in the database (the primary)
        PAGE_CACHE_URL="locmemcache://pages",
        HEALTHCMS_PAGE_CACHE_TIMEOUT="0",  # a kept page would hide which database a request read
        MEDIA_ROOT=str(folder / "media"),
        STATIC_ROOT=str(folder / "static"),
        MULTIDB_PINNING_SECONDS="600",  # the pin outlives the test however slow the machine
    )
    base.pop("DATABASE_REPLICA_URLS", None)
    manage("migrate", "--no-input", env={**base, "DATABASE_URL": url(databases["primary"])})
    # The replica starts as a copy of the migrated primary (as a real one would), then their contents part.
    create_database(databases["replica"], databases["primary"])
    editor = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser({EDITOR!r}, 'editor@example.com', {PASSWORD!r}); "
    )
    for role, name in databases.items():
        page = (
            "from articles.models import Page; "
            f"Page.objects.create(slug={SLUG!r}, title='Editorial policy, as the {role} has it', body='<p>How.</p>')"
        )
        # The editor exists in the primary only: a login that worked read the primary.
        script = editor + page if role == "primary" else page
        manage("shell", "-c", script, env={**base, "DATABASE_URL": url(name)})
    # One worker: its thread serves every request in turn, so a pinned request is followed by unpinned ones.
    return {
        **base,
        "DATABASE_URL": url(databases["primary"]),
        "DATABASE_REPLICA_URLS": url(databases["replica"]),
        "WEB_CONCURRENCY": "1",
    }


@pytest.fixture(scope="module")
def site(site_env):
    """gunicorn on the primary with the replica as its read replica; yields the base URL."""
    with gunicorn(site_env) as address:
        yield address


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the redirect is the answer: its cookies are what the test looks at


class Browser:
    """One person's browser: keeps cookies, and answers ``(status, headers, text)`` without following redirects."""

    def __init__(self, address):
        self.address = address
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects)

    def open(self, path, form=None):
        data = None if form is None else urllib.parse.urlencode(form).encode()
        try:
            with self.opener.open(self.address + path, data=data, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def cookie(self, name):
        return next((cookie.value for cookie in self.cookies if cookie.name == name), None)

    def post_form(self, path, form):
        """GET the form at ``path`` for its CSRF token, then POST ``form`` to it."""
        status, _headers, page = self.open(path)
        assert status == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.open(path, {"csrfmiddlewaretoken": token, **form})

    def log_in(self):
        status, headers, page = self.post_form(
            "/admin/login/?next=/admin/", {"username": EDITOR, "password": PASSWORD, "otp_token": ""}
        )
        assert status == 302, page  # a failed login answers 200 with the form again
        return headers


def sets_pin_cookie(headers):
    return any(value.startswith(f"{PIN_COOKIE}=") for value in headers.get_all("Set-Cookie") or [])


def test_a_reader_reads_the_public_site_from_the_replica(site, databases):
    status, _headers, page = get(site + PAGE)
    assert status == 200
    assert title_in(databases["replica"]) in page.decode()
    assert title_in(databases["primary"]) not in page.decode()


def test_the_admin_and_anyone_signed_in_read_from_the_primary(site, databases):
    editor = Browser(site)
    editor.log_in()  # the editor exists in the primary only: the login read from there
    (pk,) = query(databases["primary"], "SELECT id FROM articles_page WHERE slug = %s", [SLUG])[0]
    status, _headers, change_page = editor.open(f"/admin/articles/page/{pk}/change/")
    assert status == 200
    assert title_in(databases["primary"]) in change_page
    assert title_in(databases["replica"]) not in change_page
    # A public page, for someone signed in (a session cookie and no pin cookie): the primary too.
    session = editor.cookie("sessionid")
    status, _headers, page = get(site + PAGE, headers={"Cookie": f"sessionid={session}"})
    assert status == 200
    assert title_in(databases["primary"]) in page.decode()


def test_writes_go_to_the_primary(site, databases):
    editor = Browser(site)
    login = editor.log_in()
    assert sets_pin_cookie(login)  # a login is a write (a session, last_login): its writer is pinned
    assert query(databases["primary"], "SELECT count(*) FROM django_session") != [(0,)]
    assert query(databases["replica"], "SELECT count(*) FROM django_session") == [(0,)]
    last_login = "SELECT last_login IS NOT NULL FROM auth_user WHERE username = %s"
    assert query(databases["primary"], last_login, [EDITOR]) == [(True,)]
    replica_title = title_in(databases["replica"])

    (pk,) = query(databases["primary"], "SELECT id FROM articles_page WHERE slug = %s", [SLUG])[0]
    form = {"title": "Editorial policy, saved in the admin", "slug": SLUG, "body": "<p>How.</p>", "_save": "Save"}
    status, headers, page = editor.post_form(f"/admin/articles/page/{pk}/change/", form)

    assert status == 302, page
    assert sets_pin_cookie(headers)
    assert title_in(databases["primary"]) == "Editorial policy, saved in the admin"
    assert title_in(databases["replica"]) == replica_title


def test_after_a_write_its_writer_reads_from_the_primary(site, databases):
    editor = Browser(site)
    editor.log_in()
    (pk,) = query(databases["primary"], "SELECT id FROM articles_page WHERE slug = %s", [SLUG])[0]
    form = {"title": "Editorial policy, just published", "slug": SLUG, "body": "<p>How.</p>", "_save": "Save"}
    status, _headers, page = editor.post_form(f"/admin/articles/page/{pk}/change/", form)
    assert status == 302, page
    pin = editor.cookie(PIN_COOKIE)
    assert pin

    # The public page with the pin cookie alone (no session): the primary, where the new title is.
    status, _headers, pinned = get(site + PAGE, headers={"Cookie": f"{PIN_COOKIE}={pin}"})
    assert status == 200
    assert "Editorial policy, just published" in pinned.decode()
    # Without it, the same server thread reads from the replica again.
    status, _headers, unpinned = get(site + PAGE)
    assert status == 200
    assert title_in(databases["replica"]) in unpinned.decode()
    assert "Editorial policy, just published" not in unpinned.decode()


def test_a_replica_that_cannot_be_reached_is_reported_and_readers_get_the_polite_503(site_env, databases):
    gone = url(f"{databases['replica']}_gone")  # no such database: every connection to it is refused
    with gunicorn({**site_env, "DATABASE_REPLICA_URLS": gone}) as address:
        status, _headers, body = get(address + "/readyz")
        assert status == 503 and b'"database": "unavailable"' in body
        status, headers, page = get(address + PAGE)
        assert status == 503 and headers["Retry-After"] == "30" and b"Traceback" not in page
        browser = Browser(address)
        browser.log_in()  # the admin reads and writes the primary, which is up
        status, _headers, _page = browser.open("/admin/")
        assert status == 200
