"""/healthz and /readyz: what a load balancer or an orchestrator asks before sending readers to a process."""

import json

import pytest
from django.core.cache import caches
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult

from .test_security import PRODUCTION, manage


def test_healthz_answers_without_touching_anything(client):
    response = client.get("/healthz")  # (no django_db mark: a query would fail the test)
    assert (response.status_code, response.content, response["Content-Type"]) == (200, b"ok\n", "text/plain")
    assert "no-cache" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


@pytest.mark.django_db
def test_readyz_reports_each_dependency(client):
    response = client.get("/readyz")
    assert (response.status_code, response.json()) == (
        200,
        {"database": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"},
    )
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("broken", ["cache", "storage", "tasks"])
def test_readyz_fails_when_a_dependency_fails_and_says_only_which(client, monkeypatch, settings, broken):
    def refuse(*args, **kwargs):
        raise ConnectionError("redis://secret-host:6379 refused the connection")

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(
        *{
            "cache": (caches["pages"], "get", refuse),
            "storage": (default_storage, "exists", refuse),
            "tasks": (DBTaskResult.objects, "exists", refuse),
        }[broken]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"} | {
        broken: "unavailable"
    }
    assert b"secret-host" not in response.content


@pytest.mark.django_db
def test_health_checks_are_answered_over_plain_http_behind_an_https_site(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/").status_code == 301
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


# Runs in a child process whose only database is the throwaway cluster, stopped and started between requests.
OUTAGE = """
import json, os
from django.core.management import call_command
from django.test import Client
from tests.pg_cluster import Cluster

call_command("migrate", verbosity=0)
cluster = Cluster(**json.loads(os.environ["THROWAWAY_CLUSTER"]))
client = Client()
answers = [client.get("/readyz")]
cluster.stop()
answers.append(client.get("/readyz"))
cluster.start()
answers.append(client.get("/readyz"))
print(json.dumps([[answer.status_code, answer.json()] for answer in answers]))
"""


def test_readyz_fails_while_postgresql_is_stopped_and_recovers(postgresql_cluster):
    environ = {
        **PRODUCTION,
        "HTTPS": "off",
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": postgresql_cluster.url,
        "THROWAWAY_CLUSTER": json.dumps(vars(postgresql_cluster)),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",  # the queue is in the database too
    }
    result = manage("shell", "-c", OUTAGE, **environ)
    assert result.returncode == 0, result.stdout + result.stderr
    before, outage, after = json.loads(result.stdout.splitlines()[-1])
    everything = {"database": "ok", "cache": "ok", "storage": "ok", "tasks": "ok"}
    assert before == [200, everything]
    assert outage == [503, everything | {"database": "unavailable", "tasks": "unavailable"}]
    assert after == [200, everything]
