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
