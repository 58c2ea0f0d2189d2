import importlib
import os
from urllib.parse import urlsplit

import pytest
from django.db import connection
from hypothesis import settings as hypothesis_settings

from .factories import ArticleFactory, CitationFactory

# In CI, hypothesis draws the same examples on every run, so a failure can be reproduced.
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# DATABASE_URL scheme -> the Django backend vendor it must give.
VENDORS = {"postgres": "postgresql", "postgresql": "postgresql", "pgsql": "postgresql", "sqlite": "sqlite"}


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="session", autouse=True)
def database_is_the_one_asked_for(django_db_setup, django_db_blocker):
    """A run told to use PostgreSQL must not quietly test SQLite instead."""
    scheme = urlsplit(os.environ.get("DATABASE_URL", "sqlite://")).scheme.split("+")[0]
    expected = VENDORS.get(scheme, scheme)
    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    if connection.vendor != expected:
        pytest.exit(f"DATABASE_URL asks for {expected}, but the tests ran on {connection.vendor}.", returncode=3)


def create_roles():
    """The role groups, made as the data migration makes them."""
    from django.apps import apps

    importlib.import_module("articles.migrations.0002_roles").create_roles(apps, None)
    importlib.import_module("articles.migrations.0014_notified_at").let_editors_see_background_work(apps, None)


@pytest.fixture
def roles(db):
    """
    The role groups. They are there after migrating, but a transactional test's
    flush empties every table, so tests that need them ask for this fixture.
    """
    create_roles()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """
    What happens when a change is committed (purges, emails), which a test's transaction never
    is: ``with committed(): change``.
    """
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(autouse=True)
def empty_caches():
    """Each test starts with empty caches: a page kept by one test is never served in another."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 costs ~0.3 s a password by design; tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a fresh folder per test, never into the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def article(db):
    return ArticleFactory()


@pytest.fixture
def citation(db):
    return CitationFactory()


@pytest.fixture
def postgresql_cluster():
    """A PostgreSQL server of the test's own, to stop and start: never the machine's shared one."""
    from . import pg_cluster

    if reason := pg_cluster.why_unavailable():
        pytest.skip(f"needs a throwaway PostgreSQL cluster: {reason}")
    with pg_cluster.throwaway_cluster() as cluster:
        yield cluster
