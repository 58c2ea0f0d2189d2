"""
A CDN in front of the site (articles/cdn.py): public pages tell it what they show (``Surrogate-Key``),
and publishing purges it by those keys, here at a fake of Fastly's purge API on a loopback port.
"""

import datetime
import json
import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from articles import cdn, publishing, workflow
from articles.models import ArticleVersion

from .factories import ArticleFactory, CategoryFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "fastly-api-token"


@dataclass
class FakeCDN:
    url: str
    requests: list = field(default_factory=list)  # (method, path, headers) of each, in order

    def purged(self):
        """The keys of each purge request, in order."""
        return [set(headers["Surrogate-Key"].split()) for _, _, headers in self.requests]


@contextmanager
def fake_cdn(status):
    """Fastly's purge API as far as the site uses it: records every request, answers ``status`` with JSON."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            requests.append((self.command, self.path, self.headers))
            body = json.dumps({"status": "ok"} if status == 200 else {"msg": "Service Unavailable"}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_PUT = do_PURGE = do_POST  # recorded too, so that a wrong method shows in the assertions

        def log_message(self, *args):
            pass  # the tests read ``requests``; stderr stays quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake = FakeCDN(f"http://127.0.0.1:{server.server_port}/service/test-service/purge", requests)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def purging_at(settings, status):
    """The site purging a fake CDN that answers ``status``, as CDN_PURGE_URL and CDN_PURGE_TOKEN set it up."""
    with fake_cdn(status) as fake:
        settings.HEALTHCMS_CDN_PURGE_URL, settings.HEALTHCMS_CDN_PURGE_TOKEN = fake.url, TOKEN
        settings.HEALTHCMS_CDN_PURGER = "articles.cdn.fastly_purge"
        yield fake


@pytest.fixture
def cdn_up(settings):
    yield from purging_at(settings, 200)


@pytest.fixture
def cdn_down(settings):
    yield from purging_at(settings, 503)


def submitted(**kwargs):
    """An article submitted by its writer, waiting for its reviewer."""
    article = ArticleFactory(**kwargs)
    workflow.submit(article, by=article.author.user)
    return article


def approve(article):
    workflow.approve(article, by=article.reviewer.user)
    article.refresh_from_db()
    return article


@pytest.fixture
def in_review(roles):
    return submitted(title="Flu basics", category=CategoryFactory(name="Diseases", slug="diseases"))


@pytest.fixture
def published(in_review):
    return approve(in_review)


def keys(response):
    return set(response["Surrogate-Key"].split())


def test_publishing_purges_the_pages_that_show_the_article(client, cdn_up, committed, in_review):
    with committed():
        article = approve(in_review)

    [(method, path, headers)] = cdn_up.requests
    assert (method, path, headers["Fastly-Key"]) == ("POST", "/service/test-service/purge", TOKEN)
    [purged] = cdn_up.purged()
    # Its section's directory (its own page and category page), home, its writer's and reviewer's pages;
    # not the whole site: "all" is for whole-site changes.
    assert {cdn.dir_key("diseases"), cdn.path_key("/"), cdn.path_key(article.author.get_absolute_url())} <= purged
    assert cdn.path_key(article.reviewer.get_absolute_url()) in purged
    assert cdn.ALL not in purged
    assert purged & keys(client.get(article.get_absolute_url()))


def test_unpublishing_purges_exactly_the_pages_that_showed_the_article(client, cdn_up, committed, published):
    CategoryFactory(name="Nutrition", slug="nutrition")
    PageFactory(slug="editorial-policy")
    showing = [
        "/", "/diseases/", published.get_absolute_url(), published.author.get_absolute_url(),
        published.reviewer.get_absolute_url(), "/feeds/latest/", "/feeds/diseases/", "/sitemap.xml", "/search/?q=flu",
    ]  # fmt: skip
    elsewhere = ["/nutrition/", "/feeds/nutrition/", "/about/editorial-policy/"]
    served = {url: keys(client.get(url)) for url in [*showing, *elsewhere]}
    editor = UserFactory(is_staff=True, roles=["Editor"])

    with committed():
        workflow.unpublish(published, by=editor, comment="Outdated guidance.")

    [purged] = cdn_up.purged()
    assert [url for url, page_keys in served.items() if page_keys & purged] == showing


def test_a_whole_site_change_purges_everything(cdn_up, committed, db):
    with committed():
        CategoryFactory(name="Nutrition", slug="nutrition")  # a section: in every page's navigation
    assert cdn_up.purged() == [{cdn.ALL}]


def cache_down(*args, **kwargs):
    raise ConnectionError("the cache server is down")


def test_the_cdn_is_purged_even_when_the_page_cache_is_down(cdn_up, committed, db, monkeypatch):
    monkeypatch.setattr(caches["pages"], "set_many", cache_down)
    with pytest.raises(ConnectionError), committed():
        publishing.purge(publishing.Pages(dirs={"diseases"}))
    assert cdn_up.purged() == [{cdn.dir_key("diseases")}]


def test_an_article_page_carries_its_keys_and_those_of_what_it_shows(client, published, monkeypatch):
    response = client.get(published.get_absolute_url())
    assert keys(response) == {
        cdn.ALL,
        cdn.dir_key("diseases"),
        cdn.path_key(published.get_absolute_url()),
        f"article-{published.pk}",
        f"category-{published.category_id}",
        f"author-{published.author_id}",
        f"reviewer-{published.reviewer_id}",
    }
    assert keys(client.head(published.get_absolute_url())) == keys(response)
    monkeypatch.setattr(caches["pages"], "get_many", cache_down)
    assert keys(client.get(published.get_absolute_url())) == keys(response)


def test_a_page_from_the_page_cache_carries_the_same_keys(client, published):
    first = client.get(published.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        again = client.get(published.get_absolute_url())
    assert len(queries) == 0  # served from the page cache
    assert again["Surrogate-Key"] == first["Surrogate-Key"]


def test_a_category_page_carries_the_keys_of_the_articles_it_lists(client, published):
    other = approve(submitted(title="Flu shots", category=published.category))
    response = client.get("/diseases/")
    # Cards name the category and the writer, not the reviewer.
    assert keys(response) == {
        cdn.ALL,
        cdn.dir_key("diseases"),
        cdn.path_key("/diseases/"),
        *(f"article-{a.pk}" for a in [published, other]),
        f"category-{published.category_id}",
        *(f"author-{a.author_id}" for a in [published, other]),
    }


def test_an_editors_page_carries_no_keys(client, published):
    """An editor's pages are made afresh for them and never kept: no purge is meant to reach them."""
    client.force_login(published.author.user)
    response = client.get(published.get_absolute_url())
    assert response.status_code == 200 and "Surrogate-Key" not in response
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_reader_just_after_a_write_gets_the_page_afresh_and_private(client, published):
    """Pinned to the primary database (read replicas): never a kept page, which a lagging replica may have made."""
    url = published.get_absolute_url()
    assert client.get(url).status_code == 200  # now kept
    ArticleVersion.objects.filter(pk=published.live_version_id).update(title="Flu basics, corrected")  # no purge
    assert "Flu basics, corrected" not in client.get(url).content.decode()
    client.cookies["multidb_pin_writes"] = "y"
    response = client.get(url)
    assert "Flu basics, corrected" in response.content.decode()
    assert "private" in response["Cache-Control"] and "Surrogate-Key" not in response


