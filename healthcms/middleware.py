"""Site-wide request handling: the Content-Security-Policy, and a polite 503 while the database is away."""

import logging

from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpResponse
from django.template.loader import render_to_string
from multidb.middleware import PinningRouterMiddleware
from multidb.pinning import pin_this_thread

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """
    django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every response.
    The public pages allow scripts from the site only. Inside the admin,
    CKEditor 4 wires its toolbar with inline event handlers, so there, for
    logged-in staff only, scripts may also be inline (the login page stays strict).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        user = getattr(request, "user", None)
        in_admin = request.path_info.startswith("/" + settings.ADMIN_URL.strip("/") + "/")
        if in_admin and user is not None and user.is_staff and parts.update is None:
            parts.update = {"script-src": [UNSAFE_INLINE]}
        return parts


class DatabaseUnavailableMiddleware:
    """
    When the database cannot be reached, answer 503 with a page that needs no
    database, and drop the broken connection so that the next request opens a
    fresh one: the site recovers by itself when the database is back. Other
    database errors (a missing table, a bad query) stay errors.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError) or _database_is_reachable():
            return None
        logger.exception("Database unavailable; answering 503")
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response


def _database_is_reachable():
    """Ask each database (the primary, the replicas); a connection that cannot answer is closed, to be opened afresh."""
    return all(_reachable(connections[alias]) for alias in ["default", *settings.REPLICA_DATABASES])


def _reachable(connection):
    try:
        if connection.connection is not None and connection.is_usable():
            return True
        connection.close()
        connection.ensure_connection()
        return True
    except DatabaseError:
        try:
            connection.close()
        except DatabaseError:
            pass  # already gone
        return False


class ReplicaPinningMiddleware(PinningRouterMiddleware):
    """
    django-multidb-router's pinning (with DATABASE_REPLICA_URLS): a public GET reads from a replica; a
    write (any POST) pins its reader to the primary for MULTIDB_PINNING_SECONDS. Here also the admin and
    anyone signed in (previews) always read from the primary: an editor never sees a page behind their work.
    """

    def process_request(self, request):
        super().process_request(request)
        admin = "/" + settings.ADMIN_URL.strip("/") + "/"
        if request.path_info.startswith(admin) or settings.SESSION_COOKIE_NAME in request.COOKIES:
            pin_this_thread()
