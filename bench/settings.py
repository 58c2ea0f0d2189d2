"""
Settings for the load test's gunicorn (bench/load.py): the site's own settings,
with the benchmark's URLs on top (a constant view, the framework floor).
Everything else comes from the environment, as in production.
"""

from healthcms.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
