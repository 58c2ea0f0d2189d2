"""`make serve`: the site as production runs it, on loopback: gunicorn, DEBUG off, WhiteNoise's hashed static files."""

import os
import re
import signal
import sqlite3
import subprocess
import time

from .servers import BASE_DIR, free_port, get, manage, wait_until_up


def test_make_serve_answers_with_debug_off_and_hashed_static_files(tmp_path):
    address = f"127.0.0.1:{free_port()}"
    ignored = {
        "DEBUG",
        "HTTPS",
        "DATABASE_URL",
        "HEALTHCMS_HASHED_STATIC",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "TASKS_BACKEND",
    }
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    env.update(
        ADDRESS=address,
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789abcdefghijklmnop",
        HTTPS="off",  # plain HTTP on loopback
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"),
        WEB_CONCURRENCY="2",
    )
    server = subprocess.Popen(
        ["make", "serve"], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        status, _headers, body = wait_until_up(f"http://{address}/healthz", server)
        assert (status, body) == (200, b"ok\n")
        status, _headers, page = get(f"http://{address}/")
        assert status == 200
        assert b"Traceback" not in page and b"DEBUG = True" not in page
        stylesheet = re.search(rb'href="(/static/healthcms/[\w.-]+\.[0-9a-f]{12}\.css)"', page)
        assert stylesheet, "the page links its stylesheet by a hashed name"
        status, headers, _css = get(f"http://{address}{stylesheet.group(1).decode()}")
        assert status == 200 and "max-age=315360000" in headers["Cache-Control"]  # WhiteNoise: cached for ever
        status, _headers, missing = get(f"http://{address}/no-such-page/")
        assert status == 404 and b"Traceback" not in missing  # DEBUG is off: no technical 404 page
        # The task worker beside gunicorn runs what the site enqueues.
        manage("shell", "-c", "from articles import tasks; tasks.purge_cdn.enqueue([])", env=env)
        database = sqlite3.connect(tmp_path / "site.sqlite3")
        for _ in range(600):  # (polling until the worker has run it; at most 120 s)
            [(status,)] = database.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall()
            if status not in ("READY", "RUNNING"):
                break
            time.sleep(0.2)
        database.close()
        assert status == "SUCCESSFUL"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # make, gunicorn and its workers
        server.wait(timeout=60)


def test_make_serve_refuses_to_start_without_a_secret_key(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}", ADDRESS=f"127.0.0.1:{free_port()}")
    result = subprocess.run(["make", "serve"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stdout + result.stderr
