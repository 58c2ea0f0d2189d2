"""
The full-page cache and publish to static (articles/publishing.py,
articles/static_pages.py): repeated requests are served without the database,
and every change that alters public pages purges exactly those pages, no
more, no fewer.

Whether a page came from the cache is told by its queries: a page made
afresh reads the database, a kept one does not (robots.txt, which never reads
it, is left out for that reason).
"""

import datetime

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import publishing, static_pages, workflow
from articles.models import Article, Page

from ..factories import CategoryFactory, PageFactory
from .conftest import static_pages_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(make_article, people):
    """Two sections (Diseases with Flu under it; Nutrition), two writers and two reviewers, three articles."""
    diseases = CategoryFactory(name="Diseases", slug="diseases")
    flu = CategoryFactory(name="Flu", slug="flu", parent=diseases)
    nutrition = CategoryFactory(name="Nutrition", slug="nutrition")
    wendy, otto = people["writer"].author_profile, people["other_writer"].author_profile
    rita, oscar = people["reviewer"].reviewer_profile, people["other_reviewer"].reviewer_profile
    articles = {
        "flu": make_article(
            Article.Status.PUBLISHED, title="Flu basics", slug="flu-basics", category=flu, author=wendy, reviewer=rita
        ),
        "diseases": make_article(
            title="Diseases overview", slug="overview", category=diseases, author=otto, reviewer=oscar
        ),
        "nutrition": make_article(
            title="Eating well", slug="eating-well", category=nutrition, author=otto, reviewer=oscar
        ),
    }
    for name in ["diseases", "nutrition"]:
        workflow.submit(articles[name], by=people["other_writer"])
        workflow.approve(articles[name], by=people["other_reviewer"])
    PageFactory(slug="editorial-policy")
    return {
        "people": people,
        "articles": articles,
        "wendy": wendy,
        "otto": otto,
        "rita": rita,
        "oscar": oscar,
        "flu": flu,
        "nutrition": nutrition,
    }


SECTION_DISEASES = ["/diseases/", "/flu/", "/flu/?utm_source=newsletter", "/flu/flu-basics/", "/diseases/overview/"]
NUTRITION = ["/nutrition/", "/nutrition/eating-well/", "/feeds/nutrition/", "/feeds/nutrition/atom/"]
FEEDS = [
    "/feeds/latest/",
    "/feeds/latest/atom/",
    "/feeds/diseases/",
    "/feeds/diseases/atom/",
    "/feeds/flu/",
    "/feeds/flu/atom/",
]
SITEMAP = ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-people.xml"]
SEARCH = "/search/?q=flu"
PEOPLE = {
    "wendy": "/authors/wendy-writer/",
    "otto": "/authors/otto-writer/",
    "rita": "/reviewers/dr-rita-reviewer/",
    "oscar": "/reviewers/dr-oscar-reviewer/",
}
ABOUT = "/about/editorial-policy/"
# The pages that show the article "Flu basics" (in Flu, under Diseases; by Wendy, reviewed by Rita).
FLU_ARTICLE = {"/", *SECTION_DISEASES, *FEEDS, *SITEMAP, SEARCH, PEOPLE["wendy"], PEOPLE["rita"]}
PAGES = ["/", *SECTION_DISEASES, *NUTRITION, *FEEDS, *SITEMAP, SEARCH, *PEOPLE.values(), ABOUT]


