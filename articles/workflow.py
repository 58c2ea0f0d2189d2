"""
The editorial workflow in one place: the moves an article's working copy can
make, who may make each, and what each records.

    draft ─submit─▶ in review ─approve─▶ published ─(an edit)─▶ draft
      ▲   ◀─withdraw─┘     └─request changes─▶ changes requested ─submit─▶ in review
    any status ─unpublish─▶ unpublished ─restore─▶ draft
    any status but in review ─restore version─▶ draft (the text of an approved version)

Each submission keeps what was sent to the reviewer (a ``ReviewRound``), so a
resubmission is compared with the round before it.

Each move runs in a transaction holding the article's row lock, so two people
acting at once are served one after the other and the second finds the new
status. A move that the status or the user's role does not allow raises
``TransitionNotAllowed`` and changes nothing. Each move writes a ``ReviewEvent``;
notifications go out after the transaction commits. Admin views, commands and
tests call these functions; nothing else sets ``Article.status``.

Each move is one row of ``TRANSITIONS``: adding a move adds a row there (and
its name to ``ReviewEvent.Action``); the admin's panel, the checks and the
history find it from the row.
"""

import logging
from dataclasses import dataclass
from typing import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from references.models import Citation

from . import notifications, search, tasks
from .models import LIVE_FIELDS, WRITTEN_FIELDS, Article, ArticleVersion, MedicalReviewer, ReviewEvent, ReviewRound

logger = logging.getLogger(__name__)

A = ReviewEvent.Action
S = Article.Status


class TransitionNotAllowed(PermissionDenied):
    """A move refused for this article's status or this user; nothing was changed."""


def is_writer(user, article):
    return article.author.user_id is not None and article.author.user_id == user.pk


def is_assigned_reviewer(user, article):
    return article.reviewer_id is not None and article.reviewer.user_id == user.pk


def can_edit(user, article):
    """May change the working copy: editors any article, writers their own."""
    return user.has_perm("articles.manage_article") or (
        is_writer(user, article) and user.has_perm("articles.change_article")
    )


# Statuses in which the working copy's text may change; in review it is frozen for the reviewer.
EDITABLE = frozenset({S.DRAFT, S.CHANGES_REQUESTED, S.PUBLISHED})


def can_edit_now(user, article):
    """``can_edit``, and the article's status lets its text change."""
    return article.status in EDITABLE and can_edit(user, article)


def _may_submit(user, article):
    return user.has_perm("articles.manage_article") or (
        is_writer(user, article) and user.has_perm("articles.submit_article")
    )


def _may_review(user, article):
    # Only the doctor assigned to the article decides (and, as for every decision, never on their own writing).
    return user.has_perm("articles.review_article") and is_assigned_reviewer(user, article)


def _may_manage(user, article):
    return user.has_perm("articles.manage_article")


# What moves do besides changing the status. Each gets the locked article, already moved, and the unsaved
# event (the decision's user, time and comment), and returns the names of the further fields it changed.


def _submitted(article, event):
    """What is sent to the reviewer is kept as the article's next review round."""
    article.submitted_at = event.created_at
    last = article.rounds.aggregate(last=Max("number"))["last"] or 0
    event.round = ReviewRound.from_working_copy(
        article, number=last + 1, submitted_at=event.created_at, submitted_by=event.actor
    )
    event.round.save()
    return ["submitted_at"]


def _published(article, event):
    """The working copy becomes the new live version."""
    event.version = ArticleVersion.snapshot(
        article, approved_by=event.actor, reviewed_at=event.created_at, note=event.comment
    )
    article.set_live_version(event.version)
    search.index(ArticleVersion.objects.filter(pk=event.version.pk))
    article.first_published_at = article.first_published_at or event.created_at
    if article.hero_image:
        version = event.version
        tasks.later(tasks.make_renditions, version.hero_image.name, version.hero_image_width)
    return [*LIVE_FIELDS, "first_published_at"]


def _taken_off_the_site(article, event):
    """Readers no longer see it; its approved versions stay on record."""
    article.set_live_version(None)
    return LIVE_FIELDS


# What restoring a version brings back: what the writer writes and the image's size. The writer and the reviewer
# stay the article's own: they are assignments (who may edit it, who reviews it), not its text.
RESTORED_FIELDS = [name for name in WRITTEN_FIELDS if name != "author"] + ["hero_image_width", "hero_image_height"]


