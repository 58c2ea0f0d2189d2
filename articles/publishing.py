"""
What readers are served, kept in step with what is published.

A public page (``views.public_page``), once rendered, is kept in the full-page
cache (Django's ``pages`` cache: local memory for one process, a shared cache
such as Redis or ``filecache://`` when there are several) and, when
the ``static_pages`` storage is configured (``HEALTHCMS_STATIC_PAGES_ROOT``), written as a file for the web server
to send without asking Django (``articles/static_pages.py``). Neither ever serves a
page that has changed:

- Every change that alters public pages purges exactly those pages
  (``purge()``): approving, unpublishing or rescheduling an article, and
  saving a category, writer, reviewer or site page (the signals of
  ``articles/purges.py``, which says which pages each change alters);
  ``manage.py publish_scheduled``, run every minute, for go-live
  and expiry times as they pass; ``manage.py publish_static`` for everything,
  after a deploy or a bulk import.
- A page that shows an article with an expiry time is kept until that time
  only (``shown()``), also by browsers and CDNs, and is never written as a file.
- A CDN (``articles/cdn.py``) is told by each page's ``Surrogate-Key`` which purges reach it, and
  ``purge()`` purges it too.

Pages are purged by generation tokens, so a purge costs a few cache writes
however many pages it covers: each cached page records the tokens of the site,
of its first path segment (a category's directory: its page and its
articles' pages, with every ``?page=``) and of its path; a purge gives the
purged ones new random tokens, which no stored page holds. An article's
change purges its section's directories, those of every category under the
section at any depth (each category above the article lists it; the articles
there list it under "more in this category" and "related"), the home page,
the site's feed and those of its category and every category above it, the
pages of its writer and reviewer, the sitemap and every search result.
"""

import hashlib
import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import patch_cache_control
from multidb.middleware import pinning_cookie

from . import cdn, static_pages, tasks
from .models import Article

# Both live in static_pages; the STORAGES setting (healthcms/settings.py) names the storage class here.
from .static_pages import static_storage

logger = logging.getLogger(__name__)

EVERYTHING = "*"


@dataclass
class Pages:
    """A set of public pages: whole first path segments (``dirs``), single paths, or everything."""

    dirs: set = field(default_factory=set)
    paths: set = field(default_factory=set)


def _cache():
    return caches["pages"]


def _token_keys(path):
    segment = path.strip("/").split("/")[0]
    return [f"token:{EVERYTHING}", f"token:dir:{segment}", f"token:path:{path}"]


def _tokens(keys):
    """The current tokens of ``keys``, made (once, by whoever comes first) where missing."""
    cache = _cache()
    found = cache.get_many(keys)
    for key in set(keys) - set(found):
        cache.add(key, uuid.uuid4().hex, timeout=None)
    if len(found) < len(keys):
        found = cache.get_many(keys)
    return tuple(found.get(key) for key in keys)


def _entry_key(request):
    """One page as one reader is served it: address, host, scheme and language."""
    parts = [request.scheme, request.get_host(), request.LANGUAGE_CODE, request.get_full_path()]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def shown(request, articles):
    """
    Note that the page being made shows ``articles``: it stays valid until the first of them expires,
    and the CDN can purge it by what it shows (``cdn.shown_keys``).
    """
    now = timezone.now()
    for article in articles:
        request.healthcms_shown_keys = [*getattr(request, "healthcms_shown_keys", []), *cdn.shown_keys(article)]
        if article.expire_at and article.expire_at > now:
            until = getattr(request, "healthcms_valid_until", None)
            request.healthcms_valid_until = min(until or article.expire_at, article.expire_at)


def listing_every_article(view):
    """
    For a page that lists every published article (the sitemap): it is kept
    until the first of them expires (one indexed query, ``article_expiry``).
    """

    @wraps(view)
    def bounded(request, *args, **kwargs):
        now = timezone.now()
        first = Article.objects.published().filter(expire_at__gt=now).aggregate(first=Min("expire_at"))["first"]
        if first:
            request.healthcms_valid_until = first
        return view(request, *args, **kwargs)

    return bounded


def _seconds_left(valid_until):
    return None if valid_until is None else max(0, int((valid_until - timezone.now()).total_seconds()))


def _bound_cache_control(response, valid_until):
    """Browsers and CDNs keep the page no longer than it is valid."""
    left = _seconds_left(valid_until)
    if left is not None:
        patch_cache_control(
            response,
            max_age=min(left, settings.HEALTHCMS_CACHE_MAX_AGE),
            s_maxage=min(left, settings.HEALTHCMS_CACHE_S_MAXAGE),
        )
    return response


def _keyed(request, response):
    """Tell the CDN which purges reach the page: its ``Surrogate-Key`` (articles/cdn.py)."""
    keys = [*cdn.page_keys(request.path), *getattr(request, "healthcms_shown_keys", [])]
    response["Surrogate-Key"] = " ".join(dict.fromkeys(keys))
    return response


def _anonymous(request):
    """A reader's request: an editor's (session cookie) or a writer's just after a write (pinned to the primary
    database: django-multidb-router's cookie) is made afresh, never kept, and private (no CDN keeps it)."""
    personal = {settings.SESSION_COOKIE_NAME, pinning_cookie()} & request.COOKIES.keys()
    return request.method in ("GET", "HEAD") and not personal


