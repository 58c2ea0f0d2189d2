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
                        in production MEDIA_URL is on a domain of its own, e.g.
                        https://media.example.net/, also listed in CSP_IMG_SRC (check --deploy warns otherwise)
    ADMIN_URL           where the admin lives (default: admin/)
    EMAIL_URL           e.g. smtp+tls://user:password@host:587 (default: print to the console)
    SITE_URL            the public address, for links in emails
    TIME_ZONE           the publisher's zone; readers see dates in it (default: UTC)
    LANGUAGE_CODE       default: en
    CACHE_URL           Django's cache, sessions and login throttling, shared by every app server:
                        redis://127.0.0.1:6379/0 (default: this process's memory, for one process only)
    PAGE_CACHE_URL      the full-page cache; with more than one process, a shared one (Redis, or
                        filecache:///var/cache/healthcms on one machine) (default: this process's memory)
    HEALTHCMS_STATIC_PAGES_ROOT  a folder to publish public pages to as files (default: off); then
                        HEALTHCMS_PRERENDER makes a change's pages again by a task, ahead of readers (default: on)
    DATABASE_REPLICA_URLS  comma-separated read replicas of DATABASE_URL: public reads go there (default: none)
    MEDIA_STORAGE       "s3" for S3-compatible object storage (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL,
                        AWS_S3_REGION_NAME, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_CUSTOM_DOMAIN)
                        (default: the MEDIA_ROOT folder)
    TASKS_BACKEND       where background work waits for a worker (`manage.py db_worker`): the database
                        (default), or django_tasks.backends.immediate.ImmediateBackend to run it at once
                        (the default when DEBUG is on)
    CDN_PURGE_URL       a Fastly-style purge endpoint (with CDN_PURGE_TOKEN): publishing purges the CDN
                        by Surrogate-Key (default: no CDN)
    LOG_FORMAT          "json" (one JSON object per line, the default when DEBUG is off) or "text"
    SENTRY_DSN          report errors to Sentry (default: off)
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set the SECRET_KEY environment variable, or DEBUG=on for local development.")
    SECRET_KEY = "django-insecure-local-development-only"

# Keys signed with before the current one, still accepted while they are rotated out (docs/runbook.md).
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "healthcms.apps.AdminConfig",  # Django's admin with optional two-factor login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ckeditor",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "articles",
    "references",
]

MIDDLEWARE = [
    "healthcms.logs.RequestLogMiddleware",  # a request id for every log line, and one line per request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, hashed and compressed, without a web server
    "healthcms.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag, and 304 for a page the reader already has
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "healthcms.middleware.DatabaseUnavailableMiddleware",
    "axes.middleware.AxesMiddleware",
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
# PostgreSQL: keep each worker's connection (a new one costs a few milliseconds on every request);
# the health check replaces one the server dropped. SQLite opens a file: nothing to keep.
POSTGRESQL = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600 if POSTGRESQL else 0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue instead of failing with "database is locked"; workflow moves stay serialized.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)

# Read replicas: public pages read from one (django-multidb-router); the admin, every write, and for
# MULTIDB_PINNING_SECONDS after a write (POST) the same reader (a cookie) use the primary.
REPLICA_DATABASES = []
for number, url in enumerate(env.list("DATABASE_REPLICA_URLS", default=[]), start=1):
    alias = f"replica{number}"
    DATABASES[alias] = {**environ.Env.db_url_config(url), "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"]}
    DATABASES[alias]["CONN_HEALTH_CHECKS"] = True
    DATABASES[alias]["TEST"] = {"MIRROR": "default"}  # a test database has no replica of its own
    REPLICA_DATABASES.append(alias)
if REPLICA_DATABASES:
    DATABASE_ROUTERS = ["multidb.PinningReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "healthcms.middleware.ReplicaPinningMiddleware",
    )
MULTIDB_PINNING_SECONDS = env.int("MULTIDB_PINNING_SECONDS", default=15)  # longer than the replicas' lag
MULTIDB_PINNING_COOKIE_HTTPONLY = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Login throttling (django-axes): five failed attempts for one username from one
# address lock that pair out for fifteen minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Two-factor login (django-otp): optional for each staff member, at admin/two-factor/.
OTP_TOTP_ISSUER = env.str("HEALTHCMS_SITE_NAME", default="healthcms")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the device admin never shows anyone's secret

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
MEDIA_STORAGE = env.str("MEDIA_STORAGE", default="filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")
if MEDIA_STORAGE == "s3":
    from botocore.config import Config as BotoConfig
