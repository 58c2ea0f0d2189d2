import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.http import Http404, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.static import serve

from articles.publishing import listing_every_article
from articles.sitemaps import SITEMAPS
from articles.views import public_page

from . import health


def serve_media(request, path):
    """Uploaded files, for a laptop or a test server; in production the web server or a CDN serves them."""
    if not settings.HEALTHCMS_SERVE_MEDIA:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def favicon(request):
    # Resolved per request, not when the URLconf loads: with hashed static names (WhiteNoise's manifest) the
    # name exists only after collectstatic, which runs after the commands that load the URLconf.
    return HttpResponsePermanentRedirect(static("healthcms/favicon.svg"))


# With MEDIA_URL on a host of its own, as in production (healthcms.W002), no address here serves an upload.
media = (
    []
    if urlsplit(settings.MEDIA_URL).netloc
    else [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", serve_media)]
)

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path(
        "sitemap.xml",
        public_page(listing_every_article(sitemaps.index)),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        public_page(listing_every_article(sitemaps.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("favicon.ico", favicon),
    *media,
    path("", include("articles.urls")),
]
