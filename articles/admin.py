"""The writers', reviewers' and editors' workspace in the Django admin."""

from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from references.admin import CitationInline

from .models import Article, Author, Category, MedicalReviewer

admin.site.site_header = _("healthcms")
admin.site.site_title = _("healthcms admin")
admin.site.index_title = _("Editorial workspace")


def image_preview(image, alt=""):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" width="320">', image.url, alt)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "position", "article_count"]
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


class ArticleForm(forms.ModelForm):
    class Meta:
        widgets = {"summary": forms.Textarea(attrs={"rows": 3, "maxlength": 300})}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "author", "reviewer", "status", "is_published", "updated_at"]
    list_filter = ["status", "category", "author", "reviewer"]
    list_select_related = ["category", "author", "reviewer"]
    search_fields = ["title", "summary", "body"]
    date_hierarchy = "updated_at"
    prepopulated_fields = {"slug": ["title"]}
    inlines = [CitationInline]
    form = ArticleForm
    readonly_fields = ["status", "hero_image_preview", "created_at", "updated_at", "first_published_at", "last_reviewed_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Hero image"), {"fields": ["hero_image", "hero_image_preview", "hero_image_alt", "hero_image_credit"]}),
        (_("People"), {"fields": ["author", "reviewer"]}),
        (
            _("Status"),
            {"fields": ["status", "created_at", "updated_at", "first_published_at", "last_reviewed_at"]},
        ),
    ]

    @admin.display(description=_("published"), boolean=True)
    def is_published(self, article):
        return article.is_published

    @admin.display(description=_("current image"))
    def hero_image_preview(self, article):
        return image_preview(article.hero_image, article.hero_image_alt)

    def get_changeform_initial_data(self, request):
        # A writer's new article is theirs unless they choose otherwise.
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author is not None:
            initial.setdefault("author", author.pk)
        return initial
