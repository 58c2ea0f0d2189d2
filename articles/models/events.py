"""The review history: one record per decision about an article."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .article import Article
from .versions import ArticleVersion, ReviewRound


class ReviewEvent(models.Model):
    """One decision in an article's life: who moved it from which status to which, when, and why."""

    class Action(models.TextChoices):
        """The moves of ``articles/workflow.py`` (its ``TRANSITIONS``), as the history names them."""

        SUBMIT = "submit", _("Submit for medical review")
        WITHDRAW = "withdraw", _("Withdraw from review")
        REQUEST_CHANGES = "request_changes", _("Request changes")
        APPROVE = "approve", _("Approve and publish")
        START_REVISION = "start_revision", _("Start a new revision")
        UNPUBLISH = "unpublish", _("Unpublish")
        RESTORE = "restore", _("Restore as a draft")
        RESTORE_VERSION = "restore_version", _("Start a draft from an approved version")
        REASSIGN = "reassign", _("Reassign the medical reviewer")

    # PROTECT: an article with a review history cannot be deleted, only unpublished.
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=30, choices=Action)
    from_status = models.CharField(_("from"), max_length=20, choices=Article.Status)
    to_status = models.CharField(_("to"), max_length=20, choices=Article.Status)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    comment = models.TextField(_("comment"), blank=True)
    version = models.ForeignKey(
        ArticleVersion,
        verbose_name=_("approved version"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # What a submission sent to the reviewer.
    round = models.ForeignKey(
        ReviewRound, verbose_name=_("review round"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When its email went out (articles/tasks.py: a task that runs twice sends it once).
    notified_at = models.DateTimeField(_("email sent"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review history")

    def __str__(self):
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"
