"""
Who is told what after a workflow move. Runs after the move's transaction has
committed; a failing mail server is logged and never undoes or blocks a decision.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

logger = logging.getLogger(__name__)


def recipients_for(event):
    """The users to tell about ``event``: the reviewer when work arrives, the writer when a decision does."""
    article = event.article
    if event.action in {"submit", "reassign"} and event.to_status == article.Status.IN_REVIEW:
        people = [article.reviewer]
    elif event.action in {"request_changes", "approve", "unpublish"}:
        people = [article.author]
    else:
        people = []
    return [person.user for person in people if person and person.user and person.user.email]


SUBJECTS = {
    "submit": gettext_noop("Please review: %(title)s"),
    "reassign": gettext_noop("Please review: %(title)s"),
    "request_changes": gettext_noop("Changes requested: %(title)s"),
    "approve": gettext_noop("Published: %(title)s"),
    "unpublish": gettext_noop("Unpublished: %(title)s"),
}


def send_for(event):
    """Email the people ``event`` concerns. Never raises: the decision is already committed."""
    try:
        users = recipients_for(event)
        if not users:
            return
        article = event.article
        link = settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_change", args=[article.pk])
        subject = _(SUBJECTS[event.action]) % {"title": article.title}
        by = event.actor.get_full_name() or event.actor.get_username()
        lines = [subject, "", _("By: %(name)s") % {"name": by}]
        if event.comment:
            lines += ["", event.comment]
        lines += ["", link]
        send_mail(subject, "\n".join(lines), None, [user.email for user in users])
    except Exception:
        logger.exception("Could not send the %s notification for article %s", event.action, event.article_id)
