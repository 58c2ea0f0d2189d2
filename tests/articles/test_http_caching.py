"""Public pages may be kept by browsers and a CDN for a short while; a reader who has a page gets 304."""

import pytest
from django.urls import reverse

from articles import workflow

from ..factories import CategoryFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_urls(make_article, people):
    article = make_article(category=CategoryFactory(slug="diseases"))
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"])
    article.refresh_from_db()
    PageFactory(slug="editorial-policy")
    return [
        "/", "/diseases/", article.get_absolute_url(), article.author.get_absolute_url(),
        article.live_version.reviewer.get_absolute_url(), "/search/?q=article", "/about/editorial-policy/",
        "/robots.txt", "/sitemap.xml", "/feeds/latest/", "/feeds/latest/atom/", "/feeds/diseases/",
    ]  # fmt: skip


def test_public_pages_are_cacheable_for_a_short_while(client, public_urls, settings):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert directives == {"public", "max-age=60", "s-maxage=300"}, url


def test_a_reader_who_has_the_page_gets_304(client, public_urls):
    for url in public_urls:
        etag = client.get(url)["ETag"]
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304 and response.content == b"", url


def test_previews_and_the_admin_are_never_cached(client, make_article, people):
    article = make_article()
    client.force_login(people["writer"])
    for url in [
        reverse("articles:preview", args=[article.pk]),
        reverse("admin:articles_article_change", args=[article.pk]),
    ]:
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "public" not in cache_control, url
