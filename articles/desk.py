"""
Each person's desk: the admin's home page, one section per role they hold
(writer, medical reviewer, editor), each a few short lists of the articles
waiting for them, every entry a link to where that work is done.

Every list is bounded (``SHOWN`` entries, its count, and where to see all of
it) and costs the same few queries however many articles there are: a count,
the entries with what they show joined in, at most one query for the events
they quote. ``healthcms/admin_site.py`` shows the desk; the templates are in
``templates/admin/dashboard/``.
"""

import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from . import tasks
from .models import Article, ArticleVersion, ReviewEvent

S = Article.Status
A = ReviewEvent.Action

# Entries shown in each list; the rest are behind its "see all" link.
SHOWN = 10
# How far ahead the editor's schedule looks.
AHEAD = datetime.timedelta(days=7)


@dataclass
class Listing:
    """The first ``SHOWN`` entries of a list, how many it holds in all, and where to see all of them (or None)."""

    entries: list
    count: int
    see_all: str | None = None

    @property
    def more(self):
        """Some entries are not shown here."""
        return self.count > len(self.entries)


def _listing(queryset, see_all=None):
    # Two queries: the count, then the first entries (the slice is the LIMIT; nothing loads the rest).
    return Listing(entries=list(queryset[:SHOWN]), count=queryset.count(), see_all=see_all)


def _articles(queryset, *related):
    """``queryset``'s articles with just what a desk list shows (no text: a body can be long), and the people named."""
    names = [f"{name}__name" for name in related]
    if related:  # (select_related() with no names would join every relation)
        queryset = queryset.select_related(*related)
    return queryset.only(
        "title", "status", "updated_at", "submitted_at", "go_live_at", "expire_at", "first_published_at",
        "live_version", "author", "reviewer", *names,
    )  # fmt: skip


def _latest(action, to_attr):
    """
    Each article's newest event of ``action``, with who made it, as ``article.<to_attr>``
    (a list of at most one): one query for all the entries, however many.
    """
    events = ReviewEvent.objects.filter(action=action).select_related("actor__reviewer_profile")
    return Prefetch("events", queryset=events.order_by("-created_at", "-pk")[:1], to_attr=to_attr)


def _changelist(**filters):
    """The admin's article list, filtered as its own filters do (``status__exact=…``)."""
    return f"{reverse('admin:articles_article_changelist')}?{urlencode(filters)}"


@dataclass
class WriterDesk:
    """A writer's own articles, by what they wait for: the writer's changes, a submission, the doctor, readers."""

    changes_requested: Listing
    drafts: Listing
    in_review: Listing
    published: Listing


def writer_desk(author):
    """
    The desk of the writer ``author`` (an Author): articles with changes requested,
    each with the doctor's newest comment (``article.change_request``), drafts,
    those in medical review (with whom, since when), and those published most
    recently (the ones readers see, as on the writer's public page).
    """
    mine = _articles(Article.objects.filter(author=author), "reviewer")
    changes = mine.filter(status=S.CHANGES_REQUESTED).order_by("-updated_at", "-pk")
    changes = changes.prefetch_related(_latest(A.REQUEST_CHANGES, "change_requests"))
    desk = WriterDesk(
        changes_requested=_listing(
            changes, _changelist(author__id__exact=author.pk, status__exact=S.CHANGES_REQUESTED)
        ),
        drafts=_listing(
            mine.filter(status=S.DRAFT).order_by("-updated_at", "-pk"),
            _changelist(author__id__exact=author.pk, status__exact=S.DRAFT),
        ),
        in_review=_listing(
            mine.filter(status=S.IN_REVIEW).order_by("submitted_at", "pk"),
            _changelist(author__id__exact=author.pk, status__exact=S.IN_REVIEW),
        ),
        # Through the index article_live_author_order: this writer's live articles, newest first.
        published=_listing(
            Article.objects.published()
            .filter(live_author=author)
            .only("title", "first_published_at", "live_version")
            .order_by("-first_published_at", "-pk"),
            author.get_absolute_url(),
        ),
    )
    for article in desk.changes_requested.entries:
        article.change_request = next(iter(article.change_requests), None)
    return desk


@dataclass
class ReviewerDesk:
    """A doctor's queue, oldest first, and what they approved lately."""

    awaiting: Listing
    updates: int  # how many of those awaiting are updates of a live article (the rest are new articles)
    approved: Listing  # the versions this doctor approved, newest first

    @property
    def new(self):
        """How many of those awaiting are new articles (nothing of them is live yet)."""
        return self.awaiting.count - self.updates


