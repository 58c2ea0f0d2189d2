"""``manage.py make_renditions``: (re)make the screen-sized copies of every live hero image."""

from django.core.management.base import BaseCommand

from articles.images import make_renditions
from articles.models import ArticleVersion


class Command(BaseCommand):
    help = "Make the responsive renditions of the hero images of all approved versions."

    def handle(self, *args, **options):
        versions = ArticleVersion.objects.exclude(hero_image="").order_by("pk")
        failed = 0
        for version in versions.iterator():
            try:
                make_renditions(version.hero_image.name, version.hero_image_width)
            except Exception as error:  # one broken file must not stop the others
                failed += 1
                self.stderr.write(f"{version.hero_image.name}: {error}")
        self.stdout.write(f"Renditions made for {versions.count() - failed} images; {failed} failed.")
