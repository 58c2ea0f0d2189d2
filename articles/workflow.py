"""
The editorial workflow in one place: the moves an article's working copy can
make, who may make each, and what each records.

    draft ─submit─▶ in review ─approve─▶ published ─(an edit)─▶ draft
      ▲   ◀─withdraw─┘     └─request changes─▶ changes requested ─submit─▶ in review
    any status ─unpublish─▶ unpublished ─restore─▶ draft

Each move runs in a transaction holding the article's row lock, so two people
acting at once are served one after the other and the second finds the new
status. A move that the status or the user's role does not allow raises
``TransitionNotAllowed`` and changes nothing. Each move writes a ``ReviewEvent``;
notifications go out after the transaction commits. Admin views, commands and
tests call these functions; nothing else sets ``Article.status``.
"""

from dataclasses import dataclass
from typing import Callable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import images, notifications, search
from .models import LIVE_FIELDS, Article, ArticleVersion, ReviewEvent

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
    # Only the doctor assigned to the article decides, and never on their own writing.
    return (
        user.has_perm("articles.review_article")
        and is_assigned_reviewer(user, article)
        and not is_writer(user, article)
    )


def _may_manage(user, article):
    return user.has_perm("articles.manage_article")


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset
    target: str
    may: Callable
    needs_comment: bool = False


TRANSITIONS = {
    transition.name: transition
    for transition in [
        Transition(
            "submit",
            _("Submit for medical review"),
            frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
            S.IN_REVIEW,
            _may_submit,
        ),
        Transition("withdraw", _("Withdraw from review"), frozenset({S.IN_REVIEW}), S.DRAFT, _may_submit),
        Transition(
            "request_changes", _("Request changes"), frozenset({S.IN_REVIEW}), S.CHANGES_REQUESTED, _may_review, True
        ),
        Transition("approve", _("Approve and publish"), frozenset({S.IN_REVIEW}), S.PUBLISHED, _may_review),
        Transition("start_revision", _("Start a new revision"), frozenset({S.PUBLISHED}), S.DRAFT, can_edit),
        Transition("unpublish", _("Unpublish"), frozenset(set(S) - {S.ARCHIVED}), S.ARCHIVED, _may_manage, True),
        Transition("restore", _("Restore as a draft"), frozenset({S.ARCHIVED}), S.DRAFT, _may_manage),
    ]
}


def label(action):
    """The human name of a recorded action (a transition's name, or "reassign")."""
    return TRANSITIONS[action].label if action in TRANSITIONS else _("Reassign the medical reviewer")


# The moves that are medical decisions: only the assigned doctor makes them, never on their own writing.
REVIEW_MOVES = {"request_changes", "approve"}

# The moves offered as buttons; a new revision starts by itself when a published article is edited.
BUTTONS = ["submit", "withdraw", "request_changes", "approve", "unpublish", "restore"]


