"""
A CDN in front of the site: public pages tell it what they show, and publishing purges by that.

Every public page carries a ``Surrogate-Key`` header (Fastly's name; Varnish xkey reads the same) with
- the keys the page cache's purges are made of (articles/publishing.py): ``all``, its first path
  segment ``dir-<segment>`` and its path ``path-<hash>``, so a CDN purge covers exactly what the
  page cache's purge covers;
- what it shows: ``article-<id>``, ``category-<id>``, ``author-<id>``, ``reviewer-<id>``, for an
  operator to purge by hand (everything showing article 12, say).
The CDN keeps a page ``s-maxage`` seconds (HEALTHCMS_CACHE_S_MAXAGE) or until it is purged.

Purges go through ``settings.HEALTHCMS_CDN_PURGER``, a dotted path to a callable taking a list of
keys: ``fastly_purge`` when CDN_PURGE_URL is set (Fastly's purge by surrogate key, or anything that
speaks it), else ``no_purge``. They run as a task (articles/tasks.py): retried when the CDN fails.
"""

import hashlib
import json
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

ALL = "all"
# Fastly takes at most 256 keys per purge request.
BATCH = 256


def path_key(path):
    """A page's own key: its path, hashed (a key is a short token without spaces)."""
    return "path-" + hashlib.sha256(path.encode()).hexdigest()[:20]


def dir_key(segment):
    return f"dir-{segment}"  # the home page's segment is empty: "dir-"


def page_keys(path):
    """The keys that the page cache's purges reach the page at ``path`` by (publishing._token_keys)."""
    return [ALL, dir_key(path.strip("/").split("/")[0]), path_key(path)]


def keys_for(dirs, paths, everything=False):
    """The keys of exactly the pages in ``dirs`` (first path segments) and at ``paths``, or of every page."""
    return [ALL] if everything else [*map(dir_key, dirs), *map(path_key, paths)]


def shown_keys(article):
    """
    The keys of what a page showing ``article`` (a live one) shows of it: its live version's, as the
    page's query loaded them. A listing's card shows no reviewer and loads none: no query for it.
    """
    version, keys = article.live_version, [f"article-{article.pk}"]
    deferred = version.get_deferred_fields()
    for kind in ["category", "author", "reviewer"]:
        if f"{kind}_id" not in deferred and getattr(version, f"{kind}_id"):
            keys.append(f"{kind}-{getattr(version, f'{kind}_id')}")
    return keys


def no_purge(keys):
    """No CDN to purge (or one that keeps pages only ``s-maxage`` seconds)."""


def fastly_purge(keys):
    """Purge ``keys`` at CDN_PURGE_URL (``https://api.fastly.com/service/<id>/purge``); an error raises."""
    for start in range(0, len(keys), BATCH):
        request = urllib.request.Request(
            settings.HEALTHCMS_CDN_PURGE_URL,
            method="POST",
            headers={
                "Surrogate-Key": " ".join(keys[start : start + BATCH]),
                "Fastly-Key": settings.HEALTHCMS_CDN_PURGE_TOKEN,
                "Accept": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # HTTPError (4xx, 5xx) raises
            json.load(response)  # Fastly answers {key: purge id}; anything else is not a purge


def configured():
    """Whether purging does anything."""
    return settings.HEALTHCMS_CDN_PURGER != "articles.cdn.no_purge"


def purge(keys):
    import_string(settings.HEALTHCMS_CDN_PURGER)(sorted(set(keys)))
