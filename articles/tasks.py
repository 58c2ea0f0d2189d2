"""
Background work, through Django's tasks API: image renditions, workflow emails and CDN purges run
after the request that asked for them, in a worker (`manage.py db_worker`), not inside it.

On Django 5.2 the API is the django-tasks backport, with the django-tasks-db backend (tasks wait in
the database that holds the articles); on Django 6 ``django_tasks`` becomes ``django.tasks``.
settings.TASKS names the backend: with DEBUG on, or in the tests, tasks run at once.

Every task here:
- is enqueued with the change that asked for it (``later()``): in the same transaction when tasks
  wait in the database (they commit together or not at all, and a worker sees the task only once
  the change is there), once it commits otherwise; a change that rolled back asks for nothing;
- reads from the primary database, never a replica that may not have the change yet;
- is safe to run twice (a worker can die between doing the work and recording it): renditions are
  made afresh, purges purge again, an email goes out once (``ReviewEvent.notified_at``);
- when it fails, is tried again later, ``ATTEMPTS`` times in all. Each failed attempt stays on
  record, and the last one is shown on editors' desks (``failures()``): what failed, when, why.
  One whose worker died under it is put back in the queue by ``manage.py requeue_stalled_tasks``.
- logs under the id of the request that enqueued it (healthcms/logs.py).
"""

import datetime
import logging
from functools import wraps

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from multidb.pinning import pin_this_thread

from healthcms.logs import current_request_id, request_id_bound

from . import cdn, images, notifications, static_pages
from .models import ReviewEvent

logger = logging.getLogger(__name__)

# Tries in all, and how long to wait before each retry: long enough for a mail server or a CDN to come back.
ATTEMPTS = 3
RETRY_AFTER = [datetime.timedelta(minutes=1), datetime.timedelta(minutes=10)]
# What each task is, as editors read it.
LABELS = {
    "make_renditions": _("Image renditions"),
    "send_notification": _("Email"),
    "purge_cdn": _("CDN purge"),
    "prerender": _("Pages made ahead"),
    "purge_again": _("Page purge, repeated"),
}


class WorkerStopped(Exception):
    """A task's worker stopped (killed, crashed) while running it, each time it ran (requeue_stalled_tasks)."""


def retried(function):
    """``function`` as a task that, when it fails, is enqueued again to run later, until ``ATTEMPTS`` tries."""

    @wraps(function)
    def run(*args, attempt=1, request_id="", **kwargs):
        pin_this_thread()  # (django-multidb-router) whichever thread the worker runs it on
        with request_id_bound(request_id):
            try:
                return function(*args, **kwargs)
            except Exception:
                if attempt < ATTEMPTS and background.get_backend().supports_defer:
                    logger.warning("%s failed (try %s of %s); trying again later", run.__name__, attempt, ATTEMPTS)
                    retry = background.using(run_after=timezone.now() + RETRY_AFTER[attempt - 1])
                    retry.enqueue(*args, attempt=attempt + 1, request_id=request_id, **kwargs)
                else:
                    logger.error("%s failed %s times; giving up", run.__name__, attempt)
                raise  # the attempt is recorded as failed, with its traceback

    background = task(run)
    return background


def later(background, *args, **kwargs):
    """Enqueue ``background(*args, **kwargs)`` with the current change (see above)."""
    request_id = current_request_id()

    def enqueue():
        background.enqueue(*args, request_id=request_id, **kwargs)

    if isinstance(background.get_backend(), DatabaseBackend):
        enqueue()  # in the change's own transaction: no change without its task, no task without its change
    else:
        transaction.on_commit(enqueue, robust=True)  # a queue that cannot be reached is logged; the change stands


@retried
def make_renditions(name, width):
    """The screen-sized copies of the stored image ``name`` (made afresh each time: safe to repeat)."""
    images.make_renditions(name, width)


@retried
def send_notification(event_id, user_ids, subject):
    """The email about the workflow move ``event_id`` to ``user_ids``, once: a second run sends nothing."""
    if not ReviewEvent.objects.filter(pk=event_id, notified_at=None).update(notified_at=timezone.now()):
        return
    try:
        event = ReviewEvent.objects.select_related("article", "actor").get(pk=event_id)
        users = get_user_model().objects.filter(pk__in=user_ids).exclude(email="").order_by("pk")
        notifications.send(event, list(users), subject)
    except Exception:
        ReviewEvent.objects.filter(pk=event_id).update(notified_at=None)  # not sent: the retry sends it
        raise


@retried
def prerender(paths):
    """Make the pages at ``paths`` again after a purge, kept and written as files before a reader asks."""
    try:
        made = list(static_pages.make(paths))
    finally:
        pin_this_thread()  # asked for as a reader's, the pages let this thread read from a replica
    failed = [f"{path} ({status})" for path, status in made if status >= 400 and status not in (404, 410)]
    if failed:  # (a 404, a 410 or a redirect is what the change made of an address; a 400 is SITE_URL refused)
        raise RuntimeError(f"Could not make {', '.join(failed)}")


@retried
def purge_cdn(keys):
    """Purge the CDN's copies of the pages tagged with any of ``keys`` (articles/cdn.py)."""
    cdn.purge(keys)


def failures(since):
    """The background work whose last try failed since ``since``, newest first (``label``: what it was)."""
    final = DBTaskResult.objects.failed().filter(
        Q(args_kwargs__kwargs__attempt=ATTEMPTS) | Q(exception_class_path=f"{__name__}.WorkerStopped"),
        task_path__startswith="articles.",
        finished_at__gte=since,
    )
    return final.only("task_path", "finished_at", "exception_class_path").order_by("-finished_at")


def label(result):
    """What ``result``'s task was, for an editor."""
    return LABELS.get(result.task_path.rpartition(".")[2], result.task_path)
