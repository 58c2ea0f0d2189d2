"""
The one place that knows how search runs: full-text search of the live
versions, on an index on both databases, so finding the matches never reads
the bodies.

- PostgreSQL: each approved version stores its weighted ``tsvector``
  (``ArticleVersion.search_document``), under a GIN index.
- SQLite: an FTS5 table, ``articles_version_search``, holds each approved
  version's title, summary and body as plain text (rowid = the version's id).

Both are made by migration 0005_search_index and kept in step by ``index()``, which the
workflow calls when a version is approved and the import calls for what it
loads; ``rebuild()`` (``manage.py rebuild_search_index``) makes them afresh,
after a change of ``HEALTHCMS_SEARCH_CONFIG`` or a bulk load.

**Bounded ranking.** Finding the matches is cheap (an index answers it), but
ranking them is not: a rank reads each match's document (PostgreSQL's docs
say so of ``ts_rank``; bm25 likewise), and a common word such as "treatment"
is in nearly every article. So a search ranks only the newest ``CANDIDATES``
matches, "newest" meaning the most recently approved live version (the date
each result shows), because that is the order each index gives for free:
FTS5 reads its rowids (the version ids) downwards; PostgreSQL walks the
article's ``live_version`` index downwards and checks each version against
the query, or, for a rare word, takes the few matches from the GIN index and
sorts them (the planner chooses). Either way the scan stops after
``CANDIDATES + 1`` matches; the one more only says that there are more.
Among the candidates, title matches come first, then by rank (``ts_rank``;
bm25 weighted title 10, summary 4, body 1), then the newest.

The trade-off: for a word in more than ``CANDIDATES`` articles, an older
article that would rank higher is not listed at all, and the page says
"more than 1000 articles" instead of counting them (a count costs a pass
over every match, which is what we are avoiding). A reader who wants older
articles adds a word; below the bound nothing is left out and the count is
exact. (FTS5's bm25 still counts each word's matches once per query, for
its IDF: a pass over that word's index entries, about 1 ms per 20,000
matches, against some 200 ms to rank them all.)

**Snippets.** Each result shows a short passage of its body with the matched
words in ``<mark>`` (the summary when the body has no match), made by the
database (``ts_headline``; FTS5's ``snippet()``) for the page shown only,
never for all the matches. (``ts_headline`` parses each of those bodies
again, a few milliseconds for a dozen bodies of 9 KB; ``snippet()`` finds
the words from its index.) The passage is from the text without its tags;
everything in it is escaped except the ``<mark>`` added here.
"""

import html
import re
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils.html import escape, format_html_join

from .models import Article, ArticleVersion

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")

# How many of the newest matches are ranked (and counted) at most; see the docstring.
CANDIDATES = 1000

FTS_TABLE = "articles_version_search"
# bm25 weights of title, summary and body, as PostgreSQL's A, B and C.
FTS_RANK = f"bm25({FTS_TABLE}, 10.0, 4.0, 1.0)"
# The title's share alone: below zero exactly when a word of the query is in the title.
FTS_TITLE_RANK = f"bm25({FTS_TABLE}, 1.0, 0.0, 0.0)"

# What the database puts around a matched word in a snippet: control characters, which
# clean_query and the text never bring (and a stray one is dropped: see highlighted()).
START, STOP = "\x02", "\x03"
MARKED = re.compile(f"{START}([^{START}{STOP}]*){STOP}")
SNIPPET_WORDS = 30
TAG = re.compile(r"<[^>]*>")
SPACES = re.compile(r"\s+")


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


def plain_text(body):
    """
    SQLite: the text of a (sanitized) HTML body as FTS5 indexes and quotes it: each
    tag a space, as PostgreSQL's parser reads them ("<li>one</li><li>two</li>" is
    two words), and entities as the characters they stand for.
    """
    return html.unescape(TAG.sub(" ", body))


def index(versions):
    """Make ``versions`` (a queryset of approved versions) searchable."""
    if connection.vendor == "postgresql":
        versions.update(search_document=document())
        return
    rows = [
        (pk, title, summary, plain_text(body))
        for pk, title, summary, body in versions.values_list("pk", "title", "summary", "body")
    ]
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
    """Published articles matching every word of ``query`` (already cleaned), best first: a ``Results``."""
    return Results(query)


class Results:
    """
    What a search found, for ``Paginator``: a sequence of articles, best first,
    among the newest ``CANDIDATES`` matches. Its length (``Paginator.count``) is
    known from one query that returns ids and ranks only; each page is fetched
    by a second query, which also makes the page's snippets (``article.snippet``).
    ``more`` says whether more articles matched than were ranked.
    """

    def __init__(self, query):
        self.query = query
        self.limit = CANDIDATES  # read now, not at import, so a test may lower it

    @cached_property
    def _candidates(self):
        """The newest matches, ``limit + 1`` at most (the one more says there are more)."""
        words = self.query.lower().split()
        if connection.vendor == "postgresql" and all(word.startswith("-") or word == "or" for word in words):
            # Exclusions only ("-diet", websearch syntax): no index finds "the articles without
            # a word", so the newest-first walk would read every article. This finds nothing.
            return []
        with connection.cursor() as cursor:
            cursor.execute(*candidates_sql(self.query, self.limit + 1))
            return [Candidate(*row) for row in cursor.fetchall()]

    @cached_property
    def _ranked(self):
        """The newest ``limit`` matches, best first: title matches, then by rank, then newest."""
        newest = sorted(self._candidates, key=lambda c: c.version_id, reverse=True)[: self.limit]
        return sorted(newest, key=lambda c: (not c.in_title, -c.rank, -c.version_id))

    @property
    def more(self):
        """Whether more articles matched than were ranked (then ``len()`` is the bound, not the count)."""
        return len(self._candidates) > self.limit

    def __len__(self):
        return len(self._ranked)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._articles(self._ranked[index])
        return self._articles([self._ranked[index]])[0]

    def __iter__(self):
        return iter(self[:])

    def _articles(self, shown):
        """The articles of the ``shown`` candidates, in that order, each with its ``snippet``."""
        if not shown:
            return []
        ids, version_ids = [c.article_id for c in shown], [c.version_id for c in shown]
        if connection.vendor == "postgresql":
            articles = _postgresql_snippets(self.query, ids)
        else:
            articles = _sqlite_snippets(self.query, ids, version_ids)
        by_id = {article.pk: article for article in articles}
        found = [by_id[pk] for pk in ids if pk in by_id]  # one unpublished since the first query is left out
        for article in found:
            article.snippet = highlighted(article.body_snippet) or article.live_version.summary
        return found