def fetch(client, path):
    """``(response, kept)``: the page as a reader gets it, and whether it came from the cache."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response, len(queries) == 0


def warm(client, paths=PAGES):
    """Request every page once; each is then served from the cache."""
    for path in paths:
        assert fetch(client, path)[0].status_code == 200, path
    assert made_afresh(client, paths) == set()


def made_afresh(client, paths=PAGES):
    """The pages among ``paths`` that were purged: the next request makes them again."""
    return {path for path in paths if not fetch(client, path)[1]}


def test_a_repeated_request_does_not_touch_the_database(client, site):
    first, kept = fetch(client, "/flu/flu-basics/")
    assert not kept
    again, kept = fetch(client, "/flu/flu-basics/")
    assert kept and again.content == first.content and again["Cache-Control"] == first["Cache-Control"]
    assert client.get("/flu/flu-basics/", headers={"If-None-Match": again["ETag"]}).status_code == 304


def test_each_address_is_kept_apart(client, site):
    assert b"Flu basics" in client.get("/flu/").content
    assert fetch(client, "/flu/")[1]
    assert not fetch(client, "/flu/?page=2")[1]


def test_an_editors_request_is_neither_served_from_nor_kept_in_the_cache(client, site):
    client.force_login(site["people"]["editor"])
    fetch(client, "/flu/flu-basics/")
    assert not fetch(client, "/flu/flu-basics/")[1]
    client.logout()
    assert not fetch(client, "/flu/flu-basics/")[1]  # the editor's pages were not kept for readers


def test_previews_errors_redirects_and_heads_are_never_kept(client, site):
    client.force_login(site["people"]["editor"])
    preview = f"/preview/{site['articles']['flu'].pk}/"
    fetch(client, preview)
    assert not fetch(client, preview)[1]
    client.logout()
    for path in ["/no-such-category/", "/flu/no-such-article/", "/nutrition/flu-basics/"]:
        fetch(client, path)
        assert not fetch(client, path)[1], path
    client.head("/flu/")
    assert not fetch(client, "/flu/")[1]


def test_publishing_an_article_purges_its_section_home_feeds_people_and_sitemap(client, site, make_article, committed):
    warm(client)
    with committed():
        make_article(
            Article.Status.PUBLISHED,
            title="Flu shots",
            slug="flu-shots",
            category=site["flu"],
            author=site["wendy"],
            reviewer=site["rita"],
        )
    assert made_afresh(client) == FLU_ARTICLE
    for path in ["/", "/flu/", "/diseases/", "/feeds/latest/", PEOPLE["wendy"], "/diseases/overview/"]:
        assert b"Flu shots" in client.get(path).content, path


def test_approving_an_edit_purges_the_same_pages(client, site, committed):
    article, people = site["articles"]["flu"], site["people"]
    warm(client)
    with committed():
        workflow.start_revision(article, by=people["writer"])
        article.refresh_from_db()
        article.title = "Flu: the basics"
        article.save()
        workflow.submit(article, by=people["writer"])
    assert made_afresh(client) == set()  # an edit in review changes nothing readers see
    with committed():
        workflow.approve(article, by=people["reviewer"])
    assert made_afresh(client) == FLU_ARTICLE
    assert b"Flu: the basics" in client.get("/flu/flu-basics/").content
    assert b"Flu: the basics" in client.get("/").content


def test_unpublishing_removes_the_article_everywhere_it_was_shown(client, site, committed):
    warm(client)
    with committed():
        workflow.unpublish(site["articles"]["flu"], by=site["people"]["editor"], comment="Outdated guidance.")
    assert made_afresh(client) == FLU_ARTICLE
    assert client.get("/flu/flu-basics/").status_code == 410  # withdrawn (views.article_detail)
    for path in ["/", "/flu/", "/diseases/", "/feeds/latest/", "/sitemap-articles.xml", PEOPLE["wendy"]]:
        assert b"flu-basics" not in client.get(path).content, path


def test_a_page_showing_an_article_that_expires_is_kept_no_longer_than_that(client, site, monkeypatch, committed):
    article = site["articles"]["flu"]
    warm(client)
    with committed():
        article.expire_at = timezone.now() + datetime.timedelta(seconds=45)
        article.save()
    assert made_afresh(client) == FLU_ARTICLE
    response, _ = fetch(client, "/flu/flu-basics/")
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"max-age=60", "s-maxage=300"}.isdisjoint(directives)
    assert 0 < _directive(directives, "max-age") <= 45
    assert _directive(directives, "s-maxage") <= 45
    warm(client)
    later = timezone.now() + datetime.timedelta(seconds=46)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert made_afresh(client) == FLU_ARTICLE
    assert client.get("/flu/flu-basics/").status_code == 410  # expired: withdrawn
    assert b"flu-basics" not in client.get("/sitemap-articles.xml").content
    assert b"flu-basics" not in client.get("/").content


def _directive(directives, name):
    return int(next(part for part in directives if part.startswith(name + "=")).split("=")[1])


def test_publish_scheduled_purges_the_pages_of_articles_that_went_live_or_expired(client, site, make_article):
    # Scheduled in the future, then that time passes (the update stands in for the clock: no signal, no purge).
    article = make_article(
        Article.Status.PUBLISHED,
        title="Flu shots",
        slug="flu-shots",
        category=site["flu"],
        author=site["wendy"],
        reviewer=site["rita"],
    )
    Article.objects.filter(pk=article.pk).update(go_live_at=timezone.now() + datetime.timedelta(hours=1))
    call_command("publish_scheduled", verbosity=0)
    warm(client)
    assert b"Flu shots" not in client.get("/").content
    Article.objects.filter(pk=article.pk).update(go_live_at=timezone.now())
    assert made_afresh(client) == set()  # nothing has told the cache yet
    call_command("publish_scheduled", verbosity=0)
    assert made_afresh(client) == FLU_ARTICLE
    assert b"Flu shots" in client.get("/").content

    Article.objects.filter(pk=site["articles"]["nutrition"].pk).update(expire_at=timezone.now())
    call_command("publish_scheduled", verbosity=0)
    assert made_afresh(client) == {
        "/",
        *NUTRITION,
        "/feeds/latest/",
        "/feeds/latest/atom/",
        *SITEMAP,
        SEARCH,
        PEOPLE["otto"],
        PEOPLE["oscar"],
    }
    assert client.get("/nutrition/eating-well/").status_code == 410  # expired: withdrawn


def test_renaming_a_subcategory_purges_its_section_and_wherever_its_name_is_shown(client, site, committed):
    warm(client)
    site["flu"].name = "Influenza"
    with committed():
        site["flu"].save()
    assert made_afresh(client) == FLU_ARTICLE | {
        "/feeds/nutrition/",
        "/feeds/nutrition/atom/",
    }  # every feed names categories and writers
    assert b"Influenza" in client.get("/flu/flu-basics/").content


def test_renaming_a_top_level_category_purges_every_page_its_navigation_is_on(client, site, committed):
    warm(client)
    site["nutrition"].name = "Food"
    with committed():
        site["nutrition"].save()
    assert made_afresh(client) == set(PAGES)
    assert b"Food" in client.get(ABOUT).content


def test_renaming_a_writer_purges_their_byline_cards_and_page(client, site, committed):
    warm(client)
    site["wendy"].name = "Wendy Wright"
    with committed():
        site["wendy"].save()
    assert made_afresh(client) == FLU_ARTICLE | {
        "/feeds/nutrition/",
        "/feeds/nutrition/atom/",
    }  # every feed names categories and writers
    assert b"Wendy Wright" in client.get("/flu/flu-basics/").content


def test_a_writers_new_address_is_served_and_the_old_one_purged(client, site, committed):
    warm(client)
    site["wendy"].slug = "wendy-wright"
    with committed():
        site["wendy"].save()
    assert PEOPLE["wendy"] in made_afresh(client)
    assert client.get(PEOPLE["wendy"]).status_code == 404
    assert client.get("/authors/wendy-wright/").status_code == 200


def test_renaming_a_reviewer_purges_only_the_pages_of_what_they_reviewed(client, site, committed):
    warm(client)
    site["rita"].name = "dr Rita Rahma"
    with committed():
        site["rita"].save()
    assert made_afresh(client) == {"/flu/flu-basics/", PEOPLE["rita"], *SITEMAP}
    assert b"dr Rita Rahma" in client.get("/flu/flu-basics/").content


def test_a_new_reviewer_on_approval_purges_both_reviewers_pages(client, site, committed):
    article, people = site["articles"]["flu"], site["people"]
    warm(client)
    with committed():
        workflow.start_revision(article, by=people["writer"])
        workflow.reassign(article, by=people["editor"], reviewer=site["oscar"])
        workflow.submit(article, by=people["writer"])
        workflow.approve(article, by=people["other_reviewer"])
    assert made_afresh(client) == FLU_ARTICLE | {PEOPLE["oscar"]}
    assert b"Flu basics" not in client.get(PEOPLE["rita"]).content
    assert b"Flu basics" in client.get(PEOPLE["oscar"]).content


def test_editing_a_site_page_purges_it_and_the_sitemap_only(client, site, committed):
    warm(client)
    page = Page.objects.get(slug="editorial-policy")
    page.body = "<p>We check every fact twice.</p>"
    with committed():
        page.save()
    assert made_afresh(client) == {ABOUT, *SITEMAP}


def test_a_purge_while_a_page_is_being_made_keeps_that_page_from_being_served(rf, site, settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "static_pages": static_pages_in(tmp_path)}
    settings.SITE_URL = "http://testserver"

    def view_interrupted_by_a_purge(request):
        from django.http import HttpResponse

        publishing.purge(publishing.Pages(paths={"/flu/"}))
        return HttpResponse("the old page")

    request = rf.get("/flu/")
    request.LANGUAGE_CODE = "en"
    publishing.serve(request, view_interrupted_by_a_purge)
    assert caches["pages"].get(publishing._entry_key(request))["tokens"] != publishing._tokens(
        publishing._token_keys("/flu/")
    )
    assert not (tmp_path / "flu" / "index.html").exists()


# Publish to static.


def files(root):
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


def test_public_pages_are_written_as_files_for_the_web_server(client, site, static_root):
    warm(client)
    assert files(static_root) == {
        "index.html",
        "diseases/index.html",
        "flu/index.html",
        "flu/flu-basics/index.html",
        "diseases/overview/index.html",
        "nutrition/index.html",
        "nutrition/eating-well/index.html",
        "feeds/nutrition/index.xml",
        "feeds/nutrition/atom/index.xml",
        "feeds/latest/index.xml",
        "feeds/latest/atom/index.xml",
        "feeds/diseases/index.xml",
        "feeds/diseases/atom/index.xml",
        "feeds/flu/index.xml",
        "feeds/flu/atom/index.xml",
        "sitemap.xml",
        "sitemap-articles.xml",
        "sitemap-people.xml",
        "authors/wendy-writer/index.html",
        "authors/otto-writer/index.html",
        "reviewers/dr-rita-reviewer/index.html",
        "reviewers/dr-oscar-reviewer/index.html",
        "about/editorial-policy/index.html",
    }  # fmt: skip (no /flu/?utm_source=...: an address with a query string is never a file)
    assert (static_root / "flu/flu-basics/index.html").read_bytes() == client.get("/flu/flu-basics/").content


def test_a_change_removes_exactly_the_files_of_the_pages_it_purges(client, site, static_root, committed):
    warm(client)
    before = files(static_root)
    with committed():
        workflow.unpublish(site["articles"]["flu"], by=site["people"]["editor"], comment="Outdated guidance.")
    removed = before - files(static_root)
    assert removed == {
        "index.html", "diseases/index.html", "flu/index.html", "flu/flu-basics/index.html", "diseases/overview/index.html",
        "feeds/latest/index.xml", "feeds/latest/atom/index.xml", "feeds/diseases/index.xml", "feeds/diseases/atom/index.xml",
        "feeds/flu/index.xml", "feeds/flu/atom/index.xml", "sitemap.xml", "sitemap-articles.xml", "sitemap-people.xml",
        "authors/wendy-writer/index.html", "reviewers/dr-rita-reviewer/index.html",
    }  # fmt: skip
    client.get("/")
    assert b"flu-basics" not in (static_root / "index.html").read_bytes()


def test_a_page_showing_an_article_that_expires_is_never_a_file(client, site, static_root, committed):
    article = site["articles"]["nutrition"]
    article.expire_at = timezone.now() + datetime.timedelta(days=30)
    with committed():
        article.save()
    warm(client)
    assert not {"nutrition/index.html", "nutrition/eating-well/index.html", "index.html"} & files(static_root)
    assert "flu/flu-basics/index.html" in files(static_root)


def test_publish_static_writes_every_public_page(site, static_root, settings):
    settings.SITE_URL = "https://health.example.org"
    settings.ALLOWED_HOSTS = ["health.example.org"]
    call_command("publish_static", verbosity=0)
    written = files(static_root)
    assert {
        "index.html",
        "flu/flu-basics/index.html",
        "nutrition/index.html",
        "feeds/latest/index.xml",
        "sitemap.xml",
        "robots.txt",
    } <= written
    assert b"https://health.example.org/flu/flu-basics/" in (static_root / "flu/flu-basics/index.html").read_bytes()


def test_renaming_a_category_purges_the_pages_of_the_categories_under_it(client, site, committed):
    avian = CategoryFactory(name="Avian flu", slug="avian", parent=site["flu"])
    paths = ["/avian/", "/diseases/", "/nutrition/"]
    warm(client, paths)
    site["flu"].name = "Influenza"
    with committed():
        site["flu"].save()
    assert made_afresh(client, paths) == {"/avian/", "/diseases/"}
    assert b"Influenza" in client.get("/avian/").content  # its breadcrumb
    assert avian.get_absolute_url() == "/avian/"


def test_a_head_request_is_answered_from_a_kept_page(client, site):
    client.get("/flu/")
    with CaptureQueriesContext(connection) as queries:
        assert client.head("/flu/").status_code == 200
    assert len(queries) == 0


def test_readers_are_served_when_the_page_cache_is_down(client, site, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("the cache server is down")

    monkeypatch.setattr(caches["pages"], "get_many", unreachable)
    response = client.get("/flu/flu-basics/")
    assert response.status_code == 200 and b"Flu basics" in response.content


def test_a_page_that_cannot_be_kept_is_still_served(client, site, static_root, monkeypatch):
    def full(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(caches["pages"], "set", full)
    monkeypatch.setattr(static_pages.StaticPagesStorage, "_save", full)
    response = client.get("/flu/flu-basics/")
    assert response.status_code == 200 and b"Flu basics" in response.content
    assert not fetch(client, "/flu/flu-basics/")[1]


def test_a_purge_removes_the_files_even_when_the_cache_is_down(client, site, static_root, monkeypatch):
    client.get("/flu/flu-basics/")
    assert (static_root / "flu/flu-basics/index.html").exists()
    monkeypatch.setattr(
        caches["pages"], "set_many", lambda *args, **kwargs: (_ for _ in ()).throw(ConnectionError("down"))
    )
    with pytest.raises(ConnectionError):
        publishing.purge(publishing.Pages(dirs={"flu"}))
    assert not (static_root / "flu/flu-basics/index.html").exists()


def test_pages_are_written_only_as_readers_are_sent_them(client, site, static_root, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1"]
    client.get("/flu/flu-basics/", headers={"host": "127.0.0.1"})  # a health check straight to the app server
    client.get("/nutrition/", secure=True)
    client.get("/diseases/", headers={"accept-language": "de"})
    assert files(static_root) == set()
    client.get("/flu/flu-basics/")
    assert files(static_root) == {"flu/flu-basics/index.html"}


def test_a_page_is_replaced_whole_never_rewritten_in_place(client, site, static_root):
    page = static_root / "flu/flu-basics/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("an older copy, open in the web server")
    older, kept_open = page.stat().st_ino, page.open()
    client.get("/flu/flu-basics/")
    assert page.stat().st_ino != older  # a new file renamed into place: whoever had the old one reads it whole
    assert kept_open.read() == "an older copy, open in the web server"
    assert b"Flu basics" in page.read_bytes()
    assert [path.name for path in page.parent.iterdir()] == ["index.html"]  # nothing half written is left
