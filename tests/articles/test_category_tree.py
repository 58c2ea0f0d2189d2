"""
Categories nest to any depth: an article three levels down (a section › a
subcategory › a sub-subcategory) is listed, named in breadcrumbs and purged
from the page cache as one right under its section is.
"""

import re

import pytest

from articles import workflow
from articles.models import Article

from ..factories import CategoryFactory
from .test_page_cache import files, made_afresh, warm
from .test_views import json_ld

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(make_article, people):
    """
    Diseases › Infections › Flu, with "Flu basics" live in Flu (by Wendy, reviewed by Rita);
    Nutrition › Vitamins with "Vitamin D", and Mental health with "Sleep well" (both by Otto,
    reviewed by Oscar).
    """
    diseases = CategoryFactory(name="Diseases", slug="diseases")
    infections = CategoryFactory(name="Infections", slug="infections", parent=diseases)
    flu = CategoryFactory(name="Flu", slug="flu", parent=infections)
    nutrition = CategoryFactory(name="Nutrition", slug="nutrition")
    vitamins = CategoryFactory(name="Vitamins", slug="vitamins", parent=nutrition)
    mental_health = CategoryFactory(name="Mental health", slug="mental-health")
    otto, oscar = people["other_writer"].author_profile, people["other_reviewer"].reviewer_profile
    make_article(Article.Status.PUBLISHED, title="Flu basics", slug="flu-basics", category=flu)
    for title, slug, category in [("Vitamin D", "vitamin-d", vitamins), ("Sleep well", "sleep-well", mental_health)]:
        article = make_article(title=title, slug=slug, category=category, author=otto, reviewer=oscar)
        workflow.submit(article, by=people["other_writer"])
        workflow.approve(article, by=people["other_reviewer"])
    return {"people": people, "infections": infections, "flu": flu, "vitamins": vitamins}


DISEASES = ["/diseases/", "/infections/", "/flu/", "/flu/flu-basics/"]
NUTRITION = ["/nutrition/", "/vitamins/", "/vitamins/vitamin-d/"]
MENTAL_HEALTH = ["/mental-health/", "/mental-health/sleep-well/"]
FEEDS = [
    "/feeds/latest/",
    "/feeds/diseases/",
    "/feeds/infections/",
    "/feeds/flu/",
    "/feeds/nutrition/",
    "/feeds/vitamins/",
    "/feeds/mental-health/",
]
EVERYWHERE = ["/", "/sitemap.xml", "/sitemap-articles.xml", "/search/?q=flu"]
WENDY_AND_RITA = ["/authors/wendy-writer/", "/reviewers/dr-rita-reviewer/"]
OTTO_AND_OSCAR = ["/authors/otto-writer/", "/reviewers/dr-oscar-reviewer/"]
PAGES = [*DISEASES, *NUTRITION, *MENTAL_HEALTH, *FEEDS, *EVERYWHERE, *WENDY_AND_RITA, *OTTO_AND_OSCAR]


def breadcrumb(html):
    """The breadcrumb's ``[(name, address)]``, as the page shows it."""
    nav = re.search(r'<nav class="breadcrumb[^"]*".*?</nav>', html, re.DOTALL)[0]
    return [(name, href) for href, name in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)]


# Listings.


