"""Search reads an index of the approved versions: a stored document under a GIN index on PostgreSQL, FTS5 on SQLite."""

import json
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from articles import search, workflow
from articles.models import Article, ArticleVersion

from ..conftest import create_roles
from .test_listing_queries import plan

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="stored search documents are PostgreSQL's")


@pytest.fixture
def live(make_article, people):
    article = make_article(title="Dengue fever", body="<p>Mosquitoes spread the virus.</p>")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    return article


def found(client, query):
    return [a.slug for a in client.get(reverse("articles:search"), {"q": query}).context["page"].object_list]


def test_approval_indexes_the_version_and_search_reads_it(client, live, people):
    assert found(client, "mosquito") == [live.slug]  # stemmed: "Mosquitoes"
    # A revision's words are found only once it is approved, and the old ones no longer.
    workflow.start_revision(live, by=people["writer"])
    live.body = "<p>Aedes bites spread the virus.</p>"
    live.save()
    assert found(client, "aedes") == [] and found(client, "mosquito") == [live.slug]
    workflow.submit(live, by=people["writer"])
    workflow.approve(live, by=people["reviewer"])
    assert found(client, "aedes") == [live.slug] and found(client, "mosquito") == []


@postgresql_only
def test_the_match_is_answered_from_the_gin_index(live):
    from django.contrib.postgres.search import SearchQuery

    matching = ArticleVersion.objects.filter(search_document=SearchQuery("mosquito", config="english")).order_by()
    # Without table scans or plain index scans, what is left is a bitmap scan of an index that can match.
    assert "articles_version_search_document" in plan(matching.values("pk"), ruled_out=["seqscan", "indexscan"])


@postgresql_only
def test_the_document_is_not_computed_at_query_time(client, live):
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("articles:search"), {"q": "mosquito"})
    assert not [q for q in queries.captured_queries if "to_tsvector" in q["sql"]]


@pytest.mark.django_db(transaction=True)  # flush, as on a new site, outside any transaction
def test_an_import_computes_the_documents_whatever_the_file_says(tmp_path, live, roles):
    from articles.management.commands.export_content import serialize

    rows = serialize()
    for row in rows:
        if row["model"] == "articles.articleversion":
            row["fields"]["search_document"] = "'planted':1A" if connection.vendor == "postgresql" else None
    call_command("flush", "--no-input", verbosity=0)
    create_roles()
    path = tmp_path / "site.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.json", json.dumps({"format": 1, "objects": rows}))
    call_command("import_content", str(path), stdout=StringIO())
    assert list(search.search("planted")) == []
    assert [a.slug for a in search.search("mosquito")] == [live.slug]


def test_rebuild_search_index_recomputes_every_document(live):
    if connection.vendor == "postgresql":
        ArticleVersion.objects.update(search_document=None)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {search.FTS_TABLE}")
    assert list(search.search("mosquito")) == []
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed 1 approved versions." in out.getvalue()
    assert [a.slug for a in search.search("mosquito")] == [live.slug]


def test_sqlite_searches_the_fts5_table_not_the_bodies(client, live):
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5")
    with CaptureQueriesContext(connection) as queries:
        assert found(client, "mosquito") == [live.slug]
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert f"{search.FTS_TABLE} MATCH" in sql and "LIKE" not in sql


@pytest.mark.parametrize("query", ['"', '""', "!!!", "-", "o'brien", "NEAR(a b)", "a OR b", "title:x", "*", "^x", "ünïcödé 漢字"])
def test_any_query_is_words_not_syntax(client, live, query):
    assert client.get(reverse("articles:search"), {"q": query}).status_code == 200
