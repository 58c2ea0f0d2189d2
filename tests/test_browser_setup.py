"""Without Chromium the browser tests say so: skipped on a laptop, failed in CI (never a silent pass)."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_browser_test(**environ):
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL", "CHROMIUM"}}
    env.update(environ, CHROMIUM="/nonexistent/chromium")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "tests/browser/test_journeys.py::test_writer_journey"],
        cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_without_a_browser_the_tests_are_skipped_with_a_message():
    result = run_browser_test()
    assert result.returncode == 0
    assert "1 skipped" in result.stdout and "No Chromium at /nonexistent/chromium" in result.stdout


def test_without_a_browser_ci_fails():
    result = run_browser_test(CI="true")
    assert result.returncode == 1
    assert "1 error" in result.stdout and "No Chromium at /nonexistent/chromium" in result.stdout
