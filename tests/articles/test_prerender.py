"""Pages made ahead (articles/tasks.py ``prerender``): after a purge, a task makes the purged pages again."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from articles import publishing, tasks, workflow
from articles.models import Article

from ..factories import CategoryFactory

S = Article.Status


@pytest.fixture
def ahead(settings, static_root):
    settings.HEALTHCMS_PRERENDER = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return static_root


@pytest.mark.django_db(transaction=True)
def test_a_publish_has_its_pages_made_again_by_the_worker_before_anyone_asks(ahead, make_article, people, client):
    diseases = CategoryFactory(name="Diseases", slug="diseases")
    article = make_article(S.IN_REVIEW, title="Flu basics", slug="flu-basics", category=diseases)
    DBTaskResult.objects.all().delete()
    workflow.approve(article, by=people["reviewer"])
    [prerender] = DBTaskResult.objects.filter(task_path="articles.tasks.prerender")
    paths = prerender.task_result.args[0]
    assert {"/", "/diseases/", "/diseases/flu-basics/", "/feeds/latest/", "/sitemap.xml"} <= set(paths)
    assert not (ahead / "diseases/flu-basics/index.html").exists()  # purged, not yet made

    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)

    assert DBTaskResult.objects.get(pk=prerender.pk).status == "SUCCESSFUL"
    assert "Flu basics" in (ahead / "diseases/flu-basics/index.html").read_text()  # written for the web server
    assert "Flu basics" in (ahead / "diseases/index.html").read_text()
    assert "Flu basics" in (ahead / "index.html").read_text()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/diseases/flu-basics/").status_code == 200
    assert len(queries) == 0  # and kept in the page cache: the first reader is served without the database
    assert len(mail.outbox) == 1  # the other tasks ran too


@pytest.mark.django_db(transaction=True)
def test_an_unpublished_article_is_not_made_again(ahead, make_article, people):
    article = make_article(S.PUBLISHED, title="Flu basics", slug="flu-basics")
    DBTaskResult.objects.all().delete()
    workflow.unpublish(article, by=people["editor"], comment="Outdated dosage.")
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}  # its 410 is no failure
    assert not list(ahead.rglob("flu-basics"))


@pytest.mark.django_db
def test_a_page_the_site_refuses_to_make_is_a_failure_not_a_success(ahead, settings):
    settings.ALLOWED_HOSTS = ["health.example.org"]  # SITE_URL's host (testserver) refused: 400, nothing made
    with pytest.raises(RuntimeError, match=r"Could not make / \(400\)"):
        tasks.prerender.call(["/"])


@pytest.mark.django_db
def test_a_purge_of_nothing_asks_for_no_work(ahead, settings):
    settings.HEALTHCMS_CDN_PURGER, settings.REPLICA_DATABASES = "articles.cdn.fastly_purge", ["replica1"]
    publishing.purge(publishing.Pages())  # publish_scheduled, every minute, when nothing was due
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db
def test_publish_static_is_not_undone_by_a_purge_for_replicas_to_catch_up(ahead, settings):
    settings.REPLICA_DATABASES = ["replica1"]
    call_command("publish_static", stdout=io.StringIO())
    assert not DBTaskResult.objects.filter(task_path="articles.publishing.purge_again").exists()
    assert (ahead / "index.html").exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connections between tasks
def test_with_replicas_pages_are_made_again_only_after_the_repeated_purge(
    ahead, settings, make_article, people, committed
):
    settings.REPLICA_DATABASES = ["replica1"]
    article = make_article(S.IN_REVIEW)
    DBTaskResult.objects.all().delete()
    with committed():
        workflow.approve(article, by=people["reviewer"])
    assert not DBTaskResult.objects.filter(task_path="articles.tasks.prerender").exists()
    [again] = DBTaskResult.objects.filter(task_path="articles.publishing.purge_again")
    DBTaskResult.objects.filter(pk=again.pk).update(run_after=again.enqueued_at)
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    assert DBTaskResult.objects.get(task_path="articles.tasks.prerender").status == "SUCCESSFUL"
