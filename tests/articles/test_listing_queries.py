"""Listings at a publisher's size: the index serves their order, and no listing reads an article's body."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import workflow
from articles.models import Article

from ..factories import CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(make_article, people):
    category = CategoryFactory(name="Diseases", slug="diseases")
    article = make_article(category=category, title="Dengue fever")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    return article


def plan(queryset, ruled_out=("seqscan", "sort")):
    """
    The database's plan for ``queryset``, as text. On PostgreSQL, with the plans in ``ruled_out``
    (table scans and sorts, by default) ruled out: the answer then says whether an index *can*
    serve the query's filter and order, whatever the size and statistics of the test's tables
    (which would otherwise make a scan look cheaper).
    """
    return explain(*queryset.query.sql_with_params(), ruled_out)


def explain(sql, params, ruled_out=("seqscan", "sort")):
    """The database's plan for the query ``sql`` with ``params`` (see ``plan``)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for kind in ruled_out:
                cursor.execute(f"SET LOCAL enable_{kind} = off")
            cursor.execute(f"EXPLAIN {sql}", params)
        else:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row) for row in cursor.fetchall())


def test_the_newest_first_order_of_every_listing_comes_from_an_index(live):
    newest = Article.objects.published().for_listing()[:9]
    assert "article_published_order" in plan(newest)


def test_the_featured_articles_come_from_their_own_index(live):
    featured = Article.objects.published().for_listing().filter(featured=True)[:3]
    assert "article_featured_order" in plan(featured)


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/diseases/",
        "/feeds/latest/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-pages.xml",
        "/search/?q=dengue",
    ],
)
def test_listings_read_no_article_body(client, live, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    for query in queries.captured_queries:
        columns = query["sql"].split(" FROM ")[0]
        # Search's snippets (ts_headline) read the shown rows' bodies in the database and return a short passage.
        columns = re.sub(r"ts_headline\(.*?\)", "", columns)
        assert '."body"' not in columns, query["sql"]


def test_the_article_page_reads_its_live_body_only(client, live):
    """The working copy's text (say, an edit waiting for review) is never read for readers."""
    with CaptureQueriesContext(connection) as queries:
        client.get(live.get_absolute_url())
    [article] = [
        q["sql"] for q in queries.captured_queries if 'FROM "articles_article" ' in q["sql"] and "LIMIT 21" in q["sql"]
    ]
    selected = article.split(" FROM ")[0]
    assert '"articles_articleversion"."body"' in selected and '"articles_article"."body"' not in selected
