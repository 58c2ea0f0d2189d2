"""
Category, writer and reviewer listings at a publisher's size: each filters on
a copy of the live version's category or people kept on the article, through
an index of its own, and pages by keyset, so a deep page costs what the first does.
"""

import datetime
import importlib
import json
import re
import zipfile
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import views, workflow
from articles.models import LIVE_FIELDS, Article

from ..conftest import create_roles
from ..factories import CategoryFactory
from .test_listing_queries import plan

pytestmark = pytest.mark.django_db

S = Article.Status


@pytest.fixture(autouse=True)
def fresh_pages():
    """Every request here builds its page (one cached by an earlier test or request would make no query)."""
    for cache in caches.all():
        cache.clear()


def put_live(article, people, reviewer="reviewer"):
    workflow.submit(article, by=people["editor"])
    workflow.approve(article, by=people[reviewer])
    return article


def live_copies(article):
    article.refresh_from_db()
    return article.live_category, article.live_section, article.live_author, article.live_reviewer


@pytest.fixture
def sections():
    """Two sections, each with a subcategory."""
    diseases, nutrition = CategoryFactory(slug="diseases"), CategoryFactory(slug="nutrition")
    return {
        "diseases": diseases,
        "infections": CategoryFactory(slug="infections", parent=diseases),
        "nutrition": nutrition,
        "vitamins": CategoryFactory(slug="vitamins", parent=nutrition),
    }


# The copies, kept by the workflow.


def test_approval_copies_the_live_versions_category_section_and_people(make_article, people, sections):
    article = put_live(make_article(category=sections["infections"]), people)
    writer, reviewer = people["writer"].author_profile, people["reviewer"].reviewer_profile
    assert live_copies(article) == (sections["infections"], sections["diseases"], writer, reviewer)


def test_unpublishing_clears_the_copies(make_article, people, sections):
    article = put_live(make_article(category=sections["infections"]), people)
    workflow.unpublish(article, by=people["editor"], comment="Outdated.")
    assert article.live_category is None and article.live_reviewer_id is None  # the caller's copy too
    assert live_copies(article) == (None, None, None, None)


def test_a_revision_moves_the_copies_only_when_it_is_approved(make_article, people, sections):
    article = put_live(make_article(category=sections["infections"]), people)
    before = live_copies(article)
    workflow.start_revision(article, by=people["editor"])
    Article.objects.filter(pk=article.pk).update(
        category=sections["vitamins"], author=people["other_writer"].author_profile
    )
    workflow.reassign(article, by=people["editor"], reviewer=people["other_reviewer"].reviewer_profile)
    workflow.submit(article, by=people["editor"])
    assert live_copies(article) == before  # readers still see the approved version
    workflow.approve(article, by=people["other_reviewer"])
    assert live_copies(article) == (
        sections["vitamins"], sections["nutrition"],
        people["other_writer"].author_profile, people["other_reviewer"].reviewer_profile,
    )  # fmt: skip


def test_a_category_moved_to_another_section_takes_its_articles_along(client, make_article, people, sections):
    article = put_live(make_article(category=sections["infections"]), people)
    sections["infections"].parent = sections["nutrition"]
    sections["infections"].save()
    assert live_copies(article)[1] == sections["nutrition"]
    assert f"/{article.slug}/" in page_text(client.get("/nutrition/"))
    assert f"/{article.slug}/" not in page_text(client.get("/diseases/"))


def test_the_migration_fills_the_copies_from_the_live_versions(make_article, people, sections):
    # Several, each with its own values: an UPDATE whose subquery read the wrong row would show.
    published = [
        put_live(make_article(category=sections[name]), people) for name in ["infections", "vitamins", "infections"]
    ]
    draft = make_article(category=sections["vitamins"])
    expected = [live_copies(article) for article in published]
    Article.objects.update(live_category=None, live_section=None, live_author=None, live_reviewer=None)
    importlib.import_module("articles.migrations.0008_live_copies").copy_from_live_versions(apps, None)
    assert [live_copies(article) for article in published] == expected
    assert live_copies(draft) == (None, None, None, None)


@pytest.mark.django_db(transaction=True)  # flush, as on a new site, outside any transaction
def test_an_import_makes_the_copies_from_the_live_versions_whatever_the_file_says(
    make_article, people, sections, tmp_path
):
    article = put_live(make_article(slug="dengue", category=sections["infections"]), people)
    expected = [getattr(article, f"{name}_id") for name in LIVE_FIELDS]
    call_command("export_content", str(tmp_path / "site.zip"), stdout=StringIO())
    with zipfile.ZipFile(tmp_path / "site.zip") as archive:
        data = json.loads(archive.read("data.json"))
    [row] = [row for row in data["objects"] if row["model"] == "articles.article"]
    row["fields"].update(live_category=sections["vitamins"].pk, live_section=None, live_author=None)
    with zipfile.ZipFile(tmp_path / "tampered.zip", "w") as archive:
        archive.writestr("data.json", json.dumps(data))
    call_command("flush", "--no-input", verbosity=0)
    create_roles()
    call_command("import_content", str(tmp_path / "tampered.zip"), stdout=StringIO())
    assert list(Article.objects.values_list(*[f"{name}_id" for name in LIVE_FIELDS]).get()) == expected


