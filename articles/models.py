"""
The editorial content of a health publisher: categories, the people who write
and medically review, and the articles themselves.

Rules about one article live here. Rules about moving an article through
review live in ``articles/workflow.py``.
"""

from ckeditor.fields import RichTextField
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import sanitize
from .images import GeneratedName, validate_image


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

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.name

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("A category cannot be placed under itself or one of its subcategories.")})
            ancestor = ancestor.parent


class Author(models.Model):
    """A writer as readers see them on the byline and the author page."""

    name = models.CharField(_("display name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True, help_text=_("Used in the web address."))
    credentials = models.CharField(
        _("credentials or job title"), max_length=200, blank=True, help_text=_("For example: Health writer, MSc Public Health.")
    )
    bio = models.TextField(_("short bio"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=GeneratedName("authors"), blank=True, validators=[validate_image]
    )
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
        _("professional registration number"), max_length=100, help_text=_("The doctor's licence or registration number.")
    )
    bio = models.TextField(_("bio"), blank=True)
    photo = models.ImageField(
        _("photo"), upload_to=GeneratedName("reviewers"), blank=True, validators=[validate_image]
    )
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


class Article(models.Model):
    """A health article: written by an author, medically reviewed by a doctor, read by the public."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In medical review")
        PUBLISHED = "published", _("Published")

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
    body = RichTextField(_("body"), config_name="article")
    hero_image = models.ImageField(
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
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    first_published_at = models.DateTimeField(_("first published"), null=True, blank=True, editable=False)
    last_reviewed_at = models.DateTimeField(_("last medically reviewed"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.CheckConstraint(
                condition=Q(hero_image="") | ~Q(hero_image_alt=""),
                name="article_hero_image_has_alt",
                violation_error_message=_("Describe the hero image in its alt text."),
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.hero_image and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Describe the image for readers who cannot see it.")
        if self.reviewer_id and self.author_id and self.reviewer.user_id is not None:
            if self.reviewer.user_id == self.author.user_id:
                errors["reviewer"] = _("The medical reviewer cannot be the article's own writer.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body = sanitize.clean_html(self.body)
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED
