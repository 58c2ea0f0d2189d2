"""The records in the admin, read-only: the review queue, the review history, approved versions, citations."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from references.admin import CitationInline
from references.models import Citation

from ..models import Article, ArticleVersion, ReviewEvent, ReviewQueueItem
from .base import ReadOnlyAdmin, sanitized_html


@admin.register(ReviewQueueItem)
class ReviewQueueAdmin(ReadOnlyAdmin):
    """Awaiting my review: the reviewer's queue, oldest first. Editors see every reviewer's queue."""

    list_display = ["article_link", "author", "category", "reviewer", "submitted_at", "waiting"]
    list_display_links = None
    list_select_related = ["author", "category", "reviewer"]
    list_filter = ["category"]
    ordering = ["submitted_at", "pk"]

    class Media:
        css = {"all": ["healthcms/admin.css"]}

    def get_list_display(self, request):
        if request.user.has_perm("articles.manage_article"):
            return self.list_display  # editors see every doctor's queue
        return [name for name in self.list_display if name != "reviewer"]  # a doctor's own: always them

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_review_by(request.user)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.review_article") or request.user.has_perm("articles.manage_article")

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": _("Awaiting my review"), **(extra_context or {})})

    @admin.display(description=_("article"), ordering="title")
    def article_link(self, article):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:articles_article_change", args=[article.pk]), article.title
        )

    @admin.display(description=_("waiting for"), ordering="submitted_at")
    def waiting(self, article):
        return timesince(article.submitted_at) if article.submitted_at else "—"


@admin.register(ReviewEvent)
class ReviewEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "article", "action", "from_status", "to_status", "actor", "comment"]
    list_filter = ["action", "to_status"]
    list_select_related = ["article", "actor"]
    search_fields = ["article__title", "comment", "actor__username"]
    date_hierarchy = "created_at"


@admin.register(ArticleVersion)
class ArticleVersionAdmin(ReadOnlyAdmin):
    list_display = ["article", "number", "title", "reviewer", "reviewed_at", "approved_by"]
    list_filter = ["reviewer", "category"]
    list_select_related = ["article", "reviewer", "approved_by"]
    search_fields = ["title", "article__title"]
    date_hierarchy = "reviewed_at"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__in=Article.objects.visible_to(request.user))

    fields = [
        "article", "number", "title", "summary", "body_html", "category", "author", "reviewer",
        "hero_image", "hero_image_alt", "hero_image_credit", "citation_lines", "reviewed_at", "approved_by", "note",
    ]  # fmt: skip
    readonly_fields = fields

    @admin.display(description=_("body"))
    def body_html(self, version):
        return sanitized_html(version.body)

    @admin.display(description=_("citations"))
    def citation_lines(self, version):
        return format_html_join(mark_safe("<br>"), "{}", ((c.as_text(),) for c in version.citation_list()))


@admin.register(Citation)
class CitationAdmin(ReadOnlyAdmin):
    """
    All citations across the articles one may open, e.g. to find every article
    citing one source. Read-only: citations change with their article, in its form.
    """

    list_display = ["__str__", "article", "publisher", "publication_year", "doi", "pmid"]
    list_filter = ["publisher"]
    list_select_related = ["article"]
    search_fields = ["title", "authors", "publisher", "url", "doi", "pmid", "article__title"]
    raw_id_fields = ["article"]
    fieldsets = [(None, {"fields": ["article"]})] + CitationInline.fieldsets

    def get_queryset(self, request):
        return super().get_queryset(request).filter(article__in=Article.objects.visible_to(request.user))
