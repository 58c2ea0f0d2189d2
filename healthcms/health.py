"""
Health checks for load balancers and orchestrators: unauthenticated, cheap,
never cached, and saying nothing about the site beyond "ok" or "unavailable".

    /healthz  the process is up and answering (touches nothing else)
    /readyz   it can serve: the database, the caches, the media storage and the task queue answer
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import default_storage
from django.db import connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


def _database():
    for alias in ["default", *settings.REPLICA_DATABASES]:  # a replica down breaks public pages too
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")


def _caches():
    for alias in ["default", "pages"]:
        caches[alias].get("healthcms:readyz")  # a read only: a check must not fill or evict anything


def _storage():
    bucket = getattr(default_storage, "bucket", None)
    if bucket is not None:  # S3 answers 404 to a missing object and a missing bucket alike: ask for the bucket
        bucket.meta.client.head_bucket(Bucket=bucket.name)
    else:
        default_storage.exists("healthcms-readyz")  # a stat on disk


def _tasks():
    if isinstance(task_backends["default"], DatabaseBackend):
        DBTaskResult.objects.exists()  # the queue's table, where workers take their work from


CHECKS = {"database": _database, "cache": _caches, "storage": _storage, "tasks": _tasks}


@never_cache
@require_safe
def healthz(request):
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
@require_safe
def readyz(request):
    """200 when every dependency answers, else 503; which one failed is logged, the reason only there."""
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:
            logger.exception("Readiness check %s failed", name)
            results[name] = "unavailable"
            if name == "database":
                connections.close_all()  # a broken connection is not reused: the next check opens a fresh one
    healthy = all(result == "ok" for result in results.values())
    return JsonResponse(results, status=200 if healthy else 503)