def _restored_from(article, event, *, version):
    """The working copy becomes approved ``version``'s text and citations again: an edit, reviewed like any."""
    if version.article_id != article.pk:
        raise TransitionNotAllowed(_("That version belongs to another article."))
    names = [Article._meta.get_field(name).attname for name in RESTORED_FIELDS]
    changed = [name for name in names if getattr(article, name) != getattr(version, name)]
    citations = version.citation_list()
    if not changed and [c.as_data() for c in citations] == [c.as_data() for c in article.citations.all()]:
        raise TransitionNotAllowed(_("The working copy already holds version %(number)s.") % {"number": version.number})
    for name in changed:
        if name == "hero_image":
            # By its name, past the field's descriptor: the version knows the image's size, so the file is not opened.
            article.__dict__[name] = version.hero_image.name
        else:
            setattr(article, name, getattr(version, name))
    article.citations.all().delete()
    for citation in citations:
        citation.article = article
    Citation.objects.bulk_create(citations)
    article.lock_version += 1  # an edit (see record_edit): a form or a decision on the text before it is refused
    event.version = version
    said = _("From version %(number)s.") % {"number": version.number}
    event.comment = f"{said}\n\n{event.comment}" if event.comment else said
    return [*changed, "lock_version"]


def _reassigned(article, event, *, reviewer):
    if not article.may_be_reviewed_by(reviewer.user_id):
        raise TransitionNotAllowed(_("The medical reviewer cannot be the article's own writer."))
    event.comment = _("Medical reviewer: %(old)s → %(new)s") % {"old": article.reviewer or "—", "new": reviewer}
    article.reviewer = reviewer
    return ["reviewer"]


# Whom a move's email goes to, from the moved article.


def _its_reviewer(article):
    return [article.reviewer] if article.status == S.IN_REVIEW else []


def _its_writer(article):
    return [article.author]


@dataclass(frozen=True)
class Transition:
    """
    One move: the action it records (a ``ReviewEvent.Action``), the statuses
    it starts from and the one it leads to (None: the status stays), who may
    make it, and what it does besides. Calling it makes the move:
    ``workflow.submit(article, by=user)``.
    """

    action: A
    sources: frozenset
    target: str | None
    may: Callable  # (user, article) -> bool
    needs_comment: bool = False
    decision: bool = False  # a medical decision, never made on one's own writing
    button: bool = True  # offered in the article's workflow panel
    effect: Callable | None = None  # (article, event, **details) -> the further fields changed
    tell: Callable | None = None  # (article) -> the writers or reviewers to email
    subject: str = ""  # that email's subject, marked for translation with gettext_noop

    do_not_call_in_templates = True  # a template reads its label; calling it makes the move

    @property
    def label(self):
        return self.action.label

    def __call__(self, article, *, by, comment="", seen_version=None, **details):
        return _make(self, article, by, comment, seen_version, details)


ALL = frozenset(S)
TRANSITIONS = {
    transition.action: transition
    for transition in [
        Transition(
            A.SUBMIT, frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.IN_REVIEW, _may_submit,
            effect=_submitted, tell=_its_reviewer, subject=gettext_noop("Please review: %(title)s"),
        ),
        Transition(A.WITHDRAW, frozenset({S.IN_REVIEW}), S.DRAFT, _may_submit),
        Transition(
            A.REQUEST_CHANGES, frozenset({S.IN_REVIEW}), S.CHANGES_REQUESTED, _may_review,
            needs_comment=True, decision=True, tell=_its_writer, subject=gettext_noop("Changes requested: %(title)s"),
        ),
        Transition(
            A.APPROVE, frozenset({S.IN_REVIEW}), S.PUBLISHED, _may_review,
            decision=True, effect=_published, tell=_its_writer, subject=gettext_noop("Published: %(title)s"),
        ),
        # Not a button: a published article's edit starts one by itself (record_edit).
        Transition(A.START_REVISION, frozenset({S.PUBLISHED}), S.DRAFT, can_edit, button=False),
        Transition(
            A.UNPUBLISH, ALL - {S.ARCHIVED}, S.ARCHIVED, _may_manage,
            needs_comment=True, effect=_taken_off_the_site, tell=_its_writer,
            subject=gettext_noop("Unpublished: %(title)s"),
        ),
        Transition(A.RESTORE, frozenset({S.ARCHIVED}), S.DRAFT, _may_manage),
        # Not a button here: an approved version's page offers it, with ``version=``. Only while the working copy
        # is the live version: a draft's, a request's answer or an unpublished copy may hold text no version
        # keeps, which the restore would destroy.
        Transition(
            A.RESTORE_VERSION, frozenset({S.PUBLISHED}), S.DRAFT, _may_manage,
            button=False, effect=_restored_from, tell=_its_writer,
            subject=gettext_noop("Draft started from an approved version: %(title)s"),
        ),
        # Not a button: the panel's reviewer list makes it, with ``reviewer=``.
        Transition(
            A.REASSIGN, ALL - {S.ARCHIVED}, None, _may_manage,
            button=False, effect=_reassigned, tell=_its_reviewer, subject=gettext_noop("Please review: %(title)s"),
        ),
    ]
}  # fmt: skip

