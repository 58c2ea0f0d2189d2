"""Site-wide request handling: the Content-Security-Policy, and a polite 503 while the database is away."""

import logging

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every response.
    The public pages allow scripts from the site only. Inside the admin,
    CKEditor 4 wires its toolbar with inline event handlers, so there scripts
    may also be inline; the admin is for logged-in staff only.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith("/" + settings.ADMIN_URL) and parts.update is None:
            parts.update = {"script-src": [UNSAFE_INLINE]}
        return parts


class DatabaseUnavailableMiddleware:
    """
    When the database cannot be reached, answer 503 with a page that needs no
    database, and drop the broken connection so that the next request opens a
    fresh one: the site recovers by itself when the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)) and not _is_connection_error(exception):
            return None
        logger.error("Database unavailable: %s", exception)
        for connection in connections.all(initialized_only=True):
            try:
                connection.close()
            except DatabaseError:
                pass  # already gone
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


def _is_connection_error(exception):
    # psycopg2 reports a lost server as DatabaseError("... server closed the connection ...").
    return isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
