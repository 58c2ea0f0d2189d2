"""The records in the admin, read-only: the review queue, the review history, approved versions, citations."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from references.admin import CitationInline
from references.models import Citation

from .. import diff, workflow
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

    def get_urls(self):
        return [
            path(
                "compare/<int:old>/<int:new>/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_articleversion_compare",
            ),
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_articleversion_restore",
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        if version is not None:
            extra_context = {
                **(extra_context or {}),
                # The article's other versions, each with the address of its comparison with this one.
                "compare_with": [
                    (other, compare_url(version, other))
                    for other in version.article.versions.exclude(pk=version.pk).only("number", "reviewed_at")
                ],
                "can_restore": workflow.can(request.user, workflow.A.RESTORE_VERSION, version.article),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def compare_view(self, request, old, new):
        """
        GET: what changed from approved version ``old`` to version ``new`` (ids)
        of one article, both visible to the user, shown as ``diff.compare`` does.
        """
        if not self.has_view_permission(request):
            raise PermissionDenied
        versions = self.get_queryset(request).select_related("article", "category", "author")
        old, new = get_object_or_404(versions, pk=old), get_object_or_404(versions, pk=new)
        if old.article_id != new.article_id:
            raise Http404
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(article)s: version %(old)s → version %(new)s")
            % {"article": new.article, "old": old.number, "new": new.number},
            "old": old,
            "new": new,
            "changes": diff.compare(old, new),
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/articleversion/compare.html", context)

    def restore_view(self, request, object_id):
        """
        POST: start a new working copy of the version's article from this version
        (``workflow.restore_version``), a draft that goes through medical review
        like any edit; then to the article, or back here with the reason it was refused.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        version = self.get_object(request, object_id)
        if version is None or not self.has_view_permission(request, version):
            raise Http404
        try:
            seen_version = request.POST.get("seen_version", "")
            workflow.restore_version(
                version.article,
                by=request.user,
                comment=request.POST.get("comment", ""),
                seen_version=int(seen_version) if seen_version.isdigit() else None,
                version=version,
            )
        except workflow.TransitionNotAllowed as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return redirect("admin:articles_articleversion_change", version.pk)
        self.message_user(
            request,
            _(
                "The working copy is now version %(number)s again, as a draft. Readers see the live version until a "
                "medical reviewer approves it."
            )
            % {"number": version.number},
            messages.SUCCESS,
        )
        return redirect("admin:articles_article_change", version.article_id)


def compare_url(one, other):
    """The address of the comparison of two versions of an article, the older one as the "before"."""
    old, new = sorted([one, other], key=lambda version: version.number)
    return reverse("admin:articles_articleversion_compare", args=[old.pk, new.pk])


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