# The moves by name, for callers: workflow.approve(article, by=doctor). (The admin finds them in TRANSITIONS.)
submit = TRANSITIONS[A.SUBMIT]
withdraw = TRANSITIONS[A.WITHDRAW]
request_changes = TRANSITIONS[A.REQUEST_CHANGES]
approve = TRANSITIONS[A.APPROVE]
start_revision = TRANSITIONS[A.START_REVISION]
unpublish = TRANSITIONS[A.UNPUBLISH]
restore = TRANSITIONS[A.RESTORE]
restore_version = TRANSITIONS[A.RESTORE_VERSION]
reassign = TRANSITIONS[A.REASSIGN]


def check(transition, article, user, seen_version=None):
    """
    Raise ``TransitionNotAllowed`` with a message for the user unless ``user``
    may make this move now (its comment aside). ``seen_version`` is the working
    copy's ``lock_version`` as the user saw it: a decision about text that has
    changed since is refused.
    """
    if article.status not in transition.sources:
        raise TransitionNotAllowed(
            _("“%(action)s” is not possible while the article is “%(status)s”.")
            % {"action": transition.label, "status": article.get_status_display()}
        )
    if seen_version is not None and seen_version != article.lock_version:
        raise TransitionNotAllowed(
            _("The article was changed after you opened it. Read the current text, then decide again.")
        )
    if transition.decision and not article.may_be_reviewed_by(user.pk):
        raise TransitionNotAllowed(_("You cannot review your own article."))
    if not transition.may(user, article):
        raise TransitionNotAllowed(
            _("You are not allowed to “%(action)s” this article.") % {"action": transition.label}
        )
    if transition.target == S.IN_REVIEW and article.reviewer_id is None:
        raise TransitionNotAllowed(_("Assign a medical reviewer before submitting the article."))


def can(user, action, article):
    """Whether ``user`` may make the move ``action`` on ``article`` now (its comment aside)."""
    try:
        check(TRANSITIONS[action], article, user)
    except TransitionNotAllowed:
        return False
    return True


def available(article, user):
    """The moves ``user`` may make on ``article`` now that the panel offers as buttons, in the table's order."""
    return [t for t in TRANSITIONS.values() if t.button and can(user, t.action, article)]


def reviewer_choices(article):
    """The medical reviewers who may be assigned to ``article``."""
    return [reviewer for reviewer in MedicalReviewer.objects.all() if article.may_be_reviewed_by(reviewer.user_id)]


# An edit of these to a published article waits for medical review as a new revision ("citations": its
# reference list); scheduling, featuring and the reviewer's assignment do not change what readers read.
REVISION_FIELDS = {*WRITTEN_FIELDS, "citations"}


@transaction.atomic
def record_edit(article, changed, *, by):
    """
    ``by`` has saved an edit of ``article``'s working copy that changed the
    fields named in ``changed`` ("citations" for its reference list). The
    edit is counted (``lock_version``: a form opened, or a
    decision taken, on the text before it is then refused), and an edit of a
    published article's content becomes a new revision, which readers see
    only once it is approved. Returns that move's event, or None.
    """
    if not changed:
        return None
    Article.objects.filter(pk=article.pk).update(lock_version=F("lock_version") + 1)
    article.refresh_from_db(fields=["lock_version"])
    if article.status == S.PUBLISHED and REVISION_FIELDS & set(changed):
        return start_revision(article, by=by)
    return None


@transaction.atomic
def _make(transition, article, user, comment, seen_version, details):
    """
    Make ``transition`` on ``article`` for ``user``: lock the row, check the move
    against its current status, move it, record the event, schedule the email,
    and update the caller's copy. Returns the event.
    """
    locked = Article.objects.select_for_update(of=("self",)).select_related("author", "reviewer").get(pk=article.pk)
    check(transition, locked, user, seen_version)
    if transition.needs_comment and not comment.strip():
        raise TransitionNotAllowed(_("“%(action)s” needs a comment saying why.") % {"action": transition.label})
    event = ReviewEvent(
        article=locked,
        action=transition.action,
        from_status=locked.status,
        to_status=transition.target or locked.status,
        actor=user,
        comment=comment.strip(),
        created_at=timezone.now(),
    )
    if details and not transition.effect:
        raise TypeError(f"{transition.action} takes no {', '.join(details)}")
    locked.status = event.to_status
    fields = ["status", "updated_at", *(transition.effect(locked, event, **details) if transition.effect else [])]
    locked.save(update_fields=fields)
    event.save()
    if transition.tell:
        tasks.later(
            tasks.send_notification, event.pk, notifications.recipients(transition.tell(locked)), transition.subject
        )
    logger.info(
        "%s: article %s by %s",
        transition.action,
        locked.pk,
        user.pk,
        extra={"action": transition.action, "article": locked.pk, "user": user.pk, "to_status": event.to_status},
    )
    for name in fields:
        # A related object where the locked copy holds it (the new live version), else its id: copying fetches nothing.
        field = Article._meta.get_field(name)
        name = name if not field.is_relation or field.is_cached(locked) else field.attname
        setattr(article, name, getattr(locked, name))
    return event
