"""
Emails about workflow moves. Each move of ``articles/workflow.py`` says whom it
tells and under which subject; they go out after the move's transaction has
committed, and a failing mail server is logged and never undoes or blocks a decision.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def send(event, people, subject):
    """
    Email ``people`` (writers or reviewers; those without an account or an
    address are skipped) about ``event``. ``subject`` is untranslated, with a
    ``%(title)s``. Never raises: the decision is already committed.
    """
    try:
        users = [person.user for person in people if person and person.user and person.user.email]
        if not users:
            return
        article = event.article
        link = settings.SITE_URL.rstrip("/") + reverse("admin:articles_article_change", args=[article.pk])
        subject = _(subject) % {"title": article.title}
        by = event.actor.get_full_name() or event.actor.get_username()
        lines = [subject, "", _("By: %(name)s") % {"name": by}]
        if event.comment:
            lines += ["", event.comment]
        lines += ["", link]
        send_mail(subject, "\n".join(lines), None, [user.email for user in users])
    except Exception:
        logger.exception("Could not send the %s notification for article %s", event.action, event.article_id)