# Listings read the copies.


def page_text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_listings_follow_the_live_version_to_its_new_category_and_people(client, make_article, people, sections):
    moved = put_live(make_article(title="Vitamin D", slug="vitamin-d", category=sections["infections"]), people)
    stays = put_live(make_article(title="Dengue", slug="dengue", category=sections["infections"]), people)
    workflow.start_revision(moved, by=people["editor"])
    Article.objects.filter(pk=moved.pk).update(
        category=sections["vitamins"], author=people["other_writer"].author_profile
    )
    workflow.reassign(moved, by=people["editor"], reviewer=people["other_reviewer"].reviewer_profile)
    put_live(moved, people, reviewer="other_reviewer")

    def listed(url):
        return {slug for slug in ["vitamin-d", "dengue"] if f"/{slug}/" in page_text(client.get(url))}

    assert listed("/infections/") == listed("/diseases/") == {"dengue"}
    assert listed("/vitamins/") == listed("/nutrition/") == {"vitamin-d"}
    assert listed("/feeds/infections/") == {"dengue"} and listed("/feeds/nutrition/") == {"vitamin-d"}
    assert listed(people["writer"].author_profile.get_absolute_url()) == {"dengue"}
    assert listed(people["other_writer"].author_profile.get_absolute_url()) == {"vitamin-d"}
    assert listed(people["reviewer"].reviewer_profile.get_absolute_url()) == {"dengue"}
    assert listed(people["other_reviewer"].reviewer_profile.get_absolute_url()) == {"vitamin-d"}
    sitemap = page_text(client.get("/sitemap-people.xml"))
    assert people["writer"].author_profile.slug in sitemap and people["other_reviewer"].reviewer_profile.slug in sitemap
    # The article page's "more in this category" and "related" blocks: the other article is in neither now.
    assert "/vitamin-d/" not in page_text(client.get(stays.get_absolute_url()))


def test_a_category_with_subcategories_under_a_subcategory_lists_both(client, make_article, people, sections):
    """Deeper trees are served too (without an index of their own for the order)."""
    deeper = CategoryFactory(slug="dengue-types", parent=sections["infections"])
    put_live(make_article(title="Severe dengue", slug="severe-dengue", category=deeper), people)
    put_live(make_article(title="Malaria", slug="malaria", category=sections["infections"]), people)
    html = page_text(client.get("/infections/"))
    assert "/severe-dengue/" in html and "/malaria/" in html


# Keyset pages.


@pytest.fixture
def many(make_article, people, sections, monkeypatch):
    """23 articles in Infections, with ties in first publication (three at one moment, four at another)."""
    monkeypatch.setattr(views, "PER_PAGE", 4)
    articles = [
        put_live(make_article(title=f"Piece {n:02d}", category=sections["infections"]), people) for n in range(23)
    ]
    moment = timezone.now() - datetime.timedelta(days=3)
    Article.objects.filter(pk__in=[a.pk for a in articles[5:8]]).update(first_published_at=moment)
    Article.objects.filter(pk__in=[a.pk for a in articles[12:16]]).update(
        first_published_at=moment.replace(microsecond=0)
    )
    return list(Article.objects.filter(live_version__isnull=False).order_by("-first_published_at", "-pk"))


def walk(client, url, rel):
    """Every page of a listing from ``url`` on, following its ``rel`` links: [(slugs, response)]."""
    pages = []
    while url:
        response = client.get(url)
        html = page_text(response)
        pages.append(re.findall(r'<h3><a href="/[\w-]+/([\w-]+)/">', html))
        link = re.search(rf'href="(\?[^"]+)" rel="{rel}"', html)
        url = link and url.split("?")[0] + link[1]
    return pages


@pytest.mark.parametrize("listing", ["/diseases/", "/infections/", "/authors/{author}/", "/reviewers/{reviewer}/"])
def test_older_pages_list_every_article_once_in_order_and_newer_pages_lead_back(client, many, people, listing):
    url = listing.format(author=people["writer"].author_profile.slug, reviewer=people["reviewer"].reviewer_profile.slug)
    older = walk(client, url, "next")
    assert [slug for page in older for slug in page] == [a.slug for a in many]
    assert [len(page) for page in older] == [4, 4, 4, 4, 4, 3]
    # From the last page back to the first, by the "Newer articles" links.
    last = client.get(url).content.decode()
    for _ in range(5):
        last = client.get(url + re.search(r'href="(\?[^"]+)" rel="next"', last)[1]).content.decode()
    last_url = url + "?" + re.search(r'rel="canonical" href="[^"?]+\?([^"]+)"', last)[1]
    assert walk(client, last_url, "prev") == older[::-1]


