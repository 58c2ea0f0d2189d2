"""
Emails about workflow moves. Each move of ``articles/workflow.py`` says whom it
tells and under which subject; the email is a task (``articles/tasks.py``) that
runs after the move has committed, so a failing mail server never undoes or
blocks a decision: the task is tried again, and its failure shown to editors.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _


def recipients(people):
    """The user ids of ``people`` (writers or reviewers) who can be emailed: those with an account and an address."""
    return [person.user_id for person in people if person and person.user_id and person.user.email]


def send(event, users, subject):
    """Email ``users`` about ``event``. ``subject`` is untranslated, with a ``%(title)s``."""
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
