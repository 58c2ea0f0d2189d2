"""Snapshots of an article: approved versions (what readers see, rendered once) and review rounds (what was submitted)."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from references.formatting import vancouver
from references.models import Citation

from .. import richtext
from ..images import GeneratedName, renditions
from .article import CONTENT_FIELDS, Article
from .categories import Category
from .people import Author, MedicalReviewer


class Snapshot(models.Model):
    """
    An article's content (``CONTENT_FIELDS``) and citations, frozen at a moment
    of its review: when it was approved (``ArticleVersion``) or submitted
    (``ReviewRound``). Records: never changed once saved.
    """

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
    # The reference list as it was, in order: one dict of Citation fields per entry.
    citations = models.JSONField(_("citations"), default=list, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError(f"{self._meta.verbose_name} is a record and cannot be changed.")
        super().save(*args, **kwargs)

    @classmethod
    def from_working_copy(cls, article, **fields):
        """
        An unsaved snapshot holding ``article``'s working copy (``CONTENT_FIELDS``)
        and citations as they are now, with ``fields`` besides: what a preview shows
        and what approval or submission freezes.
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

    def citation_list(self):
        """The frozen citations as unsaved ``Citation`` objects, for display."""
        return [Citation.from_data(data) for data in self.citations]


class ArticleVersion(Snapshot):
    """
    An approved, immutable snapshot of an article: exactly what readers see
    while it is the article's live version. Written only by ``workflow.approve``;
    older versions are the record of what was published when.
    """

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
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

    @cached_property
    def hero_renditions(self):
        """The hero image at the widths made for screens (see ``images.renditions``), or None."""
        if not (self.hero_image and self.hero_image_width and self.hero_image_height):
            return None
        return renditions(self.hero_image.name, self.hero_image_width, self.hero_image_height)


class ReviewRound(Snapshot):
    """
    What was sent to the medical reviewer at one submission: the reviewer
    compares a resubmission with the round before it (what the writer did
    about the comments). Written only by ``workflow.submit``.
    """

    article = models.ForeignKey(Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="rounds")
    number = models.PositiveIntegerField(_("round"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="review_round_number_unique")]

    def __str__(self):
        return _("%(title)s, review round %(number)s") % {"title": self.title, "number": self.number}


def prerendered(body, citations):
    """
    From an approved version's sanitized body and frozen citations: the body
    with heading anchors and citation links, its table of contents, and the
    formatted reference list (``ArticleVersion``'s ``rendered_*`` and ``toc``).
    """
    citations = [Citation.from_data(data) for data in citations]
    # In the site's language, whoever's request approves the version.
    with translation.override(settings.LANGUAGE_CODE):
        prepared = richtext.prepare(body, len(citations), numbers=[c.position for c in citations])
        references = [(c, vancouver(c), prepared.backlinks.get(c.position, [])) for c in citations]
        rendered_references = (
            render_to_string("references/_reference_list.html", {"references": references}) if references else ""
        )
    return {"rendered_body": prepared.html, "toc": prepared.toc, "rendered_references": rendered_references}
