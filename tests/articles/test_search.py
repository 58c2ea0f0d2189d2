"""
Search reads an index of the approved versions: a stored document under a GIN index on PostgreSQL, FTS5 on SQLite.
It ranks the newest matches only (``search.CANDIDATES``) and shows a highlighted, escaped snippet of each result.
"""

import json
import re
import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import search, workflow
from articles.models import ArticleVersion

from ..conftest import create_roles
from .test_listing_queries import explain, plan

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="stored search documents are PostgreSQL's"
)


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """These tests are about what a search finds: each request makes its page afresh (the page cache has its tests)."""
    settings.HEALTHCMS_PAGE_CACHE_TIMEOUT = 0


@pytest.fixture
def live(make_article, people):
    article = make_article(title="Dengue fever", body="<p>Mosquitoes spread the virus.</p>")
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    return article


@pytest.fixture
def publish(make_article, people):
    """Make an article and approve it: newer with each call."""

    def publish(**kwargs):
        article = make_article(**kwargs)
        workflow.submit(article, by=people["writer"])
        workflow.approve(article, by=people["reviewer"])
        return article

    return publish


def found(client, query):
    return [a.slug for a in client.get(reverse("articles:search"), {"q": query}).context["page"].object_list]


def snippets(client, query):
    html = client.get(reverse("articles:search"), {"q": query}).content.decode()
    return re.findall(r'<p class="snippet">(.*?)</p>', html)


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


@pytest.mark.parametrize(
    "query", ['"', '""', "!!!", "-", "o'brien", "NEAR(a b)", "a OR b", "title:x", "*", "^x", "ünïcödé 漢字"]
)
def test_any_query_is_words_not_syntax(client, live, query):
    assert client.get(reverse("articles:search"), {"q": query}).status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        'dengue "', '"dengue', "dengue OR", "OR dengue", "dengue -", "-dengue", "dengue *", "*",
        "dengue NEAR(", "NEAR(dengue", "dengue AND NOT", "dengue:", "dengue^", "dengue\x00", "\x02dengue\x03",
        "<mark>dengue</mark>", "dengue " + "x" * 10_000,
        "dengue ünïcödé 漢字", "'; DROP TABLE articles_article; --", "dengue & | ! ( ) < > <->",
    ],
)  # fmt: skip
def test_any_query_with_a_match_gives_a_page(client, live, query):
    """Whatever surrounds a matching word, the page is answered (the snippet path included), and nothing is markup."""
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200
    before_the_results = response.content.decode().partition('class="cards"')[0]
    assert "<mark>" not in before_the_results  # the query is echoed as text, never as markup


def test_a_query_of_exclusions_only_does_not_list_every_article(client, live, publish):
    other = publish(title="Healthy sleep", body="<p>Rest well.</p>")
    assert other.slug not in found(client, "-dengue")  # PostgreSQL finds nothing; SQLite reads "-" as no syntax


# Bounded ranking


def test_only_the_newest_matches_are_ranked_and_the_page_says_so(client, publish, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 2)
    oldest = publish(title="Malaria", body="<p>How malaria is treated.</p>")  # the best match, but the oldest
    older, newest = (publish(title=f"Sleep {n}", body="<p>Rest helps recovery from malaria.</p>") for n in range(2))
    response = client.get(reverse("articles:search"), {"q": "malaria"})
    html = response.content.decode()
    assert [a.slug for a in response.context["page"].object_list] == [newest.slug, older.slug]
    assert "More than 2 articles found for “malaria”. The newest 2 are listed" in html
    assert ">Malaria</a>" not in html and oldest.get_absolute_url() not in html
    # With the bound above the number of matches nothing is left out, the title match comes first,
    # and the count is exact.
    monkeypatch.setattr(search, "CANDIDATES", 3)
    response = client.get(reverse("articles:search"), {"q": "malaria"})
    assert [a.slug for a in response.context["page"].object_list] == [oldest.slug, newest.slug, older.slug]
    assert "3 articles found for “malaria”." in response.content.decode()


def test_a_title_match_comes_before_body_only_matches_however_often_they_say_the_word(client, publish):
    title = publish(title="Asthma", body="<p>A long-term condition of the airways.</p>")
    body_only = publish(title="Breathing", body="<p>" + "Inhalers help asthma and asthma attacks. " * 30 + "</p>")
    assert found(client, "asthma") == [title.slug, body_only.slug]


def test_body_only_matches_are_ranked_among_themselves(client, publish):
    often = publish(title="Breathing", body="<p>Asthma. Asthma triggers. Asthma inhalers. Asthma at night.</p>")
    once = publish(title="Sleep", body="<p>People with asthma may sleep badly. " + "Life goes on. " * 20 + "</p>")
    assert found(client, "asthma") == [often.slug, once.slug]  # the newer one second


def test_results_page_through_the_ranked_articles(publish):
    articles = [publish(title=f"Malaria {n}") for n in range(3)]
    results = search.search("malaria")
    assert len(results) == 3 and not results.more
    assert [a.pk for a in results[1:3]] == [articles[1].pk, articles[0].pk]
    assert results[0].pk == articles[2].pk


# Snippets


