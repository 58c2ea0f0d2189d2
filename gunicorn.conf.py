"""
gunicorn's settings for `make serve` and production (`gunicorn --config gunicorn.conf.py healthcms.wsgi`).
Each can be changed from the environment: WEB_CONCURRENCY (workers), GUNICORN_TIMEOUT (seconds).
"""

import multiprocessing
import os

# Two workers per CPU and one more: while one waits on the database, another serves.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# A request that takes longer is stuck (an uncached page takes milliseconds): the worker is replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# Recycle each worker now and then, staggered, so that a slow leak never takes the site down.
max_requests = 2000
max_requests_jitter = 200
# No access log of gunicorn's own: the site logs each request itself, as JSON with its id and without
# the query string (healthcms/logs.py), so that what readers search for stays out of the logs.
accesslog = None
# Behind nginx on the same machine (deploy/nginx.conf), which sets X-Forwarded-Proto.
forwarded_allow_ips = "127.0.0.1,::1"
