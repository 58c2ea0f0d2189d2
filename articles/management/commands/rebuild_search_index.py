"""``manage.py rebuild_search_index``: make every approved version searchable afresh."""

from django.core.management.base import BaseCommand

from articles import search


class Command(BaseCommand):
    help = "Rebuild the search index of every approved version (after changing HEALTHCMS_SEARCH_CONFIG or a bulk load)."

    def handle(self, **options):
        self.stdout.write(f"Indexed {search.rebuild()} approved versions.")
