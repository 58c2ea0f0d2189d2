"""The settings read the environment; each case imports them afresh in a child process."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parent.parent

SHOW_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({key: db.get(key) for key in ["ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT"]}
                 | {"DEBUG": settings.DEBUG, "ALLOWED_HOSTS": settings.ALLOWED_HOSTS, "TIME_ZONE": settings.TIME_ZONE}
                 | {key: getattr(settings, key) for key in ["EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS"]}))
"""


def load_settings(**environ):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    env.update(environ, DJANGO_SETTINGS_MODULE="healthcms.settings")
    return subprocess.run(
        [sys.executable, "-c", SHOW_SETTINGS], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


def settings_for(**environ):
    result = load_settings(**environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sqlite_file_is_the_default_database():
    settings = settings_for(SECRET_KEY="x")
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == str(BASE_DIR / "db.sqlite3")


def test_database_url_selects_postgresql():
    settings = settings_for(SECRET_KEY="x", DATABASE_URL="postgres://health:s%40fe@db.internal:6543/healthcms")
    assert settings["ENGINE"] == "django.db.backends.postgresql"
    assert (settings["NAME"], settings["USER"], settings["PASSWORD"]) == ("healthcms", "health", "s@fe")
    assert (settings["HOST"], settings["PORT"]) == ("db.internal", 6543)


def test_database_url_can_name_another_sqlite_file(tmp_path):
    settings = settings_for(SECRET_KEY="x", DATABASE_URL=f"sqlite:///{tmp_path}/other.sqlite3")
    assert settings["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["NAME"] == f"{tmp_path}/other.sqlite3"


def test_unknown_database_url_is_refused_with_a_message():
    result = load_settings(SECRET_KEY="x", DATABASE_URL="nosuchdb://host/name")
    assert result.returncode != 0
    assert "nosuchdb" in result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = load_settings(DEBUG="off")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_debug_runs_without_a_secret_key():
    assert settings_for(DEBUG="on")["DEBUG"] is True


def test_debug_is_off_by_default_and_hosts_come_from_the_environment():
    settings = settings_for(
        SECRET_KEY="x", ALLOWED_HOSTS="health.example.org,www.health.example.org", TIME_ZONE="Asia/Jakarta"
    )
    assert settings["DEBUG"] is False
    assert settings["ALLOWED_HOSTS"] == ["health.example.org", "www.health.example.org"]
    assert settings["TIME_ZONE"] == "Asia/Jakarta"


def test_email_goes_to_the_console_unless_a_mail_server_is_named():
    assert settings_for(DEBUG="on")["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    settings = settings_for(DEBUG="on", EMAIL_URL="smtp+tls://news:pw@smtp.example.org:587")
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (settings["EMAIL_HOST"], settings["EMAIL_PORT"], settings["EMAIL_USE_TLS"]) == (
        "smtp.example.org",
        587,
        True,
    )


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("debug", ["on", "off"])
def test_each_log_line_is_printed_once(debug):
    code = "import django, logging; django.setup(); logging.getLogger('django.request').warning('one line')"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    env.update(DEBUG=debug, SECRET_KEY="x", DJANGO_SETTINGS_MODULE="healthcms.settings")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stderr.count("one line") == 1, result.stderr


@pytest.mark.django_db
def test_a_refused_next_address_after_login_lands_in_the_admin(client, django_user_model):
    django_user_model.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    response = client.post(
        "/admin/login/", {"username": "staff", "password": "a-long-test-password", "next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_the_readme_speaks_of_the_project_s_own_files_only():
    import re

    readme = (BASE_DIR / "README.md").read_text()
    outside = re.findall(r"\.\./[\w./-]+", readme)
    assert outside == []
    for target in re.findall(r"\]\(([^)#:]+)\)", readme):  # relative Markdown links
        assert (BASE_DIR / target).exists(), target


def test_postgresql_connections_are_kept_and_checked():
    code = "from django.conf import settings; db = settings.DATABASES['default']; print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG", "SECRET_KEY"}}
    env.update(SECRET_KEY="x", DJANGO_SETTINGS_MODULE="healthcms.settings")
    run = lambda **extra: subprocess.run(  # noqa: E731
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=BASE_DIR,
        env={**env, **extra},
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.split()
    assert run(DATABASE_URL="postgres://u@db.example.org/healthcms") == ["600", "True"]
    assert run() == ["0", "True"]  # SQLite
    assert run(DATABASE_URL="postgres://u@db.example.org/healthcms", CONN_MAX_AGE="0") == ["0", "True"]


def run_with_settings(code, **environ):
    """Run ``code`` in a child process, with the settings this environment and ``environ`` give (DEBUG off)."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG", "TASKS_BACKEND"}}
    env.update({"SECRET_KEY": "x", **environ, "DJANGO_SETTINGS_MODULE": "healthcms.settings"})
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )


SHOW_SCALE_OUT = """
import json
from django.conf import settings
import sentry_sdk
print(json.dumps({
    "databases": {alias: db.get("TEST", {}).get("MIRROR") for alias, db in settings.DATABASES.items()},
    "replica_host": settings.DATABASES.get("replica1", {}).get("HOST"),
    "routers": settings.DATABASE_ROUTERS,
    "pinning": "healthcms.middleware.ReplicaPinningMiddleware" in settings.MIDDLEWARE,
    "cache": settings.CACHES["default"]["BACKEND"],
    "sessions": settings.SESSION_ENGINE,
    "axes": getattr(settings, "AXES_HANDLER", None),
    "media": settings.STORAGES["default"]["BACKEND"],
    "bucket": settings.STORAGES["default"].get("OPTIONS", {}).get("bucket_name"),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "purger": settings.HEALTHCMS_CDN_PURGER,
    "sentry": sentry_sdk.get_client().is_active(),
}))
"""


def scale_out_settings(**environ):
    result = run_with_settings(SHOW_SCALE_OUT, **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_one_machine_keeps_its_state_in_its_database_and_folders():
    one = scale_out_settings()
    assert one["databases"] == {"default": None} and one["routers"] == [] and not one["pinning"]
    assert one["sessions"] == "django.contrib.sessions.backends.db" and one["axes"] is None
    assert one["media"] == "django.core.files.storage.FileSystemStorage"
    assert one["tasks"] == "django_tasks_db.DatabaseBackend" and one["purger"] == "articles.cdn.no_purge"
    assert not one["sentry"]


def test_scaled_out_state_lives_in_redis_s3_replicas_and_the_cdn():
    many = scale_out_settings(
        DATABASE_URL="postgres://app@primary.internal/health",
        DATABASE_REPLICA_URLS="postgres://app@replica.internal/health",
        CACHE_URL="redis://redis.internal:6379/0",
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="health-media",
        CDN_PURGE_URL="https://api.fastly.com/service/abc/purge",
        SENTRY_DSN="https://public@sentry.example.org/1",
    )
    assert many["databases"] == {"default": None, "replica1": "default"} and many["replica_host"] == "replica.internal"
    assert many["routers"] == ["multidb.PinningReplicaRouter"] and many["pinning"]
    assert many["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert many["sessions"] == "django.contrib.sessions.backends.cached_db"
    assert many["axes"] == "axes.handlers.cache.AxesCacheHandler"
    assert (many["media"], many["bucket"]) == ("storages.backends.s3.S3Storage", "health-media")
    assert many["purger"] == "articles.cdn.fastly_purge"
    assert many["sentry"]


def test_an_unknown_media_storage_is_refused_with_a_message():
    result = run_with_settings(SHOW_SCALE_OUT, MEDIA_STORAGE="ftp")
    assert result.returncode != 0 and "MEDIA_STORAGE must be filesystem or s3, not 'ftp'" in result.stderr


def test_production_logs_are_json_lines():
    code = "import django, logging; django.setup(); logging.getLogger('articles').warning('one line')"
    result = run_with_settings(code)
    [line] = [json.loads(line) for line in result.stderr.splitlines() if "one line" in line]
    assert [line[key] for key in ["level", "logger", "message", "request_id"]] == [
        "WARNING",
        "articles",
        "one line",
        "",
    ]


def test_a_redis_urls_key_prefix_keeps_sites_apart():
    code = "import django; django.setup(); from django.core.cache import caches; print(caches['pages'].make_key('k'))"
    result = run_with_settings(code, PAGE_CACHE_URL="redis://127.0.0.1:6379/3?key_prefix=site-a")
    assert result.stdout.strip() == "site-a:1:k", result.stderr


CLIENT_ADDRESS = """
import django; django.setup()
from django.test import RequestFactory
from axes.helpers import get_client_ip_address
print(get_client_ip_address(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")))
"""


@pytest.mark.parametrize("behind_proxy, counted", [("on", "203.0.113.9"), ("off", "127.0.0.1")])
def test_login_throttling_counts_the_readers_address_the_proxy_vouches_for(behind_proxy, counted):
    result = run_with_settings(CLIENT_ADDRESS, BEHIND_PROXY=behind_proxy)
    # Behind nginx, the address nginx put in X-Forwarded-For; otherwise that header is the reader's own say.
    assert result.stdout.strip() == counted, result.stderr


def test_a_rotated_key_still_opens_what_it_signed():
    code = (
        "import django; django.setup(); from django.core import signing; "
        "print(signing.loads(signing.dumps('session', key='the-old-key-0123456789-abcdefghijklmnopqrstuvwxyz')))"
    )
    result = run_with_settings(
        code,
        SECRET_KEY="the-new-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        SECRET_KEY_FALLBACKS="the-old-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    )
    assert result.stdout.strip() == "session", result.stderr
