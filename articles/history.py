"""
What an article's review history says (its ``ReviewEvent`` records): which
approved version was live when, which one readers saw last, the request for
changes being answered, and the review round a resubmission is compared with.
The moves that write the history are in ``articles/workflow.py``.
"""

from django.db.models import Max
from django.utils import timezone

from .models import Article, ReviewEvent

A = ReviewEvent.Action
S = Article.Status


def publication_history(article):
    """
    ``(version, live_from, live_until)`` for every approved version of
    ``article``, oldest first, from its review history; ``live_until`` is None
    for the version live now. (A go-live or expiry time narrows this further.)
    """
    history = []
    events = article.events.filter(action__in=[A.APPROVE, A.UNPUBLISH]).select_related("version__reviewer")
    for event in events.order_by("created_at", "pk"):
        if history and history[-1][2] is None:
            history[-1][2] = event.created_at
        if event.action == A.APPROVE:
            history.append([event.version, event.created_at, None])
    return [tuple(row) for row in history]


def version_live_on(article, moment):
    """The approved version of ``article`` readers were served at ``moment``, or None."""
    for version, live_from, live_until in publication_history(article):
        if live_from <= moment and (live_until is None or moment < live_until):
            return version
    return None


def last_seen_version(article):
    """
    The approved version of ``article`` that readers saw last, or None if they never saw one: its review
    history (each version live from its approval until the next approval or the unpublication), narrowed
    by its go-live and expiry times as they stand now. An article approved to go live later, and
    unpublished before then, was never seen; an expired one was, until it expired.
    """
    now = timezone.now()
    for version, live_from, live_until in reversed(publication_history(article)):
        start = max(live_from, article.go_live_at or live_from)
        end = min(moment for moment in [live_until, article.expire_at, now] if moment is not None)
        if start < end:
            return version
    return None


def changes_requested(article):
    """The reviewer's request the writer is answering (its event), or None unless changes are requested now."""
    if article.status != S.CHANGES_REQUESTED:
        return None
    return article.events.filter(to_status=S.CHANGES_REQUESTED).select_related("actor").first()


def earlier_round(article):
    """
    The review round the doctor last asked changes of in this revision (no
    version approved since): the writer's answer is compared with it, however
    often it was withdrawn and resubmitted since. None when no change was
    asked since the last approval.
    """
    requests = article.events.filter(action=A.REQUEST_CHANGES).order_by("-created_at", "-pk")
    last_approval = article.versions.aggregate(at=Max("reviewed_at"))["at"]
    if last_approval is not None:
        requests = requests.filter(created_at__gt=last_approval)
    request = requests.first()
    if request is None:
        return None
    return article.rounds.filter(submitted_at__lte=request.created_at).order_by("-number").first()