def reviewer_desk(user, reviewer):
    """
    The desk of ``user``, the doctor ``reviewer`` (a MedicalReviewer): the articles
    awaiting their review, oldest submission first (one with a live version is an
    update of a live article: ``article.live_version_id``), and the versions they
    approved most recently, each with ``version.may_open``: its article is still
    one they may open (it may have gone to another doctor since).
    """
    # Their own queue (an editor's review queue holds every doctor's), in the queue's order.
    awaiting = Article.objects.awaiting_review_by(user).filter(reviewer=reviewer)
    counts = awaiting.aggregate(total=Count("pk"), updates=Count("pk", filter=Q(live_version__isnull=False)))
    queue = reverse("admin:articles_reviewqueueitem_changelist")
    if user.has_perm("articles.manage_article"):
        queue += "?" + urlencode({"reviewer__id__exact": reviewer.pk})
    approved = _listing(
        ArticleVersion.objects.filter(approved_by=user)
        .only("article", "number", "title", "reviewed_at")
        .annotate(may_open=Exists(Article.objects.visible_to(user).filter(pk=OuterRef("article"))))
        .order_by("-reviewed_at", "-pk"),
        f"{reverse('admin:articles_articleversion_changelist')}?{urlencode({'approved_by__id__exact': user.pk})}",
    )
    entries = _articles(awaiting, "author").order_by("submitted_at", "pk")[:SHOWN]
    return ReviewerDesk(
        awaiting=Listing(entries=list(entries), count=counts["total"], see_all=queue),
        updates=counts["updates"],
        approved=approved,
    )


@dataclass
class EditorDesk:
    """What only an editor moves on: reviewers to assign, reviews that wait, the week's schedule, unpublished articles."""

    unassigned: Listing
    waiting: Listing
    going_live: Listing
    expiring: Listing
    unpublished: Listing
    failed_work: Listing
    days: int = AHEAD.days  # how far ahead the schedule looks
    attempts: int = tasks.ATTEMPTS  # how often failed work was tried


def editor_desk(user):
    """
    The editor's desk: articles without a medical reviewer (unpublished ones
    aside), the reviews waiting longest, the approved articles that go live and
    those that expire within ``AHEAD``, soonest first, and the articles
    unpublished most recently, each with the newest "unpublish" event
    (``article.unpublishing``: who, and why), and the background work (emails,
    renditions, CDN purges) that failed for good in the past ``AHEAD``.
    """
    now = timezone.now()
    until = now + AHEAD
    open_statuses = [s for s in S if s != S.ARCHIVED]
    live = _articles(Article.objects.filter(live_version__isnull=False))
    unpublished = _articles(Article.objects.filter(status=S.ARCHIVED)).order_by("-updated_at", "-pk")
    unpublished = unpublished.prefetch_related(_latest(A.UNPUBLISH, "unpublishings"))
    desk = EditorDesk(
        unassigned=_listing(
            _articles(Article.objects.filter(reviewer=None, status__in=open_statuses), "author").order_by(
                "-updated_at", "-pk"
            ),
            _changelist(reviewer__isnull="True", status__in=",".join(open_statuses)),
        ),
        waiting=_listing(
            # The review queue's order: the oldest submission first.
            _articles(Article.objects.awaiting_review_by(user), "author", "reviewer").order_by("submitted_at", "pk"),
            reverse("admin:articles_reviewqueueitem_changelist"),
        ),
        going_live=_listing(
            live.filter(go_live_at__gt=now, go_live_at__lte=until).order_by("go_live_at", "pk"),
            _changelist(
                live_version__isnull="False", go_live_at__gt=now.isoformat(), go_live_at__lte=until.isoformat()
            ),
        ),
        # Through the index article_expiry.
        expiring=_listing(
            live.filter(expire_at__gt=now, expire_at__lte=until).order_by("expire_at", "pk"),
            _changelist(live_version__isnull="False", expire_at__gt=now.isoformat(), expire_at__lte=until.isoformat()),
        ),
        # The admin list's own order (an unpublished article cannot be edited: its last change is its unpublishing).
        unpublished=_listing(unpublished, _changelist(status__exact=S.ARCHIVED)),
        failed_work=_listing(
            tasks.failures(since=now - AHEAD),
            reverse("admin:django_tasks_database_dbtaskresult_changelist") + "?status__exact=FAILED",
        ),
    )
    for result in desk.failed_work.entries:
        result.label = tasks.label(result)
    for article in desk.unpublished.entries:
        article.unpublishing = next(iter(article.unpublishings), None)
    return desk


@dataclass
class Desk:
    """One person's desk: the section of each role they hold (None for the others)."""

    writer: WriterDesk | None = None
    reviewer: ReviewerDesk | None = None
    editor: EditorDesk | None = None
    # A writer or doctor by permission whose account no Author or MedicalReviewer profile names yet.
    missing_profiles: list = field(default_factory=list)

    @property
    def empty(self):
        return not (self.writer or self.reviewer or self.editor or self.missing_profiles)


def desk_for(user):
    """
    ``user``'s desk, by the permissions their roles give them: writers (and
    editors who write) ``articles.submit_article`` with a writer profile, doctors
    ``articles.review_article`` with a reviewer profile, editors
    ``articles.manage_article``. A profile costs a query each, asked only of
    those whose permissions could use it.
    """
    desk = Desk()
    editor = user.has_perm("articles.manage_article")
    author = getattr(user, "author_profile", None) if user.has_perm("articles.submit_article") else None
    reviewer = getattr(user, "reviewer_profile", None) if user.has_perm("articles.review_article") else None
    if author is not None:
        desk.writer = writer_desk(author)
    elif user.has_perm("articles.submit_article") and not editor:
        desk.missing_profiles.append("writer")
    if reviewer is not None:
        desk.reviewer = reviewer_desk(user, reviewer)
    elif user.has_perm("articles.review_article") and not editor:
        desk.missing_profiles.append("reviewer")
    if editor:
        desk.editor = editor_desk(user)
    return desk
