"""
healthcms settings.

Everything a deployment changes comes from environment variables, parsed by
django-environ. The defaults are safe for a laptop: SQLite, media on disk,
DEBUG off. Production differs only in environment values:

    DEBUG               "on" for local development only (default: off)
    SECRET_KEY          required when DEBUG is off
    ALLOWED_HOSTS       comma-separated host names
    DATABASE_URL        e.g. postgres://user:pass@host:5432/name (default: SQLite file)
    MEDIA_ROOT, STATIC_ROOT, MEDIA_URL, STATIC_URL
    ADMIN_URL           where the admin lives (default: admin/)
    EMAIL_URL           e.g. smtp+tls://user:password@host:587 (default: print to the console)
    SITE_URL            the public address, for links in emails
    TIME_ZONE           the publisher's zone; readers see dates in it (default: UTC)
    LANGUAGE_CODE       default: en
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable, or DEBUG=on for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "articles",
    "references",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "healthcms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "articles.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "healthcms.wsgi.application"

# SQLite file next to manage.py unless DATABASE_URL names another database.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured(
        "DATABASE_URL must name a PostgreSQL (postgres://…) or SQLite (sqlite:///…) database, "
        f"not {env.str('DATABASE_URL').partition(':')[0]!r}."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked"; workflow moves stay serialized.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="en")
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = env.str("STATIC_URL", default="/static/")
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]

MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Django itself serves the uploads only on a laptop; production puts a web server or a CDN in front.
HEALTHCMS_SERVE_MEDIA = env.bool("HEALTHCMS_SERVE_MEDIA", default=DEBUG)

# The publisher's name, as readers see it.
HEALTHCMS_SITE_NAME = env.str("HEALTHCMS_SITE_NAME", default="healthcms")

# The PostgreSQL text-search configuration for the site's language.
HEALTHCMS_SEARCH_CONFIG = env.str("HEALTHCMS_SEARCH_CONFIG", default="english")

# Uploaded images: refused above these limits, with a message saying so.
HEALTHCMS_MAX_IMAGE_BYTES = env.int("HEALTHCMS_MAX_IMAGE_BYTES", default=10 * 1024 * 1024)
HEALTHCMS_MAX_IMAGE_PIXELS = env.int("HEALTHCMS_MAX_IMAGE_PIXELS", default=40_000_000)

# CKEditor 4 as shipped by django-ckeditor, limited to what a health article
# needs. Whatever it sends is sanitized again on save (articles/sanitize.py).
CKEDITOR_CONFIGS = {
    "article": {
        "toolbar": "Article",
        "toolbar_Article": [
            ["Format"],
            ["Bold", "Italic", "Superscript", "Subscript"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat"],
            ["Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "height": 420,
        "width": "100%",
        "removePlugins": "exportpdf",
        "versionCheck": False,
    },
}

# Email: the console locally; in production e.g. EMAIL_URL=smtp+tls://user:password@smtp.example.org:587
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="healthcms <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# The site's public address, for links in emails.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Where the admin lives; a less guessable path is one more hurdle for bots.
ADMIN_URL = env.str("ADMIN_URL", default="admin/")

LOGIN_URL = "admin:login"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
