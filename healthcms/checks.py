"""healthcms's own system checks: settings a deployment can get wrong (`check --deploy`), and their clash with content."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.files.storage import default_storage
from django.http.request import validate_host
from django.utils.http import is_same_domain


@register(Tags.caches, deploy=True)
def page_cache_is_shared(app_configs, **kwargs):
    """A purge reaches only the process it runs in when each process has its own page cache."""
    backend = settings.CACHES["pages"]["BACKEND"]
    if settings.HEALTHCMS_PAGE_CACHE_TIMEOUT and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is in each process's own memory: a change purges the old page in the process "
                "that made it only, and the other workers, or the one worker when the change comes from cron's "
                "publish_scheduled or an import, go on serving it for up to HEALTHCMS_PAGE_CACHE_TIMEOUT seconds.",
                hint="Set PAGE_CACHE_URL to a cache that every process shares (redis://..., or "
                "filecache:///var/cache/healthcms on one machine), or HEALTHCMS_PAGE_CACHE_TIMEOUT=0.",
                id="healthcms.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def site_url_is_an_allowed_host(app_configs, **kwargs):
    """
    The site asks for its own pages at SITE_URL (pages made ahead, publish_static) and its emails link there:
    a host that ALLOWED_HOSTS refuses makes every such page a 400, and nothing is made.
    """
    host = urlsplit(settings.SITE_URL).hostname or ""
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"SITE_URL's host, {host or '(none)'}, is not in ALLOWED_HOSTS: the site refuses its own address, so "
            "pages made ahead and publish_static get 400 instead of pages, and links in emails are refused.",
            hint="Add it to ALLOWED_HOSTS, or set SITE_URL to the address readers use, e.g. https://health.example.org.",
            id="healthcms.W005",
        )
    ]


@register(Tags.database)
def categories_clear_of_the_sites_addresses(app_configs, databases=None, **kwargs):
    """A category whose slug another route takes (after ADMIN_URL moved, say) has a page nobody can reach."""
    from django.db import DatabaseError

    from articles.models import Category, reserved_slugs

    if not databases:
        return []
    try:
        taken = list(Category.objects.filter(slug__in=reserved_slugs()).values_list("slug", flat=True))
    except DatabaseError:  # not migrated yet: nothing to collide with
        return []
    return [
        Error(
            f"The category “{slug}” lives at /{slug}/, which the site uses for another page: its page cannot be reached.",
            hint="Give the category another slug, or move ADMIN_URL, STATIC_URL or MEDIA_URL.",
            id="healthcms.E001",
        )
        for slug in taken
    ]


@register(Tags.security, deploy=True)
def media_has_a_host_of_its_own(app_configs, **kwargs):
    """
    Uploaded files are served from a host that is not the site's, so that a file that slips through
    the upload checks (articles/images.py) can never run script on the site's origin, with the
    session of whoever opens it (Django's security docs, "User-uploaded content").

    A warning, like Django's own security.W0xx deploy checks: the site works, and the uploads are
    verified, re-encoded images, so this is a risk rather than a fault; `make check-deploy` fails
    on it all the same. It reports only what it can know: a MEDIA_URL without a host, or with one
    the site answers on (SITE_URL, ALLOWED_HOSTS). A sibling subdomain (media.example.org beside
    health.example.org) passes, though Django advises a domain of its own: telling the two apart
    needs the public-suffix list.
    """
    media_url = _media_url()
    host = urlsplit(media_url).hostname
    if host is None:
        problem = f"MEDIA_URL is “{media_url}”, a path on the site's own host"
    elif setting := _setting_naming_the_sites_host(host):
        problem = f"The uploads' host, {host}, is the site's own ({setting})"
    else:
        return []
    return [
        Warning(
            f"{problem}: uploaded images are served from the site's origin, where a file that slipped through "
            "the upload checks could run script as the site, with the session of whoever opens it.",
            hint="Serve MEDIA_ROOT from a host of its own, best on a domain of its own (Django's advice: a subdomain "
            "of the site's is not enough), and point MEDIA_URL there, e.g. MEDIA_URL=https://media.example.net/ "
            "for a site at health.example.org, with CSP_IMG_SRC=https://media.example.net (deploy/nginx-media.conf).",
            id="healthcms.W002",
        )
    ]


def _media_url():
    """Where readers fetch the uploads from: MEDIA_URL, or the object storage's address (MEDIA_STORAGE=s3)."""
    return default_storage.url("healthcms")[: -len("healthcms")]


def _setting_naming_the_sites_host(host):
    """SITE_URL or ALLOWED_HOSTS when it names ``host`` as one the site answers on, else None."""
    if host == urlsplit(settings.SITE_URL).hostname:
        return "SITE_URL"
    # "*" lets the site answer any Host header: it says nothing about which hosts are the site's.
    if any(is_same_domain(host, pattern) for pattern in settings.ALLOWED_HOSTS if pattern != "*"):
        return "ALLOWED_HOSTS"
    return None


@register(Tags.security, deploy=True)
def django_does_not_serve_media(app_configs, **kwargs):
    """
    In production the uploads go out from the web server or a CDN, never through Django's
    development view. A warning of its own rather than part of W002: it is another setting, and
    it can be wrong with MEDIA_URL on a host of its own; a warning for W002's reasons.
    """
    if settings.HEALTHCMS_SERVE_MEDIA and not settings.DEBUG:
        return [
            Warning(
                "HEALTHCMS_SERVE_MEDIA is on with DEBUG off: Django serves the uploaded images itself, through "
                "django.views.static.serve, which Django documents as a development aid not hardened for "
                "production use; each image also ties up a worker that pages need.",
                hint="Leave HEALTHCMS_SERVE_MEDIA unset (it follows DEBUG) and serve MEDIA_ROOT from the web server "
                "or a CDN at MEDIA_URL's host (deploy/nginx-media.conf).",
                id="healthcms.W003",
            )
        ]
    return []


@register(Tags.security)
def pages_may_show_the_uploads(app_configs, **kwargs):
    """
    With MEDIA_URL on a host of its own, the Content-Security-Policy must let pages load images
    from it, or browsers block every hero image and photo. Not a deploy check: the pages break
    wherever this is wrong, on a laptop too.
    """
    media = urlsplit(_media_url())
    if media.hostname is None or _setting_naming_the_sites_host(media.hostname):
        return []  # 'self' covers it (healthcms.W002's business)
    scheme = media.scheme or "https"
    if _policy_allows_images_from(scheme, media.hostname):
        return []
    origin = f"{scheme}://{media.netloc}"
    return [
        Warning(
            f"Pages may not show images from the uploads' host, {media.hostname}: the Content-Security-Policy's "
            "img-src does not list it, so browsers block every uploaded image.",
            hint=f"Add it to CSP_IMG_SRC, e.g. CSP_IMG_SRC={origin}, and to the img-src of deploy/nginx.conf.",
            id="healthcms.W004",
        )
    ]


def _policy_allows_images_from(scheme, host):
    """Whether CONTENT_SECURITY_POLICY's img-src (or default-src) allows images from another origin's ``host``."""
    directives = (settings.CONTENT_SECURITY_POLICY or {}).get("DIRECTIVES") or {}
    sources = directives.get("img-src", directives.get("default-src"))
    if sources is None:
        return True  # no policy on images
    accepted = {scheme, "http"} if scheme == "https" else {scheme}  # an http source allows https too (CSP 3)
    for source in map(str.lower, sources):
        if source == "*" or (source.endswith(":") and source[:-1] in accepted):
            return True
        if source.startswith("'") or source.endswith(":"):
            continue  # 'self', 'none', data:, another scheme
        allowed = urlsplit(source if "://" in source else f"//{source}")
        if allowed.scheme and allowed.scheme not in accepted:
            continue
        pattern = allowed.hostname or ""
        if host == pattern or (pattern.startswith("*.") and host.endswith(pattern[1:])):
            return True
    return False
