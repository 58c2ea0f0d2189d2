"""Background work (articles/tasks.py) through the database queue and the real worker (`manage.py db_worker`)."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles import images, notifications, tasks, workflow
from articles.models import Article, ReviewEvent
from healthcms.logs import current_request_id, request_id_bound

from ..factories import image_file

S = Article.Status
QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings, tmp_path):
    """Tasks wait in the database until a worker runs them, as in production; uploads in a folder of the test's own."""
    settings.TASKS = QUEUE
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


def run_worker():
    """The worker, until the queue holds nothing ready to run (--batch)."""
    call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)


def statuses():
    return sorted((r.task_path.rpartition(".")[2], r.status) for r in DBTaskResult.objects.all())


def in_review(make_article, **kwargs):
    """An article waiting for its doctor, the queue emptied of what getting it there asked for."""
    article = make_article(S.IN_REVIEW, **kwargs)
    DBTaskResult.objects.all().delete()
    mail.outbox.clear()
    return article


def approved_with_image(make_article, people, committed):
    article = in_review(make_article, hero_image=image_file(size=(900, 600)), hero_image_alt="x")
    with committed():
        workflow.approve(article, by=people["reviewer"])
    return article


@pytest.mark.django_db(transaction=True)
def test_the_worker_makes_the_renditions_and_sends_the_email(queue, make_article, people, committed):
    article = approved_with_image(make_article, people, committed)
    name = article.live_version.hero_image.name
    rendition = images.rendition_name(name, 480, "webp")
    # Enqueued once the approval committed; nothing done in the request.
    assert statuses() == [("make_renditions", "READY"), ("send_notification", "READY")]
    assert not default_storage.exists(rendition) and mail.outbox == []

    run_worker()

    assert statuses() == [("make_renditions", "SUCCESSFUL"), ("send_notification", "SUCCESSFUL")]
    assert default_storage.exists(rendition) and default_storage.exists(images.rendition_name(name, 800, "jpg"))
    assert [(m.to, m.subject) for m in mail.outbox] == [([people["writer"].email], f"Published: {article.title}")]


@pytest.mark.django_db(transaction=True)
def test_a_change_that_rolls_back_enqueues_nothing(queue, make_article, people):
    article = in_review(make_article)
    with pytest.raises(RuntimeError), pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReviewEvent, "save", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("database gone")))
        workflow.approve(article, by=people["reviewer"])
    assert DBTaskResult.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_failing_work_is_tried_three_times_then_shown_on_the_editors_desk(
    queue, make_article, people, committed, monkeypatch, client
):
    def broken(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("mail server down")

    monkeypatch.setattr("articles.notifications.send_mail", broken)
    monkeypatch.setattr(tasks, "RETRY_AFTER", [datetime.timedelta(0)] * 2)  # retries due at once
    article = in_review(make_article)
    with committed():
        workflow.approve(article, by=people["reviewer"])

    run_worker()

    tries = DBTaskResult.objects.filter(task_path="articles.tasks.send_notification").order_by("enqueued_at")
    assert [(r.status, r.task_result.kwargs.get("attempt", 1)) for r in tries] == [
        ("FAILED", 1),
        ("FAILED", 2),
        ("FAILED", 3),
    ]
    assert "SMTPServerDisconnected" in tries.last().traceback
    assert Article.objects.get(pk=article.pk).is_published  # the decision stands
    event = ReviewEvent.objects.get(article=article, action=ReviewEvent.Action.APPROVE)
    assert event.notified_at is None  # not sent: a later run may still send it

    client.force_login(people["editor"])
    page = client.get(reverse("admin:index")).content.decode()
    assert "Background work that failed" in page and "Tried 3 times in the past 7 days, then given up." in page
    assert "SMTPServerDisconnected" in page and ">Email</a>" in page
    assert reverse("admin:django_tasks_database_dbtaskresult_change", args=[tries.last().pk]) in page
    # The editor may open the record (the permission of migration 0014); a writer sees no such list.
    assert (
        client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[tries.last().pk])).status_code
        == 200
    )
    client.force_login(people["writer"])
    assert "Background work that failed" not in client.get(reverse("admin:index")).content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_retry_waits_and_the_mail_goes_once_the_server_is_back(queue, make_article, people, committed, monkeypatch):
    real_send_mail = notifications.send_mail
    monkeypatch.setattr(notifications, "send_mail", lambda *a, **k: (_ for _ in ()).throw(OSError("down")))
    article = in_review(make_article)
    with committed():
        workflow.approve(article, by=people["reviewer"])
    run_worker()
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after > retry.enqueued_at + datetime.timedelta(seconds=59)  # a minute later, not at once
    assert statuses() == [("send_notification", "FAILED"), ("send_notification", "READY")]

    monkeypatch.setattr(notifications, "send_mail", real_send_mail)  # the mail server is back
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=retry.enqueued_at)  # the minute has passed
    run_worker()
    assert statuses() == [("send_notification", "FAILED"), ("send_notification", "SUCCESSFUL")]
    assert [m.subject for m in mail.outbox] == [f"Published: {article.title}"]


@pytest.mark.django_db
def test_an_email_task_run_twice_sends_one_email(make_article, people, committed):
    article = make_article(S.IN_REVIEW)
    with committed():
        event = workflow.approve(article, by=people["reviewer"])
    assert len(mail.outbox) == 1
    tasks.send_notification.call(event.pk, [people["writer"].pk], "Published: %(title)s")  # a worker's second run
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_task_logs_under_the_id_of_the_request_that_enqueued_it(make_article, people, committed, monkeypatch):
    seen = []
    monkeypatch.setattr(images, "make_renditions", lambda name, width: seen.append(current_request_id()))
    article = make_article(S.IN_REVIEW, hero_image=image_file(), hero_image_alt="x")
    with request_id_bound("req-0123456789"), committed():
        workflow.approve(article, by=people["reviewer"])
    assert seen == ["req-0123456789"]
    assert current_request_id() == ""


@pytest.mark.django_db(transaction=True)
def test_work_left_running_by_a_dead_worker_is_run_again_and_given_up_after_three_deaths(queue):
    def running(minutes_ago, workers):
        result = tasks.purge_cdn.enqueue([], request_id="")
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING", started_at=timezone.now() - datetime.timedelta(minutes=minutes_ago), worker_ids=workers
        )
        return result.id

    dead, busy, doomed = running(31, ["w1"]), running(5, ["w2"]), running(31, ["w1", "w2", "w3"])
    out = io.StringIO()
    call_command("requeue_stalled_tasks", stdout=out)
    assert out.getvalue().strip() == "1 stalled tasks put back in the queue; 1 given up."
    status = lambda pk: DBTaskResult.objects.get(pk=pk).status  # noqa: E731
    assert (status(dead), status(busy), status(doomed)) == ("READY", "RUNNING", "FAILED")
    assert [str(r.pk) for r in tasks.failures(since=timezone.now() - datetime.timedelta(days=1))] == [doomed]
    run_worker()
    assert status(dead) == "SUCCESSFUL"


def test_requeue_stalled_tasks_refuses_a_nonsense_limit(capsys):
    with pytest.raises(SystemExit) as exit:
        call_command("requeue_stalled_tasks", minutes=0)
    assert exit.value.code == 2 and "--minutes must be 1 or more." in capsys.readouterr().err