def test_a_page_is_addressed_by_its_cursor_in_the_canonical_link(client, many):
    first = page_text(client.get("/infections/"))
    assert 'rel="canonical" href="http://testserver/infections/"' in first
    older = re.search(r'href="\?(before=[^"]+)" rel="next"', first)[1]
    assert re.fullmatch(r"before=[0-9]{8}T[0-9]{6}\.[0-9]{6}Z-[0-9]+", older)
    assert f'rel="canonical" href="http://testserver/infections/?{older}"' in page_text(
        client.get(f"/infections/?{older}")
    )
    nav = re.search(r'<nav class="pagination" aria-label="Pages">.*?</nav>', first, re.S)[0]
    assert ">Older articles</a>" in nav and "Newer" not in nav


@pytest.mark.parametrize(
    "query",
    [
        "before=",
        "after=",
        "before=abc",
        "before=%00",
        "before=20261120T101530.123456Z-1%00",
        "before=" + "0" * 40,
        "before=1&before=2",
        "before=99999999999999999999999999",
        "before=20261120T101530.123456Z-99999999999999999999",
        "before=20261120T101530.123456Z-0",
        "before=20261120T101530.123456Z--1",
        "before=20261120T101530Z-1",
        "before=20260231T101530.123456Z-1",
        "before=00000101T000000.000000Z-1",
        "before=20261120T251530.123456Z-1",
        "before=２０２６１１２０T101530.123456Z-1",
        "before=20261120T101530.123456Z-1%0A",
        "before=20261120T101530.123456Z-1&after=20261120T101530.123456Z-1",
        "before[]=1",
    ],
)
def test_a_cursor_that_is_not_ours_is_not_found(client, many, query):
    response = client.get(f"/infections/?{query}")
    if query == "before[]=1":  # a parameter the page does not know is ignored
        assert response.status_code == 200
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("url", ["/infections/", "/authors/{author}/", "/reviewers/{reviewer}/"])
def test_old_page_numbers_redirect_to_the_first_page_for_good(client, many, people, url):
    url = url.format(author=people["writer"].author_profile.slug, reviewer=people["reviewer"].reviewer_profile.slug)
    for page in ["2", "896", "-1", "abc", "%00", "1" * 100]:
        response = client.get(f"{url}?page={page}")
        assert (response.status_code, response["Location"]) == (301, url)


def test_a_page_emptied_since_its_link_was_made_leads_to_the_first_page(client, many):
    long_ago = "before=20000101T000000.000000Z-1"
    response = client.get(f"/infections/?{long_ago}")
    assert (response.status_code, response["Location"]) == (302, "/infections/")


# What a page costs.


@pytest.mark.parametrize(
    "url, budget",
    [
        # category with parent (1) + subcategories (1) + page of articles (1) + navigation (1)
        ("/diseases/", 4),
        ("/infections/", 4),
        # the person (1) + page of articles (1) + navigation (1)
        ("/authors/{author}/", 3),
        ("/reviewers/{reviewer}/", 3),
    ],
)
def test_a_deep_page_costs_the_queries_of_the_first(client, many, people, django_assert_num_queries, url, budget):
    url = url.format(author=people["writer"].author_profile.slug, reviewer=people["reviewer"].reviewer_profile.slug)
    # The first page, the last (older than the 20th article), and one reached by "Newer articles".
    for address in [url, f"{url}?before={views.cursor(many[19])}", f"{url}?after={views.cursor(many[16])}"]:
        with django_assert_num_queries(budget):
            assert client.get(address).status_code == 200


def listing_queries(sections, people):
    """Each listing's query, on its first page and past a cursor, older and newer."""
    listing = Article.objects.published().for_listing()
    moment, pk = timezone.now(), 10
    for name, articles in [
        ("article_live_section_order", listing.in_category(sections["diseases"], [sections["infections"]])),
        ("article_live_category_order", listing.in_category(sections["infections"], [])),
        ("article_live_category_order", listing.filter(live_category=sections["infections"]).exclude(pk=pk)),
        (
            "article_live_section_order",
            listing.filter(live_section=sections["diseases"]).exclude(live_category=sections["infections"]),
        ),
        ("article_live_author_order", listing.filter(live_author=people["writer"].author_profile)),
        ("article_live_reviewer_order", listing.filter(live_reviewer=people["reviewer"].reviewer_profile)),
    ]:
        yield name, articles[:13]
        yield name, articles.older_than(moment, pk)[:13]
        yield name, articles.newer_than(moment, pk).reverse()[:13]


def test_listings_are_read_in_order_from_their_own_index(many, sections, people):
    for index, queryset in listing_queries(sections, people):
        explained = plan(queryset)
        assert index in explained, explained
        if connection.vendor == "postgresql":
            assert "Seq Scan" not in explained and "Sort" not in explained, explained
        else:
            assert "TEMP B-TREE" not in explained, explained


def test_a_listing_page_reads_no_more_rows_than_it_shows(client, many):
    """One more than a page, to know whether another follows; never a COUNT or an OFFSET."""
    with CaptureQueriesContext(connection) as queries:
        page_text(client.get("/diseases/?before=20991231T000000.000000Z-1"))
    [listing] = [q["sql"] for q in queries.captured_queries if "articles_articleversion" in q["sql"]]
    assert "LIMIT 5" in listing and "OFFSET" not in listing and "COUNT(" not in listing.upper()