class Candidate(NamedTuple):
    """A match, as the first query of a search gives it."""

    article_id: int
    version_id: int  # the live version's: the higher, the newer
    in_title: bool  # whether a word of the query is in the title
    rank: float  # the higher, the better


def candidates_sql(query, limit):
    """The SQL and parameters of the newest ``limit`` matches of ``query``, as ``Candidate`` rows in no order."""
    if connection.vendor == "postgresql":
        return _postgresql_candidates(query, limit)
    return _sqlite_candidates(query, limit)


def highlighted(snippet):
    """
    A snippet from the database as HTML: its text escaped, its matched words in
    ``<mark>``; ``None`` if it marks no word (the body didn't match).
    """
    parts = MARKED.split(snippet or "")  # text, matched word, text, …, text
    if len(parts) == 1:
        return None
    # A marker character that came from the text, not around a match, is dropped; the
    # spaces the tags left, collapsed.
    parts = [SPACES.sub(" ", part.replace(START, "").replace(STOP, "")) for part in parts]
    parts[0], parts[-1] = parts[0].lstrip(), parts[-1].rstrip()
    pairs = zip(parts[0::2], parts[1::2], strict=False)  # (the text after the last mark has no pair)
    return format_html_join("", "{}<mark>{}</mark>", pairs) + escape(parts[-1])


# PostgreSQL: the query as websearch_to_tsquery reads it (quotes, "or", "-" are
# understood; nothing a reader types is an error).


def _tsquery(query):
    from django.contrib.postgres.search import SearchQuery

    return SearchQuery(query, search_type="websearch", config=settings.HEALTHCMS_SEARCH_CONFIG)


def _postgresql_candidates(query, limit):
    newest = (
        Article.objects.published()
        .filter(live_version__search_document=_tsquery(query))
        .order_by("-live_version_id")
        .values("pk", "live_version_id", document=F("live_version__search_document"), tsquery=_tsquery(query))
    )
    sql, params = newest[:limit].query.sql_with_params()
    # Ranked outside the LIMIT (a derived table), so only the rows it lets through are
    # ranked, whichever plan finds them: the walk down the live_version index when most
    # articles match, or the GIN index and a sort of the few matches otherwise (in one
    # query, the planner would rank every match before that sort). ts_filter(…, '{a}')
    # keeps the title's lexemes (weight A).
    ranked = (
        "SELECT pk, live_version_id, ts_filter(document, '{a}') @@ tsquery, ts_rank(document, tsquery) "
        f"FROM ({sql}) AS newest"
    )
    return ranked, params


def _postgresql_snippets(query, ids):
    from django.contrib.postgres.search import SearchHeadline

    snippet = SearchHeadline(
        "live_version__body",
        _tsquery(query),
        config=settings.HEALTHCMS_SEARCH_CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS * 2 // 3,  # fewer, and a short body is cut before its first words
    )
    articles = Article.objects.published().for_listing().filter(pk__in=ids).annotate(body_snippet=snippet)
    for article in articles:
        # ts_headline reads the HTML: it makes each tag a space but leaves entities ("&lt;") as they are.
        article.body_snippet = html.unescape(article.body_snippet)
        yield article


# SQLite: each word as a quoted FTS5 string (so nothing a reader types is query
# syntax), all of them required.


def _fts_match(query):
    return " ".join('"{}"'.format(word.replace('"', '""')) for word in query.split())


def _fts_join(articles, query, **extra):
    return articles.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = articles_article.live_version_id", f"{FTS_TABLE} MATCH %s"],
        params=[_fts_match(query)],
        **extra,
    )


def _sqlite_candidates(query, limit):
    newest = _fts_join(
        Article.objects.published(),
        query,
        select={"in_title": f"{FTS_TITLE_RANK} < 0", "rank": f"-{FTS_RANK}"},
        # FTS5 reads its rowids downwards and stops at the LIMIT: no sort, and bm25 for those rows only.
        order_by=[f"-{FTS_TABLE}.rowid"],
    )
    return newest.values_list("pk", "live_version_id", "in_title", "rank")[:limit].query.sql_with_params()


def _sqlite_snippets(query, ids, version_ids):
    # Column 2 is the body; "…" where the passage is cut.
    snippet = f"snippet({FTS_TABLE}, 2, %s, %s, '…', {SNIPPET_WORDS})"
    articles = Article.objects.published().for_listing().filter(pk__in=ids)
    # The page's rowids, named: FTS5 then seeks to each (a dozen) instead of running the whole
    # match and joining (which SQLite's planner prefers for the join above, at ~1 ms per thousand matches).
    rowids = ", ".join(["%s"] * len(version_ids))
    articles = _fts_join(articles, query, select={"body_snippet": snippet}, select_params=[START, STOP])
    return articles.extra(where=[f"{FTS_TABLE}.rowid IN ({rowids})"], params=version_ids)
