from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from .formatting import source_links
from .models import Citation


class CitationFormSet(BaseInlineFormSet):
    """Refuses two citations with the same number in one article."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            position = form.cleaned_data.get("position")
            if position is None:
                continue
            if position in seen:
                raise ValidationError(
                    _("Two citations have number %(number)s. Give each citation its own number."),
                    code="duplicate_position",
                    params={"number": position},
                )
            seen.add(position)


# Django 6 makes https the scheme assumed for a URL typed without one; do so now.
URL_FORMFIELD = {models.URLField: {"assume_scheme": "https"}}


class CitationInline(admin.StackedInline):
    model = Citation
    formfield_overrides = URL_FORMFIELD
    formset = CitationFormSet
    extra = 0
    fieldsets = [
        (None, {"fields": [("position", "title"), "authors", ("publisher", "publication_year", "publication_date")]}),
        (_("How to find it"), {"fields": ["url", ("doi", "pmid"), "accessed_on"]}),
    ]

    readonly_fields = ["source_links"]

    def get_fieldsets(self, request, obj=None):
        # The links first under "How to find it", so the reviewer opens each source in one click. (Not in
        # ``fieldsets``, which the read-only citation records reuse without this inline's method.)
        main, (heading, options) = self.fieldsets
        return [main, (heading, {**options, "fields": ["source_links", *options["fields"]]})]

    @admin.display(description=_("source"))
    def source_links(self, citation):
        return source_links(citation) or None  # None: the admin's "-"

    def get_extra(self, request, obj=None, **kwargs):
        # A new article starts with room for three sources.
        return 3 if obj is None else 1

    # Citations are part of the article's working copy: whoever may edit the article
    # edits its citations, and nobody else (no separate citation permissions).
    def has_add_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit_article(request, obj)

    def has_view_permission(self, request, obj=None):
        return self._article_admin().has_view_permission(request, obj)

    def _may_edit_article(self, request, article):
        article_admin = self._article_admin()
        if article is None:
            return article_admin.has_add_permission(request)
        return article_admin.has_change_permission(request, article)

    def _article_admin(self):
        return self.admin_site._registry[self.parent_model]
