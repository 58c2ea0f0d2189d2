"""An article's working copy, what listings read of it, and the proxy behind the review queue."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import sanitize
from ..images import CleanImageField, GeneratedName, validate_image
from .categories import Category
from .people import Author, MedicalReviewer


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles with an approved version that readers may see now: after go-live, before expiry."""
        now = timezone.now()
        return self.filter(
            Q(go_live_at__isnull=True) | Q(go_live_at__lte=now),
            Q(expire_at__isnull=True) | Q(expire_at__gt=now),
            live_version__isnull=False,
        )

    def for_listing(self):
        """
        What listings show (title, summary, category, writer, image), newest
        first: those columns only, no bodies, in the order of the index
        ``article_published_order``.
        """
        return (
            self.select_related("live_version__category", "live_version__author")
            .only(*LISTING_FIELDS)
            .order_by("-first_published_at", "-pk")
        )

    def older_than(self, moment, pk):
        """
        Those after the article first published at ``moment`` with id ``pk``
        in ``for_listing``'s order. (The ``lte`` is implied by the rest; it
        lets an index seek to the start instead of filtering its way there.)
        """
        return self.filter(Q(first_published_at__lt=moment) | Q(pk__lt=pk), first_published_at__lte=moment)

    def newer_than(self, moment, pk):
        """Those before the article first published at ``moment`` with id ``pk``, in ``for_listing``'s order."""
        return self.filter(Q(first_published_at__gt=moment) | Q(pk__gt=pk), first_published_at__gte=moment)

    def in_category(self, category, children):
        """
        A category page's articles: those live in ``category`` or in a category
        under it, at any depth (``children``: the categories right under it, which
        the page lists anyway), through an index each way.
        """
        if category.parent_id is None:
            return self.filter(live_section=category)  # a section: exactly itself and everything under it
        if not children:
            return self.filter(live_category=category)
        return self.filter(live_category__in=Category.objects.subtree(category))

    def for_detail(self):
        """Everything an article page shows, fetched in one query (not the working copy's text)."""
        return self.select_related(
            "live_version__category__parent", "live_version__author", "live_version__reviewer"
        ).defer(*WORKING_COPY_TEXT)

    def awaiting_review_by(self, user):
        """The review queue: articles in medical review, a doctor's own (assigned to them); an editor's has every one."""
        in_review = self.filter(status=Article.Status.IN_REVIEW)
        return in_review if user.has_perm("articles.manage_article") else in_review.filter(reviewer__user=user)

    def visible_to(self, user):
        """What ``user`` may open in the admin: editors everything, others what they write or review."""
        if user.has_perm("articles.manage_article"):
            return self
        return self.filter(Q(author__user=user) | Q(reviewer__user=user))


# The columns a listing shows (templates/articles/_article_list.html, feeds, sitemap, search).
LISTING_FIELDS = [
    "slug", "first_published_at", "expire_at",  # (expire_at: how long a page showing it may be kept)
    "live_version__title", "live_version__summary", "live_version__reviewed_at",
    "live_version__hero_image", "live_version__hero_image_width", "live_version__hero_image_height",
    "live_version__category__name", "live_version__category__slug", "live_version__author__name",
]  # fmt: skip

# The working copy's text, which no public page shows (readers see the live version).
WORKING_COPY_TEXT = ["title", "summary", "body", "hero_image_alt", "hero_image_credit"]