def check(transition, article, user, comment="", seen_version=None):
    """
    Raise ``TransitionNotAllowed`` with a message for the user unless ``user``
    may make this move now. ``seen_version`` is the working copy's
    ``lock_version`` as the user saw it: a decision about text that has
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
    if transition.name in REVIEW_MOVES and is_writer(user, article):
        raise TransitionNotAllowed(_("You cannot review your own article."))
    if not transition.may(user, article):
        raise TransitionNotAllowed(
            _("You are not allowed to “%(action)s” this article.") % {"action": transition.label}
        )
    if transition.needs_comment and not comment.strip():
        raise TransitionNotAllowed(_("“%(action)s” needs a comment saying why.") % {"action": transition.label})
    if transition.target == S.IN_REVIEW and article.reviewer_id is None:
        raise TransitionNotAllowed(_("Assign a medical reviewer before submitting the article."))


def available(article, user):
    """The moves ``user`` may make on ``article`` now, in button order (comments aside)."""
    allowed = []
    for name in BUTTONS:
        transition = TRANSITIONS[name]
        try:
            check(transition, article, user, comment="-")
        except TransitionNotAllowed:
            continue
        allowed.append(transition)
    return allowed


@transaction.atomic
def submit(article, *, by, comment="", seen_version=None):
    """Send the working copy to its assigned medical reviewer."""
    locked, event = _move(article, "submit", by, comment, seen_version)
    locked.submitted_at = event.created_at
    return _record(article, locked, event, ["submitted_at"])


@transaction.atomic
def withdraw(article, *, by, comment="", seen_version=None):
    """Take an article out of review, back to draft, to change it."""
    return _record(article, *_move(article, "withdraw", by, comment, seen_version))


@transaction.atomic
def request_changes(article, *, by, comment, seen_version=None):
    """The reviewer sends the article back to the writer, saying what to change."""
    return _record(article, *_move(article, "request_changes", by, comment, seen_version))


@transaction.atomic
def approve(article, *, by, comment="", seen_version=None):
    """The assigned reviewer approves: the working copy becomes the new live version."""
    locked, event = _move(article, "approve", by, comment, seen_version)
    event.version = ArticleVersion.snapshot(locked, approved_by=by, reviewed_at=event.created_at, note=comment)
    locked.set_live_version(event.version)
    search.index(ArticleVersion.objects.filter(pk=locked.live_version.pk))
    locked.first_published_at = locked.first_published_at or event.created_at
    if locked.hero_image:
        version = locked.live_version
        transaction.on_commit(
            lambda: images.make_renditions_logged(version.hero_image.name, version.hero_image_width), robust=True
        )
    return _record(article, locked, event, [*LIVE_FIELDS, "first_published_at"])


@transaction.atomic
def start_revision(article, *, by, comment="", seen_version=None):
    """A published article was edited: the edit waits as a draft; readers keep the live version."""
    return _record(article, *_move(article, "start_revision", by, comment, seen_version))


@transaction.atomic
def unpublish(article, *, by, comment, seen_version=None):
    """An editor takes the article off the site, saying why. Its approved versions stay on record."""
    locked, event = _move(article, "unpublish", by, comment, seen_version)
    locked.set_live_version(None)
    return _record(article, locked, event, LIVE_FIELDS)


@transaction.atomic
def restore(article, *, by, comment="", seen_version=None):
    """An editor brings an unpublished article back as a draft, to go through review again."""
    return _record(article, *_move(article, "restore", by, comment, seen_version))


FUNCTIONS = {
    "submit": submit,
    "withdraw": withdraw,
    "request_changes": request_changes,
    "approve": approve,
    "start_revision": start_revision,
    "unpublish": unpublish,
    "restore": restore,
}


@transaction.atomic
def reassign(article, *, by, reviewer):
    """An editor assigns another medical reviewer; recorded like any decision."""
    locked = Article.objects.select_for_update(of=("self",)).select_related("author", "reviewer").get(pk=article.pk)
    if not _may_manage(by, locked):
        raise TransitionNotAllowed(_("Only an editor can reassign the medical reviewer."))
    if locked.status == S.ARCHIVED:
        raise TransitionNotAllowed(_("Restore the article before assigning a reviewer."))
    if reviewer.user_id == locked.author.user_id:
        raise TransitionNotAllowed(_("The medical reviewer cannot be the article's own writer."))
    previous = locked.reviewer
    locked.reviewer = reviewer
    event = ReviewEvent(
        article=locked,
        action="reassign",
        from_status=locked.status,
        to_status=locked.status,
        actor=by,
        comment=_("Medical reviewer: %(old)s → %(new)s") % {"old": previous or "—", "new": reviewer},
    )
    return _record(article, locked, event, ["reviewer"])


def _move(article, name, user, comment, seen_version):
    """Lock the article's row, check the move against its current status, and start the event."""
    transition = TRANSITIONS[name]
    locked = Article.objects.select_for_update(of=("self",)).select_related("author", "reviewer").get(pk=article.pk)
    check(transition, locked, user, comment, seen_version)
    event = ReviewEvent(
        article=locked,
        action=name,
        from_status=locked.status,
        to_status=transition.target,
        actor=user,
        comment=comment.strip(),
        created_at=timezone.now(),
    )
    locked.status = transition.target
    return locked, event


def _record(article, locked, event, fields=()):
    """Save the move and its event, schedule the notifications, and update the caller's copy."""
    locked.save(update_fields=["status", "updated_at", *fields])
    event.save()
    transaction.on_commit(lambda: notifications.send_for(event), robust=True)
    for name in ["status", "updated_at", *fields]:
        # A related object where the locked copy holds it (the new live version), else its id: copying fetches nothing.
        field = Article._meta.get_field(name)
        name = name if not field.is_relation or field.is_cached(locked) else field.attname
        setattr(article, name, getattr(locked, name))
    return event
