"""Production settings, headers, login throttling, the sanitizer's report, and the site without its database."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.urls import reverse

from .factories import ArticleFactory, UserFactory

BASE_DIR = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "off",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "health.example.org",
    "SITE_URL": "https://health.example.org",  # an address the site accepts (healthcms.W005)
    "DATABASE_URL": "postgres://healthcms@db.example.org/healthcms",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "PAGE_CACHE_URL": "filecache:///var/cache/healthcms",
    "MEDIA_URL": "https://media.example.net/",  # uploads on a domain of their own (healthcms.W002)
    "CSP_IMG_SRC": "https://media.example.net",
}


def manage(*args, **environ):
    # A clean environment: none of the test run's own settings (nor the browser tests' async switch).
    ignored = {"DEBUG", "SECRET_KEY", "HTTPS", "DATABASE_URL", "AXES_ENABLED", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    env.update(environ)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_check_deploy_fails_on_an_unsafe_production_setting():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, HTTPS="off")
    assert result.returncode != 0
    assert "security.W008" in result.stderr  # SECURE_SSL_REDIRECT


def test_check_deploy_fails_on_a_page_cache_that_workers_do_not_share():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **{**PRODUCTION, "PAGE_CACHE_URL": "locmemcache://"}
    )
    assert result.returncode != 0
    assert "healthcms.W001" in result.stderr
    page_cache_off = {**PRODUCTION, "PAGE_CACHE_URL": "locmemcache://", "HEALTHCMS_PAGE_CACHE_TIMEOUT": "0"}
    assert manage("check", "--deploy", "--fail-level", "WARNING", **page_cache_off).returncode == 0


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_admin_policy_lets_ckeditor_run_for_staff_but_nothing_from_elsewhere(client, admin_client):
    policy = admin_client.get(reverse("admin:articles_article_add"))["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "default-src 'self'" in policy
    login_policy = client.get(reverse("admin:login"))["Content-Security-Policy"]
    assert "script-src 'self';" in login_policy + ";"


@pytest.mark.django_db
def test_https_settings_are_on_when_debug_is_off():
    result = manage(
        "shell", "-c",
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
        **PRODUCTION,
    )  # fmt: skip
    assert result.stdout.split()[-4:] == ["True", "True", "True", "31536000"]


@pytest.mark.django_db
def test_repeated_wrong_passwords_lock_the_login(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="target", is_staff=True, password="the-right-password-123")
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(login, {"username": "target", "password": "guess"})
        assert (
            response.status_code == 200
            and "Please enter the correct username and password" in response.content.decode()
        )
    assert client.post(login, {"username": "target", "password": "guess"}).status_code == 429
    # Locked: even the right password is refused until the cool-off ends.
    response = client.post(login, {"username": "target", "password": "the-right-password-123"})
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


@pytest.mark.django_db
def test_a_good_login_works_with_throttling_on(client, settings):
    settings.AXES_ENABLED = True
    UserFactory(username="editor1", is_staff=True, password="the-right-password-123")
    response = client.post(reverse("admin:login"), {"username": "editor1", "password": "the-right-password-123"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_writer_is_told_what_the_sanitizer_removed(admin_client):
    article = ArticleFactory()
    from .articles.test_review_admin import edit_data

    body = '<p onclick="steal()">Text <a href="javascript:alert(1)">x</a></p><script>alert(1)</script><iframe src="https://evil.example/"></iframe>'
    response = admin_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), edit_data(article, body=body), follow=True
    )
    html = response.content.decode()
    assert "was removed from the body" in html
    for part in [
        "&lt;script&gt; elements",
        "&lt;iframe&gt; elements",
        "“onclick” attributes",
        "links to “javascript:” addresses",
    ]:
        assert part in html, part
    article.refresh_from_db()
    assert "script" not in article.body and "onclick" not in article.body and "javascript" not in article.body


@pytest.mark.django_db
def test_an_unreachable_database_gets_a_friendly_503(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr("articles.views._listing", unreachable)
    monkeypatch.setattr("healthcms.middleware._database_is_reachable", lambda: False)
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Back in a moment" in response.content.decode()


@pytest.mark.django_db
def test_other_database_errors_stay_errors(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("no such table: articles_article")

    monkeypatch.setattr("articles.views._listing", broken)
    client.raise_request_exception = True
    with pytest.raises(OperationalError):
        client.get("/")


# Runs in a child process whose only database is the throwaway cluster, and
# stops and starts that cluster itself between requests: nothing to time.
# Django's test client keeps its database connection from one request to the
# next, so the outage breaks an open connection, as on a server with persistent
# connections: the site only recovers if the 503 handling drops it.
OUTAGE = """
import json, os
from django.core.management import call_command
from django.test import Client
from tests.factories import CategoryFactory
from tests.pg_cluster import Cluster