# Django itself serves the uploads only on a laptop. Production serves them from a web server or a CDN
# on a domain of its own, never the site's origin (healthcms/checks.py: healthcms.W002, W003, W004).
HEALTHCMS_SERVE_MEDIA = env.bool("HEALTHCMS_SERVE_MEDIA", default=DEBUG)

# The publisher's name, as readers see it.
HEALTHCMS_SITE_NAME = env.str("HEALTHCMS_SITE_NAME", default="healthcms")

# How long browsers, and shared caches such as a CDN, may keep a public page (seconds).
# An unpublished article can stay in a shared cache this long unless the cache is purged.
HEALTHCMS_CACHE_MAX_AGE = env.int("HEALTHCMS_CACHE_MAX_AGE", default=60)
HEALTHCMS_CACHE_S_MAXAGE = env.int("HEALTHCMS_CACHE_S_MAXAGE", default=300)

# The full-page cache (articles/publishing.py): public pages are kept this long (seconds; 0: off)
# unless something on them changes first. Every process must see the same "pages" cache, or a
# purge in one (a worker, or cron's publish_scheduled) leaves the others serving the old page:
# local memory is right for `make run` only.
CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    "pages": env.cache("PAGE_CACHE_URL", default="locmemcache://pages"),
}
# django-environ hands a Redis URL's ?key_prefix= (?version=, ?key_function=) to Django's RedisCache in lower
# case, which Django ignores: without this, a prefix meant to keep two sites apart in one Redis does nothing.
for cache in CACHES.values():
    for name in ["KEY_PREFIX", "VERSION", "KEY_FUNCTION"]:
        if name.lower() in cache:
            cache[name] = cache.pop(name.lower())
if CACHES["pages"]["BACKEND"].endswith(("LocMemCache", "FileBasedCache")):
    CACHES["pages"].setdefault("OPTIONS", {}).setdefault("MAX_ENTRIES", 10_000)  # (Django's default: 300)
HEALTHCMS_PAGE_CACHE_TIMEOUT = env.int("HEALTHCMS_PAGE_CACHE_TIMEOUT", default=600)
# Sessions live in the shared cache when there is one (every app server sees a login), in the database otherwise.
SHARED_CACHE = not CACHES["default"]["BACKEND"].endswith(("LocMemCache", "DummyCache"))
# (cached_db: read from the cache, kept in the database too, so that a cache restarted or full logs nobody out.)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if SHARED_CACHE else "django.contrib.sessions.backends.db"
if SHARED_CACHE:  # failed logins are counted there too
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"

# Background work (articles/tasks.py) through Django's tasks API: the django-tasks backport, its
# database backend and `manage.py db_worker`. With DEBUG on, tasks run at once, in the request.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}

# A CDN in front of the site (articles/cdn.py): public pages carry Surrogate-Key headers, and publishing
# purges them by key. Without CDN_PURGE_URL nothing is purged (no CDN, or one that only honours s-maxage).
HEALTHCMS_CDN_PURGE_URL = env.str("CDN_PURGE_URL", default="")
HEALTHCMS_CDN_PURGE_TOKEN = env.str("CDN_PURGE_TOKEN", default="")
HEALTHCMS_CDN_PURGER = env.str(
    "CDN_PURGER", default="articles.cdn.fastly_purge" if HEALTHCMS_CDN_PURGE_URL else "articles.cdn.no_purge"
)

