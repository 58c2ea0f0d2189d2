"""The editors' export of the article list as CSV, for a spreadsheet."""

import csv

from django.conf import settings
from django.contrib import admin
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COLUMNS = [
    (_("Title"), lambda a: a.title),
    (_("Public address"), lambda a: settings.SITE_URL.rstrip("/") + a.get_absolute_url() if a.live_version_id else ""),
    (_("Category"), lambda a: a.category.name),
    (_("Writer"), lambda a: a.author.name),
    (_("Medical reviewer"), lambda a: a.reviewer.name if a.reviewer else ""),
    (_("Status"), lambda a: a.get_status_display()),
    (_("Live version"), lambda a: a.live_version.number if a.live_version else ""),
    (_("Last medical review"), lambda a: _iso(a.live_version.reviewed_at) if a.live_version else ""),
    (_("First published"), lambda a: _iso(a.first_published_at)),
    (_("Last updated"), lambda a: _iso(a.updated_at)),
]


def _iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


def _cell(value):
    """A value as a spreadsheet will not run it: text starting with = + - @ is a formula there (CSV injection)."""
    value = str(value)
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


class _Echo:
    """A file for csv.writer that hands each line back instead of keeping it (Django's streaming CSV recipe)."""

    def write(self, value):
        return value


class CsvExportMixin:
    """The "Export as CSV" action on the article list, for editors: the chosen articles, streamed."""

    actions = ["export_csv"]

    def has_manage_permission(self, request):
        return request.user.has_perm("articles.manage_article")

    @admin.action(description=_("Export the selected articles as CSV"), permissions=["manage"])
    def export_csv(self, request, queryset):
        articles = queryset.select_related("category", "author", "reviewer", "live_version__category").order_by("pk")
        writer = csv.writer(_Echo())

        def lines():
            yield "\ufeff"  # a byte-order mark: Excel then reads the file as UTF-8 (names with accents)
            yield writer.writerow([str(label) for label, _value in COLUMNS])
            for article in articles.iterator(chunk_size=2000):
                yield writer.writerow([_cell(value(article)) for _label, value in COLUMNS])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="articles-{timezone.localdate().isoformat()}.csv"'
        return response