@pytest.mark.parametrize(
    "path", ["/flu/", "/infections/", "/diseases/", "/feeds/flu/", "/feeds/infections/", "/feeds/diseases/"]
)
def test_every_category_above_an_article_lists_it(client, tree, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "/flu/flu-basics/" in response.content.decode()


# Breadcrumbs.


def test_the_breadcrumb_of_an_article_three_levels_deep_names_every_category_above_it(client, tree):
    html = client.get("/flu/flu-basics/").content.decode()
    trail = [
        ("Home", "/"),
        ("Diseases", "/diseases/"),
        ("Infections", "/infections/"),
        ("Flu", "/flu/"),
        ("Flu basics", "http://testserver/flu/flu-basics/"),
    ]
    assert breadcrumb(html) == trail
    [_, listed] = json_ld(html)["@graph"]
    assert [(item["name"], item["item"]) for item in listed["itemListElement"]] == [
        (name, "http://testserver" + address if address.startswith("/") else address) for name, address in trail
    ]


def test_the_breadcrumb_of_a_category_three_levels_deep_names_every_category_above_it(client, tree):
    html = client.get("/flu/").content.decode()
    assert breadcrumb(html) == [
        ("Home", "/"),
        ("Diseases", "/diseases/"),
        ("Infections", "/infections/"),
        ("Flu", "/flu/"),
    ]
    assert '<a href="/flu/" aria-current="page">Flu</a>' in html


def test_a_breadcrumb_follows_a_move_to_another_section(client, tree):
    tree["infections"].parent = tree["vitamins"]
    tree["infections"].save()
    html = client.get("/flu/flu-basics/").content.decode()
    assert [name for name, _ in breadcrumb(html)] == [
        "Home",
        "Nutrition",
        "Vitamins",
        "Infections",
        "Flu",
        "Flu basics",
    ]


# What a page costs.


@pytest.mark.parametrize(
    "path, budget",
    [
        # Two levels or fewer: the category is read with its parent, so its breadcrumb is known (as in test_views.py).
        # article joined to its live version, category and parent, writer and reviewer (1) + "more in" (1)
        # + related (1) + navigation (1)
        ("/vitamins/vitamin-d/", 4),
        ("/mental-health/sleep-well/", 4),
        # category with parent (1) + subcategories (1) + page of articles (1) + navigation (1)
        ("/vitamins/", 4),
        ("/infections/", 4),
        # Three levels or more: the same, and one read of the categories above the parent, however many.
        ("/flu/flu-basics/", 5),
        ("/avian-flu/bird-flu/", 5),
        ("/flu/", 5),
        ("/avian-flu/", 5),
    ],
)
def test_a_page_three_or_more_levels_deep_costs_one_query_more(
    client, tree, make_article, django_assert_num_queries, path, budget
):
    avian = CategoryFactory(name="Avian flu", slug="avian-flu", parent=tree["flu"])
    make_article(Article.Status.PUBLISHED, title="Bird flu", slug="bird-flu", category=avian)
    with django_assert_num_queries(budget):
        assert client.get(path).status_code == 200


# The page cache: what a change three levels down purges.

# The pages that show "Flu basics" (in Flu, under Infections, under Diseases; by Wendy, reviewed by Rita).
FLU_ARTICLE = {*DISEASES, "/feeds/latest/", "/feeds/diseases/", "/feeds/infections/", "/feeds/flu/", *EVERYWHERE}
FLU_ARTICLE |= set(WENDY_AND_RITA)


def test_publishing_an_article_three_levels_deep_purges_its_whole_section_and_every_feed_above_it(
    client, tree, make_article, committed
):
    warm(client, PAGES)
    with committed():
        make_article(Article.Status.PUBLISHED, title="Flu shots", slug="flu-shots", category=tree["flu"])
    assert made_afresh(client, PAGES) == FLU_ARTICLE
    for path in ["/diseases/", "/infections/", "/flu/", "/flu/flu-basics/", "/feeds/diseases/", "/feeds/infections/"]:
        assert b"Flu shots" in client.get(path).content, path


def test_unpublishing_an_article_three_levels_deep_purges_the_same_pages(client, tree, committed):
    warm(client, PAGES)
    with committed():
        workflow.unpublish(Article.objects.get(slug="flu-basics"), by=tree["people"]["editor"], comment="Outdated.")
    assert made_afresh(client, PAGES) == FLU_ARTICLE
    for path in ["/diseases/", "/feeds/diseases/", "/feeds/infections/"]:
        assert b"flu-basics" not in client.get(path).content, path


def test_moving_a_category_to_another_section_purges_both_sections_its_articles_and_the_feeds(
    client, tree, static_root, committed
):
    warm(client, PAGES)
    tree["flu"].parent = tree["vitamins"]  # from Diseases › Infections to Nutrition › Vitamins
    with committed():
        tree["flu"].save()
    # Everything but the section it neither left nor joined, and the people whose articles stayed where they were:
    # as files (looked at first: the requests below write their pages again) and in the page cache.
    assert files(static_root) == {
        "mental-health/index.html",
        "mental-health/sleep-well/index.html",
        "authors/otto-writer/index.html",
        "reviewers/dr-oscar-reviewer/index.html",
    }
    assert made_afresh(client, PAGES) == set(PAGES) - {*MENTAL_HEALTH, *OTTO_AND_OSCAR}
    html = client.get("/flu/flu-basics/").content.decode()
    assert [name for name, _ in breadcrumb(html)] == ["Home", "Nutrition", "Vitamins", "Flu", "Flu basics"]
    for path in ["/nutrition/", "/vitamins/", "/feeds/nutrition/", "/feeds/vitamins/"]:
        assert b"/flu/flu-basics/" in client.get(path).content, path
    for path in ["/diseases/", "/infections/", "/feeds/diseases/", "/feeds/infections/"]:
        assert b"/flu/flu-basics/" not in client.get(path).content, path


# Every page that shows a card or the byline of "Flu basics" (a change of a name on them), and every feed.
CARDS_OF_FLU_ARTICLE = {*DISEASES, *FEEDS, *EVERYWHERE, *WENDY_AND_RITA}


def test_renaming_a_category_three_levels_deep_purges_the_cards_naming_it_in_its_section(client, tree, committed):
    warm(client, PAGES)
    tree["flu"].name = "Influenza"
    with committed():
        tree["flu"].save()
    assert made_afresh(client, PAGES) == CARDS_OF_FLU_ARTICLE
    assert b"Influenza" in client.get("/diseases/").content  # the article's card


def test_renaming_a_writer_purges_the_pages_of_their_articles_at_any_depth(client, tree, committed):
    warm(client, PAGES)
    wendy = tree["people"]["writer"].author_profile
    wendy.name = "Wendy Wright"
    with committed():
        wendy.save()
    assert made_afresh(client, PAGES) == CARDS_OF_FLU_ARTICLE
    assert b"Wendy Wright" in client.get("/flu/flu-basics/").content
