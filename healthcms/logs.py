"""
Logs that an operator can follow: every line carries the id of the request it belongs to (or of
the request that enqueued the task it comes from), and every request leaves one line saying what
it was and how it ended. settings.LOGGING writes them as JSON objects, one per line, in production.

A request's id is the ``X-Request-ID`` its proxy set (deploy/nginx.conf sets it), or a new one; the
response carries it back, so a reader's report of a failure can be found in the logs.
"""

import contextvars
import logging
import re
import time
import uuid
from contextlib import contextmanager

logger = logging.getLogger("healthcms.requests")

_request_id = contextvars.ContextVar("request_id", default="")

# What a proxy may set: letters, digits and dashes, not too long (anything else is replaced, never logged).
VALID_ID = re.compile(r"[A-Za-z0-9-]{8,64}")


def current_request_id():
    """The id of the request being served, or that a running task was enqueued by ("" outside either)."""
    return _request_id.get()


@contextmanager
def request_id_bound(request_id):
    """Log under ``request_id`` inside the block (a task runs inside one, with its request's id)."""
    token = _request_id.set(request_id or "")
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every log record (``%(request_id)s``)."""

    def filter(self, record):
        record.request_id = _request_id.get()
        # Django's request logger names the request: here by its path alone, never its query (what a reader searched).
        if hasattr(getattr(record, "request", None), "path"):
            record.request = f"{record.request.method} {record.request.path}"
        return True


class RequestLogMiddleware:
    """Gives every request an id, and logs one line per request: method, path, status, duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        sent = request.headers.get("X-Request-ID", "")
        request_id = sent if VALID_ID.fullmatch(sent) else uuid.uuid4().hex
        started = time.perf_counter()
        with request_id_bound(request_id):
            response = self.get_response(request)
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        response["X-Request-ID"] = request_id
        return response
