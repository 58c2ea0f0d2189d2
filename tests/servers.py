"""Real servers for the tests that need more than Django's test client: gunicorn on a free loopback port."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Settings of the test run (pyproject.toml's pytest env) that a server of its own must not inherit.
TEST_ONLY = {"DEBUG", "HTTPS", "DATABASE_URL", "HEALTHCMS_HASHED_STATIC", "DJANGO_ALLOW_ASYNC_UNSAFE", "TASKS_BACKEND"}
SECRET_KEY = "a-long-random-secret-for-these-tests-only-0123456789abcdefghijklmnop"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, headers=None, data=None):
    """``(status, headers, body)``; an HTTP error is an answer too."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url, server, what="the server", output=None):
    """Until the server answers, or has exited (then fails with its ``output`` file, or its pipe); at most 120 s."""
    for _ in range(600):
        if server.poll() is not None:
            if output is not None:
                output.seek(0)
            raise AssertionError(f"{what} exited: {output.read() if output else server.communicate()[0]}")
        try:
            return get(url)
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.2)  # (polling for the server to come up; no assertion depends on how long it took)
    raise AssertionError(f"{url} did not answer within 120 s")


def server_env(**values):
    """The environment of a production-like server: this one's, without the test run's settings, plus ``values``."""
    env = {key: value for key, value in os.environ.items() if key not in TEST_ONLY}
    env.update(SECRET_KEY=SECRET_KEY, HTTPS="off", HEALTHCMS_HASHED_STATIC="off", WEB_CONCURRENCY="1")
    env.update(values)
    return env


def manage(*args, env):
    """Run ``manage.py *args`` with ``env``; fails the test with its output when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@contextmanager
def gunicorn(env):
    """gunicorn (gunicorn.conf.py) serving the site with ``env`` on a free loopback port; yields its base URL."""
    address = f"127.0.0.1:{free_port()}"
    output = tempfile.TemporaryFile("w+")  # a file, not a pipe: a server whose pipe nobody reads would stall
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "--bind", address, "healthcms.wsgi"],
        cwd=BASE_DIR, env=env, stdout=output, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(f"http://{address}/healthz", server, "gunicorn", output)
        yield f"http://{address}"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # gunicorn and its workers
        server.wait(timeout=60)
        output.close()
