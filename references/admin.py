from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

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

    def get_extra(self, request, obj=None, **kwargs):
        # A new article starts with room for three sources.
        return 3 if obj is None else 1


class CitationForm(forms.ModelForm):
    """A single citation edited on its own: its number must be free in its article."""

    def clean(self):
        cleaned_data = super().clean()
        article, position = cleaned_data.get("article"), cleaned_data.get("position")
        if article and position:
            taken = Citation.objects.filter(article=article, position=position).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("position", _("This article already has a citation number %(number)s.") % {"number": position})
        return cleaned_data


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    """All citations across articles, e.g. to find every article citing one source."""

    list_display = ["__str__", "article", "publisher", "publication_year", "doi", "pmid"]
    list_filter = ["publisher"]
    list_select_related = ["article"]
    search_fields = ["title", "authors", "publisher", "url", "doi", "pmid", "article__title"]
    raw_id_fields = ["article"]
    form = CitationForm
    formfield_overrides = URL_FORMFIELD
    fieldsets = [(None, {"fields": ["article"]})] + CitationInline.fieldsets
