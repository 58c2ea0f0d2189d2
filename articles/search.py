"""
The one place that knows how search runs: PostgreSQL full-text search with
ranking (title before summary before body) when on PostgreSQL, and a plain
"every word appears somewhere" match on SQLite.

On PostgreSQL each approved version stores its search document (a weighted
``tsvector``, ``ArticleVersion.search_document``, with a GIN index made by
migration 0005): it is computed once, when the version is approved
(``index()``), so a query reads the index instead of parsing every body.
``manage.py rebuild_search_index`` recomputes them all (after changing
``HEALTHCMS_SEARCH_CONFIG``, or after loading rows in bulk).
"""

import re
from functools import reduce
from operator import and_

from django.conf import settings
from django.db import connection
from django.db.models import F, Q

from .models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(raw):
    """The query as searched: control characters out, spaces collapsed, length bounded."""
    words = CONTROL_CHARACTERS.sub(" ", raw).split()
    return " ".join(words[:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def document():
    """The weighted search document of an approved version: title (A), summary (B), body (C)."""
    from django.contrib.postgres.search import SearchVector

    config = settings.HEALTHCMS_SEARCH_CONFIG
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def index(versions):
    """Store the search document of ``versions`` (a queryset of ArticleVersion); PostgreSQL only (else none)."""
    versions.update(search_document=document() if connection.vendor == "postgresql" else None)


def search(query):
    """Published articles matching ``query`` (already cleaned), best first."""
    articles = Article.objects.published().for_listing()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search_query = SearchQuery(query, search_type="websearch", config=settings.HEALTHCMS_SEARCH_CONFIG)
        return (
            articles.filter(live_version__search_document=search_query)
            .annotate(rank=SearchRank(F("live_version__search_document"), search_query))
            .order_by("-rank", "-first_published_at", "-pk")
        )
    words = query.split()
    each_word = [
        Q(live_version__title__icontains=w) | Q(live_version__summary__icontains=w) | Q(live_version__body__icontains=w)
        for w in words
    ]
    return articles.filter(reduce(and_, each_word))  # newest first
