"""
The editorial content of a health publisher: categories, the people who write
and medically review, and the articles themselves.

Rules about one article live here. Rules about moving an article through
review live in ``articles/workflow.py``.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from references.formatting import vancouver
from references.models import Citation

from . import richtext, sanitize
from .images import CleanImageField, GeneratedName, renditions, validate_image


def reserved_slugs():
    """
    The top-level addresses that a category slug may not take (categories live at /<slug>/):
    the first segment of every other route of the site's URLconf (the admin's wherever
    ADMIN_URL puts it), of STATIC_URL and of MEDIA_URL.
    """
    from django.urls import get_resolver

    found = set()

    def walk(patterns):
        for entry in patterns:
            route = str(entry.pattern).removeprefix("^")
            if not route and hasattr(entry, "url_patterns"):  # an include() at the top
                walk(entry.url_patterns)
            elif (first := route.split("/")[0]) and not re.search(r"[<(\[\\$?*+]", first):  # a literal segment
                found.add(first)

    walk(get_resolver().url_patterns)
    return found | {
        url.strip("/").split("/")[0] for url in [settings.STATIC_URL, settings.MEDIA_URL] if url.startswith("/")
    }


class Category(models.Model):
    """A section of the site, such as "Diseases" or "Mental health"; may sit under a parent."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("Used in the web address."))
    description = models.TextField(_("description"), blank=True, help_text=_("Shown at the top of the category page."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent category"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("display order"), default=0, help_text=_("Lower numbers are listed first.")
    )
    condition = models.CharField(
        _("medical condition"),
        max_length=150,
        blank=True,
        help_text=_(
            "If this category is about one condition (for example: Diabetes mellitus), its name. Tells search engines what the articles are about."
        ),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A category moved under another section takes its live articles along (Article.live_section).
        Article.objects.filter(live_version__isnull=False, live_category=self).exclude(
            live_section_id=self.section_id
        ).update(live_section_id=self.section_id)

    def get_absolute_url(self):
        return reverse("articles:category", args=[self.slug])

    @property
    def section_id(self):
        """The top-level category this one belongs to: its parent, or itself when it has none."""
        return self.parent_id or self.pk

    def clean(self):
        if self.slug in reserved_slugs():
            raise ValidationError(
                {
                    "slug": _("“%(slug)s” is used by another page of the site; choose another slug.")
                    % {"slug": self.slug}
                }
            )
        ancestor, seen = self.parent, {self.pk}
        while ancestor is not None:
            if ancestor.pk in seen and ancestor.pk is not None:  # (seen also stops a loop further up)
                raise ValidationError(
                    {"parent": _("A category cannot be placed under itself or one of its subcategories.")}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent


class Author(models.Model):
    """A writer as readers see them on the byline and the author page."""

    name = models.CharField(_("display name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("Used in the web address."))
    credentials = models.CharField(
        _("credentials or job title"),
        max_length=200,
        blank=True,
        help_text=_("For example: Health writer, MSc Public Health."),
    )
    bio = models.TextField(_("short bio"), blank=True)
    photo = CleanImageField(_("photo"), upload_to=GeneratedName("authors"), blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text=_("The account this writer logs in with, if any."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:author", args=[self.slug])


class MedicalReviewer(models.Model):
    """A doctor who medically reviews articles; readers see the name and credentials."""

    name = models.CharField(
        _("display name"), max_length=150, help_text=_("As readers see it, for example: dr Hanifa Rahma.")
    )
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("Used in the web address."))
    credentials = models.CharField(
        _("credentials"), max_length=200, help_text=_("Degree and specialty, for example: MD, Internal medicine.")
    )
    registration_number = models.CharField(
        _("professional registration number"),
        max_length=100,
        help_text=_("The doctor's licence or registration number."),
    )
    bio = models.TextField(_("bio"), blank=True)
    photo = CleanImageField(_("photo"), upload_to=GeneratedName("reviewers"), blank=True, validators=[validate_image])
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.PROTECT,
        related_name="reviewer_profile",
        help_text=_("The account the doctor logs in with to review articles."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("medical reviewer")
        verbose_name_plural = _("medical reviewers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:reviewer", args=[self.slug])


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
        A category page's articles: those live in ``category`` or one of its
        ``children`` (its subcategories), through an index either way.
        """
        if category.parent_id is None:
            return self.filter(live_section=category)  # a section: exactly itself and its subcategories
        return self.filter(live_category__in=[category, *children])

    def for_detail(self):
        """Everything an article page shows, fetched in one query (not the working copy's text)."""
        return self.select_related(
            "live_version__category__parent", "live_version__author", "live_version__reviewer"
        ).defer(*WORKING_COPY_TEXT)

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
            "Mark a source with its number in square brackets, as superscript: [1]. Only safe formatting is kept."
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
    # Bumped by every save of the working copy; a form saved from an older
    # copy is refused instead of overwriting someone else's edit.
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
        if kwargs.get("update_fields") is None:
            # A full save is an edit of the working copy (workflow moves save single fields).
            self.body = sanitize.clean_html(self.body)
            self.lock_version += 1
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
        if self.reviewer_id and self.author_id and self.reviewer.user_id == self.author.user_id:
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

    def publication_history(self):
        """
        ``(version, live_from, live_until)`` for every approved version, oldest
        first, from the review history; ``live_until`` is None for the version
        live now. (A go-live or expiry time set by an editor narrows this further.)
        """
        history = []
        events = self.events.filter(action__in=["approve", "unpublish"]).select_related("version__reviewer")
        for event in events.order_by("created_at", "pk"):
            if history and history[-1][2] is None:
                history[-1][2] = event.created_at
            if event.action == "approve":
                history.append([event.version, event.created_at, None])
        return [tuple(row) for row in history]

    def version_live_on(self, moment):
        """The approved version readers were served at ``moment``, or None."""
        for version, live_from, live_until in self.publication_history():
            if live_from <= moment and (live_until is None or moment < live_until):
                return version
        return None


class ArticleVersion(models.Model):
    """
    An approved, immutable snapshot of an article: exactly what readers see
    while it is the article's live version. Written only by ``workflow.approve``;
    older versions are the record of what was published when.
    """

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("body"))
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(Author, verbose_name=_("writer"), on_delete=models.PROTECT, related_name="+")
    reviewer = models.ForeignKey(
        MedicalReviewer, verbose_name=_("medically reviewed by"), on_delete=models.PROTECT, related_name="+"
    )
    hero_image = models.ImageField(_("hero image"), upload_to=GeneratedName("articles"), blank=True)
    hero_image_width = models.PositiveIntegerField(null=True, blank=True)
    hero_image_height = models.PositiveIntegerField(null=True, blank=True)
    hero_image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True)
    hero_image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    # The reference list as approved, in order: one dict of Citation fields per entry.
    citations = models.JSONField(_("citations"), default=list, blank=True, encoder=DjangoJSONEncoder)
    reviewed_at = models.DateTimeField(_("medically reviewed at"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("approved by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("reviewer's note"), blank=True)
    # PostgreSQL's full-text search document of this version, stored when it is approved (articles/search.py).
    search_document = SearchVectorField(null=True, editable=False)
    # What readers see, made once when the version is approved (prerender()).
    rendered_body = models.TextField(blank=True, editable=False)
    toc = models.JSONField(default=list, blank=True, editable=False)
    rendered_references = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["article", "-number"]
        get_latest_by = "reviewed_at"
        verbose_name = _("approved version")
        verbose_name_plural = _("approved versions")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="article_version_number_unique")]

    def __str__(self):
        return _("%(title)s, version %(number)s") % {"title": self.title, "number": self.number}

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("An approved version is a record and cannot be changed.")
        super().save(*args, **kwargs)

    @classmethod
    def from_working_copy(cls, article, **fields):
        """
        An unsaved version holding ``article``'s working copy (``CONTENT_FIELDS``)
        and citations as they are now, with ``fields`` besides: what a preview shows
        and what ``snapshot`` freezes.
        """
        copied = {}
        for name in CONTENT_FIELDS:
            field = Article._meta.get_field(name)
            # A related object the article already holds is shared (no query); otherwise its id.
            if field.is_relation and not field.is_cached(article):
                name = field.attname
            copied[name] = getattr(article, name)
        return cls(
            article=article, citations=[citation.as_data() for citation in article.citations.all()], **copied, **fields
        )

    @classmethod
    def snapshot(cls, article, *, approved_by, reviewed_at, note=""):
        """Freeze ``article``'s working copy and citations as its next approved version."""
        last = article.versions.aggregate(last=models.Max("number"))["last"] or 0
        version = cls.from_working_copy(
            article, number=last + 1, reviewed_at=reviewed_at, approved_by=approved_by, note=note
        )
        version.prerender()
        version.save()
        return version

    def prerender(self):
        """
        Make what readers see of this version that no request changes (see
        ``prerendered``). Stored when the version is approved, so an article
        page only fills in the page around it; a preview makes it on the fly.
        """
        for field, value in prerendered(self.body, self.citations).items():
            setattr(self, field, value)

    def clean(self):
        """The frozen reference list passes the checks each of its citations passed in the admin."""
        for data in self.citations if isinstance(self.citations, list) else [self.citations]:
            try:
                if not isinstance(data, dict):
                    raise ValidationError(_("not a citation"))
                Citation.from_data(data).full_clean(exclude=["article"])
            except ValidationError as error:
                raise ValidationError(
                    {
                        "citations": _("Citation %(data)s: %(problems)s")
                        % {"data": data, "problems": " ".join(error.messages)}
                    }
                ) from error

    @cached_property
    def hero_renditions(self):
        """The hero image at the widths made for screens (see ``images.renditions``), or None."""
        if not (self.hero_image and self.hero_image_width and self.hero_image_height):
            return None
        return renditions(self.hero_image.name, self.hero_image_width, self.hero_image_height)

    def citation_list(self):
        """The frozen citations as unsaved ``Citation`` objects, for display."""
        return [Citation.from_data(data) for data in self.citations]


def prerendered(body, citations):
    """
    From an approved version's sanitized body and frozen citations: the body
    with heading anchors and citation links, its table of contents, and the
    formatted reference list (``ArticleVersion``'s ``rendered_*`` and ``toc``).
    """
    citations = [Citation.from_data(data) for data in citations]
    # In the site's language, whoever's request approves the version.
    with translation.override(settings.LANGUAGE_CODE):
        prepared = richtext.prepare(body, len(citations))
        references = [(c, vancouver(c), prepared.backlinks.get(c.position, [])) for c in citations]
        rendered_references = (
            render_to_string("references/_reference_list.html", {"references": references}) if references else ""
        )
    return {"rendered_body": prepared.html, "toc": prepared.toc, "rendered_references": rendered_references}


# What Article.set_live_version() changes: the live version and its copies.
LIVE_FIELDS = ["live_version", "live_category", "live_section", "live_author", "live_reviewer"]

# What readers see of an article: the working copy's fields that each approved version (and a preview) holds.
CONTENT_FIELDS = [
    "title", "summary", "body", "category", "author", "reviewer",
    "hero_image", "hero_image_width", "hero_image_height", "hero_image_alt", "hero_image_credit",
]  # fmt: skip


class ReviewEvent(models.Model):
    """One decision in an article's life: who moved it from which status to which, when, and why."""

    # PROTECT: an article with a review history cannot be deleted, only unpublished.
    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=30)
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

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review event")
        verbose_name_plural = _("review history")

    def __str__(self):
        return f"{self.article}: {self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def action_label(self):
        from .workflow import label  # the workflow module imports this one

        return label(self.action)


class ReviewQueueItem(Article):
    """The articles awaiting medical review, as a separate admin list (a proxy; no table)."""

    class Meta:
        proxy = True
        # The admin counts them: "1 article awaiting review", "3 articles awaiting review".
        verbose_name = _("article awaiting review")
        verbose_name_plural = _("articles awaiting review")


class Page(models.Model):
    """A page of the site's own, such as the editorial policy, edited by editors."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, help_text=_("The page lives at /about/<slug>/."))
    body = models.TextField(_("body"))
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body = sanitize.clean_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:page", args=[self.slug])
