"""``manage.py rebuild_search_index``: recompute every approved version's search document."""

from django.core.management.base import BaseCommand
from django.db import connection

from articles import search
from articles.models import ArticleVersion


class Command(BaseCommand):
    help = "Recompute the search document of every approved version (after changing HEALTHCMS_SEARCH_CONFIG or a bulk load)."

    def handle(self, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Nothing to do: search documents are stored on PostgreSQL only.")
            return
        count = ArticleVersion.objects.count()
        search.index(ArticleVersion.objects.all())
        self.stdout.write(f"Indexed {count} approved versions.")
