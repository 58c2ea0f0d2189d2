"""The site's directory in the admin: categories, writers, medical reviewers and the site's own pages."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ..models import Author, Category, MedicalReviewer, Page
from .base import RichTextAdminMixin, image_preview


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "condition", "article_count"]
    list_editable = ["position"]
    list_filter = ["parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description=_("articles"), ordering="article_count")
    def article_count(self, category):
        return category.article_count


class PhotoPreviewMixin:
    readonly_fields = ["photo_preview"]

    @admin.display(description=_("current photo"))
    def photo_preview(self, person):
        return image_preview(person.photo, person.name)


@admin.register(Author)
class AuthorAdmin(PhotoPreviewMixin, admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "credentials", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]
    fields = ["name", "slug", "credentials", "bio", "photo", "photo_preview", "user"]


@admin.register(MedicalReviewer)
class MedicalReviewerAdmin(PhotoPreviewMixin, admin.ModelAdmin):
    list_display = ["name", "credentials", "registration_number", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "credentials", "registration_number", "bio"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]
    fields = ["name", "slug", "credentials", "registration_number", "bio", "photo", "photo_preview", "user"]


@admin.register(Page)
class PageAdmin(RichTextAdminMixin, admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