@pytest.mark.django_db(transaction=True)
def test_with_read_replicas_a_purge_is_made_again_once_they_have_caught_up(settings):
    settings.REPLICA_DATABASES, settings.MULTIDB_PINNING_SECONDS = ["replica1"], 15
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    tokens = lambda: caches["pages"].get("token:path:/about/")  # noqa: E731
    publishing.purge(publishing.Pages(paths={"/about/"}))
    first = tokens()
    [again] = DBTaskResult.objects.all()
    assert again.task_path == "articles.publishing.purge_again"
    assert again.run_after >= again.enqueued_at + datetime.timedelta(seconds=14)  # after the replicas' lag
    DBTaskResult.objects.update(run_after=again.enqueued_at)  # the seconds have passed
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert tokens() != first  # purged once more, and only once (no third purge enqueued)


def test_without_a_purge_url_nothing_is_sent(client, settings, committed, in_review):
    with fake_cdn(200) as fake:
        # As healthcms/settings.py has it without CDN_PURGE_URL.
        settings.HEALTHCMS_CDN_PURGE_URL, settings.HEALTHCMS_CDN_PURGER = "", "articles.cdn.no_purge"
        with committed():
            article = approve(in_review)
    assert fake.requests == []
    assert article.is_published and client.get(article.get_absolute_url()).status_code == 200


def test_a_failing_cdn_leaves_the_article_published_and_is_logged(client, cdn_down, committed, in_review, caplog):
    with caplog.at_level(logging.WARNING, logger="articles.tasks"), committed():
        article = approve(in_review)
    assert len(cdn_down.requests) == 1
    assert [r for r in caplog.records if r.name == "articles.tasks" and r.getMessage().startswith("purge_cdn failed")]
    assert article.is_published and client.get(article.get_absolute_url()).status_code == 200
