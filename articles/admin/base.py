"""What the admin's classes share: image previews, the rich-text editor, read-only records."""

from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .. import sanitize


def image_preview(image, alt=""):
    if not image:
        return "—"
    return format_html('<img src="{}" alt="{}" width="320">', image.url, alt)


def rich_text_widget():
    """The admin's rich-text editor, as settings.HEALTHCMS_RICH_TEXT_WIDGET names it (swap editors there)."""
    widget = settings.HEALTHCMS_RICH_TEXT_WIDGET
    return import_string(widget["CLASS"])(**widget.get("OPTIONS", {}))


class RichTextAdminMixin:
    """The rich-text editor on ``body``, and a word to the writer about anything the sanitizer removes."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        removed = sanitize.removed_parts(form.cleaned_data.get("body", ""))
        super().save_model(request, obj, form, change)
        if removed:
            self.message_user(
                request,
                _("Some formatting is not allowed in published text and was removed from the body: %(parts)s.")
                % {"parts": ", ".join(removed)},
                messages.WARNING,
            )


def sanitized_html(html):
    """Stored rich text, shown as HTML: it passed the allow-list (articles/sanitize.py) when saved."""
    return mark_safe(html)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record: viewable with the model's view permission, never added, changed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
