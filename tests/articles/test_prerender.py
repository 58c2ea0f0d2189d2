"""Pages made ahead (articles/tasks.py ``prerender``): after a purge, a task makes the purged pages again."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from articles import workflow
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
