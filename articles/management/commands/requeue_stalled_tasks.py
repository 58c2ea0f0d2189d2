"""``manage.py requeue_stalled_tasks``: background work left running by a worker that stopped, run again."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles.tasks import ATTEMPTS, WorkerStopped


class Command(BaseCommand):
    help = (
        "Put back in the queue the tasks still running --minutes after they started: their worker was killed "
        "or crashed, and nothing else would take them up. Every task is safe to run twice. One whose workers "
        f"stopped {ATTEMPTS} times is recorded as failed instead (editors see it on their desk)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=30, help="How long a task may run (default: 30).")

    def handle(self, *args, minutes, **options):
        if minutes < 1:
            self.stderr.write("--minutes must be 1 or more.")
            raise SystemExit(2)
        stalled = DBTaskResult.objects.running().filter(
            started_at__lt=timezone.now() - datetime.timedelta(minutes=minutes)
        )
        requeued = failed = 0
        for result in stalled:  # a few rows at most: one per worker that died
            if len(result.worker_ids) >= ATTEMPTS:  # each run appends its worker: it stops a worker every time
                result.set_failed(
                    WorkerStopped(f"Its worker stopped while running it, {len(result.worker_ids)} times.")
                )
                failed += 1
            else:
                DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.READY, started_at=None
                )
                requeued += 1
        self.stdout.write(f"{requeued} stalled tasks put back in the queue; {failed} given up.")