def test_the_snippet_marks_the_matched_words(client, publish):
    publish(title="Dengue fever", body="<h2>Spread</h2><p>Mosquitoes spread the virus.</p><p>Mosquito nets help.</p>")
    # Stemmed ("mosquitoes"), case kept, and a tag is a space ("virus. Mosquito", not "virus.Mosquito").
    assert snippets(client, "mosquito") == [
        "Spread <mark>Mosquitoes</mark> spread the virus. <mark>Mosquito</mark> nets help."
    ]
    assert snippets(client, "virus nets") == [
        "Spread Mosquitoes spread the <mark>virus</mark>. Mosquito <mark>nets</mark> help."
    ]


def test_the_snippet_is_escaped_text_whatever_the_body_holds(client, publish):
    body = "<p>Never paste &lt;script&gt;alert(1)&lt;/script&gt; into a <b>dengue</b> forum &amp; chat.</p>"
    publish(title="Forum safety", body=body)
    [snippet] = snippets(client, "dengue")
    # The reader's text, escaped once: "<script>" written in the article, shown, never run; no tags from the body.
    assert snippet == "Never paste &lt;script&gt;alert(1)&lt;/script&gt; into a <mark>dengue</mark> forum &amp; chat."


def test_the_snippet_is_the_summary_when_the_body_does_not_match(client, publish):
    publish(title="Dengue fever", summary="A viral <infection> & its care.", body="<p>Mosquitoes spread the virus.</p>")
    assert snippets(client, "dengue") == ["A viral &lt;infection&gt; &amp; its care."]


def test_the_snippet_of_a_long_body_is_a_short_passage_around_the_match(client, publish):
    filler = "<p>" + "Plenty of water and rest. " * 200 + "</p>"
    publish(title="Dengue fever", body=filler + "<p>See a doctor if the rash spreads.</p>" + filler)
    [snippet] = snippets(client, "rash")
    assert "<mark>rash</mark>" in snippet and len(snippet.split()) <= search.SNIPPET_WORDS + 4


def test_snippets_are_made_for_the_page_shown_only(publish):
    [publish(title=f"Malaria {n}") for n in range(3)]
    results = search.search("malaria")
    assert len(results) == 3
    with CaptureQueriesContext(connection) as queries:
        [shown] = results[0:1]
    [sql] = [q["sql"] for q in queries.captured_queries]
    assert ("ts_headline" in sql or "snippet(" in sql) and f"IN ({shown.pk})" in sql


def test_a_stray_marker_character_is_dropped_and_everything_else_escaped():
    assert search.highlighted("a \x02b\x03 <c> & \x02d") == "a <mark>b</mark> &lt;c&gt; &amp; d"
    assert search.highlighted("no match <here>") is None


# Query budget and plans


def test_the_search_page_makes_three_queries_whatever_matches(client, publish, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(search, "CANDIDATES", 2)
    for n in range(4):
        publish(title=f"Malaria {n}")
    # the newest matches' ids and ranks (1) + the page's articles with their snippets (1) + navigation (1)
    with django_assert_num_queries(3):
        client.get(reverse("articles:search"), {"q": "malaria"})
    # no match: no page to fetch
    with django_assert_num_queries(2):
        client.get(reverse("articles:search"), {"q": "xylophone"})


def candidates_plan(query, ruled_out=()):
    """The database's plan of a search's first query, as ``plan()`` gives it for a queryset."""
    return explain(*search.candidates_sql(query, search.CANDIDATES + 1), ruled_out)


@postgresql_only
def test_a_rare_word_is_found_from_the_gin_index(live):
    # Bitmap scans only, and no nested loop (which would look each version up by id): each table
    # is read through an index that serves its condition, the versions through the GIN index.
    sql = candidates_plan("mosquito", ruled_out=["seqscan", "indexscan", "nestloop"])
    assert "articles_version_search_document" in sql and "Seq Scan" not in sql, sql


@postgresql_only
def test_a_common_word_is_found_newest_first_without_sorting_the_matches(live):
    # The ordered walk the planner takes when most articles match: an index read backwards,
    # stopped by the LIMIT, each live version checked against the query; no sort of the matches.
    sql = candidates_plan("mosquito", ruled_out=["seqscan", "bitmapscan", "sort"])
    assert "Index Scan Backward" in sql and "Sort" not in sql and "Seq Scan" not in sql, sql


@postgresql_only
def test_only_the_newest_matches_are_ranked_whatever_the_plan(live):
    # The rank is computed above the LIMIT (ts_rank appears after it in the plan), so a plan
    # that sorts the matches to find the newest does not rank them all.
    with connection.cursor() as cursor:
        sql, params = search.candidates_sql("mosquito", 1001)
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN VERBOSE {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    limit = next(i for i, line in enumerate(lines) if line.lstrip(" ->").startswith("Limit"))
    assert any("ts_rank" in line for line in lines[:limit]) and not any("ts_rank" in line for line in lines[limit:])


def test_sqlite_reads_the_newest_matches_from_fts5_without_sorting_them(live):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's FTS5")
    sql = candidates_plan("mosquito")
    # FTS5 gives its rowids (the version ids) downwards and the LIMIT stops it: no temporary B-tree.
    assert "VIRTUAL TABLE INDEX" in sql and "TEMP B-TREE" not in sql, sql