class Article(models.Model):
    """
    A health article's working copy: what writers edit, with its citations.

    ``status`` is the status of this copy. What readers see is ``live_version``,
    the last approved snapshot, so editing a published article never changes
    the public page until the edit is approved. See ``articles/workflow.py``.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In medical review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Unpublished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, help_text=_("Used in the web address."))
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="articles"
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown in listings and to search engines (at most 300 characters)."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Mark a source with its number in square brackets: [1]; it is shown as a superscript link. Only safe formatting is kept."
        ),
    )
    hero_image = CleanImageField(
        _("hero image"),
        upload_to=GeneratedName("articles"),
        blank=True,
        width_field="hero_image_width",
        height_field="hero_image_height",
        validators=[validate_image],
        help_text=_("JPEG, PNG, WebP or GIF. Wide images (at least 1600 pixels) look best."),
    )
    hero_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    hero_image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it. Required when there is an image."),
    )
    hero_image_credit = models.CharField(
        _("image credit"), max_length=200, blank=True, help_text=_("For example: Credit: Freepik.")
    )
    author = models.ForeignKey(Author, verbose_name=_("writer"), on_delete=models.PROTECT, related_name="articles")
    reviewer = models.ForeignKey(
        MedicalReviewer,
        verbose_name=_("medical reviewer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=_("The doctor assigned to review this article."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, editable=False, db_index=True
    )
    live_version = models.ForeignKey(
        "ArticleVersion",
        verbose_name=_("live version"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Copies of the live version's category (and that category's section, see Category.section_id),
    # writer and reviewer, null while nothing is live. Listings filter on them, each through an index
    # of its own in published order (Meta.indexes), instead of probing every article's live version.
    # They change only with live_version, in set_live_version().
    live_category = models.ForeignKey(
        Category, verbose_name=_("live category"), on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    live_section = models.ForeignKey(
        Category, verbose_name=_("live section"), on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    live_author = models.ForeignKey(
        Author, verbose_name=_("live writer"), on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    live_reviewer = models.ForeignKey(
        MedicalReviewer,
        verbose_name=_("live medical reviewer"),
        on_delete=models.PROTECT,
        null=True,
        editable=False,
        related_name="+",
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Once this article is unpublished, its address says so and points readers to this one."),
    )
    featured = models.BooleanField(_("featured"), default=False, help_text=_("Shown first on the home page."))
    go_live_at = models.DateTimeField(
        _("go live at"),
        null=True,
        blank=True,
        help_text=_("Readers see the approved article from this time on. Empty: as soon as it is approved."),
    )
    expire_at = models.DateTimeField(
        _("expire at"), null=True, blank=True, help_text=_("Readers no longer see the article from this time on.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted for review"), null=True, blank=True, editable=False)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    # Counts the edits of the working copy (workflow.record_edit): a form saved from an older
    # copy is refused instead of overwriting someone else's edit, and so is a decision on older text.
    lock_version = models.PositiveIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("submit_article", _("Can submit articles for medical review")),
            ("review_article", _("Can medically review articles")),
            ("manage_article", _("Can manage any article: assign reviewers, schedule, unpublish")),
        ]
        indexes = [
            # Every public listing: published articles, newest first (ArticleQuerySet.for_listing).
            models.Index(
                F("first_published_at").desc(), F("id").desc(),
                name="article_published_order",
                condition=Q(live_version__isnull=False),
            ),
            # The home page's featured articles: a handful among all, found without walking the rest.
            models.Index(
                F("first_published_at").desc(), F("id").desc(),
                name="article_featured_order",
                condition=Q(live_version__isnull=False, featured=True),
            ),
            # A category, section, writer's or reviewer's published articles, newest first: each listing
            # reads just its own rows, in order, from any point of the list (keyset pages).
            *[
                models.Index(
                    field, F("first_published_at").desc(), F("id").desc(),
                    name=f"article_{field}_order",
                    condition=Q(live_version__isnull=False),
                )
                for field in ["live_category", "live_section", "live_author", "live_reviewer"]
            ],
            # The first expiry among published articles (publishing.listing_every_article), and
            # publish_scheduled's look for those that expired.
            models.Index(fields=["expire_at"], name="article_expiry", condition=Q(expire_at__isnull=False)),
            # What goes live soon (the editors' desk, articles/desk.py) and publish_scheduled's look for it.
            models.Index(fields=["go_live_at"], name="article_go_live", condition=Q(go_live_at__isnull=False)),
            # The admin's list, most recently edited first (Meta.ordering).
            models.Index(F("updated_at").desc(), F("id").desc(), name="article_updated_order"),
        ]  # fmt: skip
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_image_alt=""),
                name="article_hero_image_has_alt",
                violation_error_message=_("Describe the hero image in its alt text."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body = sanitize.clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """The public address, from the live version's category; None while nothing is approved."""
        if self.live_version_id is None:
            return None
        return reverse("articles:article", args=[self.live_version.category.slug, self.slug])

    def clean(self):
        errors = {}
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Describe the image for readers who cannot see it.")
        if self.reviewer_id and self.author_id and not self.may_be_reviewed_by(self.reviewer.user_id):
            errors["reviewer"] = _("The medical reviewer cannot be the article's own writer.")
        if self.go_live_at and self.expire_at and self.expire_at <= self.go_live_at:
            errors["expire_at"] = _("The expiry time must be after the go-live time.")
        if self.go_live_at and self.go_live_at > timezone.now() and self.pk:
            was_live = Article.objects.published().filter(pk=self.pk).exists()
            if was_live:
                errors["go_live_at"] = _("This article is live; a go-live time in the future would take it offline.")
        if errors:
            raise ValidationError(errors)

    def set_live_version(self, version):
        """
        Make ``version`` (or None: nothing) what readers see, with the copies
        listings filter on. The caller saves ``LIVE_FIELDS``.
        """
        self.live_version = version
        if version is None:
            self.live_category = self.live_section = self.live_author = self.live_reviewer = None
        else:
            self.live_category, self.live_section_id = version.category, version.category.section_id
            self.live_author_id, self.live_reviewer_id = version.author_id, version.reviewer_id

    @property
    def is_published(self):
        """Readers can see this article now (the rule of ``ArticleQuerySet.published``)."""
        now = timezone.now()
        return (
            self.live_version_id is not None
            and (self.go_live_at is None or self.go_live_at <= now)
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def last_reviewed_at(self):
        return self.live_version.reviewed_at if self.live_version_id else None

    def may_be_reviewed_by(self, user_id):
        """
        Whether the account ``user_id`` may medically review this article:
        anyone's but its writer's, for nobody reviews their own writing. The one
        place this rule is written; the form, the workflow and the admin ask here.
        """
        return self.author.user_id is None or user_id != self.author.user_id


# What Article.set_live_version() changes: the live version and its copies.
LIVE_FIELDS = ["live_version", "live_category", "live_section", "live_author", "live_reviewer"]

# What readers see of an article: the working copy's fields that each approved version (and a preview) holds.
CONTENT_FIELDS = [
    "title", "summary", "category", "author", "reviewer", "body",
    "hero_image", "hero_image_width", "hero_image_height", "hero_image_alt", "hero_image_credit",
]  # fmt: skip

# What the writer writes of it: the content less the reviewer (assigned, not written) and the image's size (it
# comes with the image). An edit of these to a published article is a new revision (workflow.record_edit), and
# the reviewer's comparison (articles/diff.py) shows them.
WRITTEN_FIELDS = [name for name in CONTENT_FIELDS if name not in {"reviewer", "hero_image_width", "hero_image_height"}]


class ReviewQueueItem(Article):
    """The articles awaiting medical review, as a separate admin list (a proxy; no table)."""

    class Meta:
        proxy = True
        # The admin counts them: "1 article awaiting review", "3 articles awaiting review".
        verbose_name = _("article awaiting review")
        verbose_name_plural = _("articles awaiting review")


class OldAddress(models.Model):
    """A slug a live article had before an editor changed it: its old address redirects to the new one."""

    slug = models.SlugField(_("old slug"), max_length=200, unique=True)
    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="old_addresses"
    )
    created_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")

    def __str__(self):
        return self.slug