call_command("migrate", verbosity=0)
CategoryFactory(name="Heart health")  # listed on the home page
cluster = Cluster(**json.loads(os.environ["THROWAWAY_CLUSTER"]))
client = Client(raise_request_exception=False)  # a 500 is an answer to check, like the 503

def visit_home():
    response = client.get("/")
    text = response.content.decode()
    return {"status": response.status_code, "retry_after": response.get("Retry-After"), "text": text}

before = visit_home()
cluster.stop()
outage = visit_home()
cluster.start()
after = visit_home()
print(json.dumps([before, outage, after]))
"""


def test_postgresql_stopped_and_started_again_gives_503_then_recovers(postgresql_cluster):
    environ = {
        **PRODUCTION,
        "HTTPS": "off",  # the test client speaks plain HTTP
        "ALLOWED_HOSTS": "testserver",
        "HEALTHCMS_PAGE_CACHE_TIMEOUT": "0",  # else the home page would come from the page cache, without the database
        "DATABASE_URL": postgresql_cluster.url,
        "THROWAWAY_CLUSTER": json.dumps(vars(postgresql_cluster)),
    }
    result = manage("shell", "-c", OUTAGE, **environ)
    assert result.returncode == 0, result.stdout + result.stderr
    before, outage, after = json.loads(result.stdout.splitlines()[-1])
    assert before["status"] == 200 and "Heart health" in before["text"]
    assert outage["status"] == 503 and outage["retry_after"] == "30"
    assert "Back in a moment" in outage["text"]
    # The site recovered by itself, and the data is still there.
    assert after["status"] == 200 and "Heart health" in after["text"]


@pytest.mark.django_db
def test_the_editor_is_served_only_inside_the_admin_and_takes_no_uploads(client, admin_client, settings):
    article = ArticleFactory()
    assert "ckeditor" not in client.get("/").content.decode()
    assert "ckeditor" not in client.get(reverse("articles:search"), {"q": "x"}).content.decode()
    assert (
        "ckeditor/ckeditor.js"
        in admin_client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    )
    assert "ckeditor_uploader" not in settings.INSTALLED_APPS
    for upload_url in ["/ckeditor/upload/", "/ckeditor/browse/"]:
        assert admin_client.post(upload_url).status_code in {404, 405}  # no such view: at most a public page


@pytest.mark.django_db
def test_the_editor_is_swapped_by_one_setting(admin_client, settings):
    settings.HEALTHCMS_RICH_TEXT_WIDGET = {"CLASS": "django.forms.Textarea", "OPTIONS": {"attrs": {"rows": 30}}}
    html = admin_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'name="body" cols="40" rows="30"' in html and "ckeditor.js" not in html


def test_passwords_must_be_strong():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("lentils-and-spinach-2026")


def test_the_admin_address_is_configurable():
    result = manage(
        "shell",
        "-c",
        "from django.urls import reverse; print(reverse('admin:index'))",
        DEBUG="on",
        ADMIN_URL="staff-7f3a/",
    )
    assert result.stdout.strip().splitlines()[-1] == "/staff-7f3a/"