def serve(request, view, *args, **kwargs):
    """Answer ``request`` from the page cache, or with ``view`` (keeping its page when it may be kept)."""
    if not _anonymous(request):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True)
        return _bound_cache_control(response, getattr(request, "healthcms_valid_until", None))
    cache_timeout, entry_key, token_keys = (
        settings.HEALTHCMS_PAGE_CACHE_TIMEOUT,
        _entry_key(request),
        _token_keys(request.path),
    )
    try:
        # Read before the page is made: a purge while it is being made leaves it holding old tokens, so it is never served.
        found = _cache().get_many([*token_keys, entry_key])  # one round trip for a kept page
        tokens = tuple(found.get(key) for key in token_keys)
        if None in tokens:
            tokens = _tokens(token_keys)
    except Exception:  # the cache is down: readers still get the page, made afresh
        logger.exception("The page cache cannot be read; serving %s without it.", request.path)
        response = _keyed(request, view(request, *args, **kwargs))
        return _bound_cache_control(response, getattr(request, "healthcms_valid_until", None))
    entry = found.get(entry_key) if cache_timeout else None
    if entry and entry["tokens"] == tokens and _seconds_left(entry["valid_until"]) != 0:
        return _bound_cache_control(entry["response"], entry["valid_until"])
    response = _keyed(request, view(request, *args, **kwargs))  # before it is kept: a kept copy carries it too
    if request.method != "GET":
        return _bound_cache_control(response, getattr(request, "healthcms_valid_until", None))
    if getattr(response, "is_rendered", True) is False:
        response.render()  # a TemplateResponse (the sitemap's): kept as it is sent
    valid_until = getattr(request, "healthcms_valid_until", None)
    _bound_cache_control(response, valid_until)
    if response.status_code == 200 and not response.cookies and not response.streaming:
        left = _seconds_left(valid_until)
        timeout = cache_timeout if left is None else min(left, cache_timeout)
        try:
            if timeout:
                _cache().set(entry_key, {"tokens": tokens, "response": response, "valid_until": valid_until}, timeout)
            if valid_until is None:
                _write_file(request, response, token_keys, tokens)
        except Exception:  # the reader still gets the page; the next request makes it again
            logger.exception("The page %s could not be kept.", request.path)
    return response


def _write_file(request, response, token_keys, tokens):
    storage = static_storage()
    name = static_pages.write(storage, request, response) if storage is not None else None
    # A purge gives new tokens, then removes files: if it came while this page was made, remove what was written.
    if name is not None and _tokens(token_keys) != tokens:
        storage.delete(name)


def purge(pages, again=True):
    """
    Stop serving ``pages`` from the cache, as files and from the CDN; the next request for each makes it
    afresh. ``again``: with read replicas, purge once more when they have caught up (not after a purge
    whose pages are made again at once from the primary, as publish_static's).
    """
    if not pages.dirs and not pages.paths:
        return  # (publish_scheduled, every minute, when nothing was due)
    keys = [f"token:{EVERYTHING}"] if EVERYTHING in pages.dirs else []
    keys += [f"token:dir:{directory}" for directory in pages.dirs - {EVERYTHING}]
    keys += [f"token:path:{path}" for path in pages.paths]
    try:
        _cache().set_many({key: uuid.uuid4().hex for key in keys}, timeout=None)
    finally:  # the files go, and the CDN is purged, even when the cache cannot be reached
        storage = static_storage()
        if storage is not None and EVERYTHING in pages.dirs:
            static_pages.remove(storage, dirs=[""])
        elif storage is not None:
            static_pages.remove(storage, dirs=pages.dirs, paths=pages.paths)
        # Last: the CDN asks for the pages again at once, and must be given them made afresh.
        if cdn.configured():
            tasks.later(tasks.purge_cdn, cdn.keys_for(pages.dirs, pages.paths, EVERYTHING in pages.dirs))
        # With read replicas, a reader may have had a page made from one that lagged behind: purge once more later.
        replicas = bool(settings.REPLICA_DATABASES)
        made_again = settings.HEALTHCMS_PRERENDER and storage is not None and EVERYTHING not in pages.dirs
        if again and replicas and purge_again.get_backend().supports_defer:
            later = timezone.now() + timedelta(seconds=settings.MULTIDB_PINNING_SECONDS)
            tasks.later(purge_again.using(run_after=later), sorted(pages.dirs), sorted(pages.paths))
        elif made_again and not (again and replicas):
            # The last purge of a change (never made from a lagging replica): its pages made again, ahead of readers.
            paths = {*pages.paths, *(f"/{directory}/" for directory in pages.dirs if directory)}
            tasks.later(tasks.prerender, sorted(path for path in paths if static_pages.STATIC_PATH.fullmatch(path)))


@tasks.retried
def purge_again(dirs, paths):
    purge(Pages(dirs=set(dirs), paths=set(paths)), again=False)


def purge_on_commit(pages):
    """Purge ``pages`` once the change is committed (a failure is logged: the change stands)."""
    transaction.on_commit(lambda: purge(pages), robust=True)