# Publish to static: public pages are also written as files to the "static_pages" storage (a folder
# here, HEALTHCMS_STATIC_PAGES_ROOT), for the web server to send without asking Django
# (deploy/nginx.conf). Without it (the default), nothing is written.
STORAGES = {
    # Uploads, their renditions and exports: a folder, or S3-compatible object storage (django-storages),
    # whose files are public at AWS_S3_CUSTOM_DOMAIN (a CDN, say) or the bucket's own address.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if MEDIA_STORAGE == "filesystem"
    else {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "access_key": env.str("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default=None),
            "custom_domain": env.str("AWS_S3_CUSTOM_DOMAIN", default=None),
            "querystring_auth": False,  # public images: plain, cacheable addresses
            "file_overwrite": False,
            "default_acl": None,  # the bucket's policy decides
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            # An upload or /readyz waits seconds, not botocore's default of a minute per try, for storage that hangs.
            "client_config": BotoConfig(
                connect_timeout=5, read_timeout=15, retries={"max_attempts": 3, "mode": "standard"}
            ),
        },
    },
    # Hashed, compressed names served for a year (collectstatic makes them): on wherever DEBUG is off, which
    # needs collectstatic first (`make serve` runs it); the tests, which run none, turn it off (pyproject.toml).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("HEALTHCMS_HASHED_STATIC", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# After a purge, the purged pages are made again by a task, ahead of the first reader (when publishing to static).
HEALTHCMS_PRERENDER = env.bool("HEALTHCMS_PRERENDER", default=True)
if env.str("HEALTHCMS_STATIC_PAGES_ROOT", default=""):
    STORAGES["static_pages"] = {
        "BACKEND": "articles.static_pages.StaticPagesStorage",
        "OPTIONS": {"location": env.path("HEALTHCMS_STATIC_PAGES_ROOT"), "base_url": "/"},
    }

# The PostgreSQL text-search configuration for the site's language.
HEALTHCMS_SEARCH_CONFIG = env.str("HEALTHCMS_SEARCH_CONFIG", default="english")

# Uploaded images: refused above these limits, with a message saying so.
HEALTHCMS_MAX_IMAGE_BYTES = env.int("HEALTHCMS_MAX_IMAGE_BYTES", default=10 * 1024 * 1024)
HEALTHCMS_MAX_IMAGE_PIXELS = env.int("HEALTHCMS_MAX_IMAGE_PIXELS", default=40_000_000)

# The admin's rich-text editor, replaceable by this one setting (any form widget
# that edits HTML in a textarea: a CKEditor 5 or TinyMCE widget, or Django's Textarea).
HEALTHCMS_RICH_TEXT_WIDGET = {"CLASS": "ckeditor.widgets.CKEditorWidget", "OPTIONS": {"config_name": "article"}}

# CKEditor 4 as shipped by django-ckeditor, limited to what a health article
# needs. Its maintainers no longer support it (check ckeditor.W001), so:
# whatever it sends is sanitized again on save (articles/sanitize.py), it is
# served only in the admin, to staff, and its file uploads are not enabled
# (ckeditor_uploader is not installed). With those measures in place the
# warning is acknowledged here; README.md explains how to swap the editor.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
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
# After a login whose ?next= was refused (another site, say), the workspace rather than Django's /accounts/profile/.
LOGIN_REDIRECT_URL = "admin:index"

# HTTPS, on whenever DEBUG is off: redirects, HSTS (with preload: the site
# commits to HTTPS for good), and cookies that never travel over plain HTTP.
HTTPS = env.bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers ask for health over plain HTTP, inside the network (healthcms/health.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = MULTIDB_PINNING_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=HTTPS)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if env.bool("BEHIND_PROXY", default=False):
    # Only behind a reverse proxy that sets these headers itself (deploy/nginx.conf): X-Forwarded-For holds
    # the reader's address alone, which login throttling (django-axes, through django-ipware) counts by.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)  # a working day
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): scripts, styles and images from the site
# itself; nothing may frame the site. See healthcms/middleware.py for the admin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],  # CKEditor and the admin set style attributes
        "img-src": [SELF, "data:", *env.list("CSP_IMG_SRC", default=[])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Logs on standard error, one JSON object per line in production (healthcms/logs.py), each with the
# request id of the request (or of the request that enqueued the task) it belongs to.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "healthcms.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Django's own console handler (DEBUG only) would print each of its lines a second time.
    "loggers": {"django": {"handlers": [], "level": env.str("LOG_LEVEL", default="INFO")}},
}

# Errors reported to Sentry, when it is set up.
if SENTRY_DSN := env.str("SENTRY_DSN", default=""):
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, send_default_pii=False, environment=env.str("SENTRY_ENVIRONMENT", default=None))
