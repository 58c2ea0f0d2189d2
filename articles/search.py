"""
The one place that knows how search runs: full-text search of the live
versions, ranked (title before summary before body), on an index on both
databases, so a query never reads the bodies.

- PostgreSQL: each approved version stores its weighted ``tsvector``
  (``ArticleVersion.search_document``), under a GIN index.
- SQLite: an FTS5 table, ``articles_version_search``, holds each approved
  version's title, summary and body text (rowid = the version's id), ranked
  with bm25.

Both are made by migration 0005_search_index and kept in step by ``index()``, which the
workflow calls when a version is approved and the import calls for what it
loads; ``rebuild()`` (``manage.py rebuild_search_index``) makes them afresh,
after a change of ``HEALTHCMS_SEARCH_CONFIG`` or a bulk load.
"""

import re

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils.html import strip_tags

from .models import Article, ArticleVersion

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

FTS_TABLE = "articles_version_search"
# bm25 weights of title, summary and body, as PostgreSQL's A, B and C.
FTS_RANK = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"


def clean_query(raw):
    """The query as searched: control characters out, spaces collapsed, length bounded."""
    words = CONTROL_CHARACTERS.sub(" ", raw).split()
    return " ".join(words[:MAX_WORDS])[:MAX_QUERY_LENGTH].strip()


def document():
    """PostgreSQL: the weighted search document of an approved version: title (A), summary (B), body (C)."""
    from django.contrib.postgres.search import SearchVector

    config = settings.HEALTHCMS_SEARCH_CONFIG
    return (
        SearchVector("title", weight="A", config=config)
        + SearchVector("summary", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def index(versions):
    """Make ``versions`` (a queryset of approved versions) searchable."""
    if connection.vendor == "postgresql":
        versions.update(search_document=document())
        return
    rows = [(pk, title, summary, strip_tags(body)) for pk, title, summary, body in versions.values_list("pk", "title", "summary", "body")]
    with connection.cursor() as cursor:
        # A test database's flush leaves this table alone, so an id may come round again.
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(row[0],) for row in rows])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)", rows)


def rebuild():
    """Make every approved version searchable afresh; the number of versions."""
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
    versions = ArticleVersion.objects.all()
    index(versions)
    return versions.count()


def search(query):
    """Published articles matching every word of ``query`` (already cleaned), best first."""
    articles = Article.objects.published().for_listing()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search_query = SearchQuery(query, search_type="websearch", config=settings.HEALTHCMS_SEARCH_CONFIG)
        return (
            articles.filter(live_version__search_document=search_query)
            .annotate(rank=SearchRank(F("live_version__search_document"), search_query))
            .order_by("-rank", "-first_published_at", "-pk")
        )
    # FTS5: each word as a quoted string (so nothing a reader types is query syntax), all of them required.
    match = " ".join('"{}"'.format(word.replace('"', '""')) for word in query.split())
    return articles.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = articles_article.live_version_id", f"{FTS_TABLE} MATCH %s"],
        params=[match],
        select={"rank": FTS_RANK},
    ).order_by("rank", "-first_published_at", "-pk")
