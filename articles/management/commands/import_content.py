"""``manage.py import_content site.zip``: load a file written by ``export_content`` into an empty site."""

import json
import os
import tempfile
import zipfile

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.images import make_renditions_logged
from articles.models import Article, ArticleVersion, Category

from .export_content import FORMAT_VERSION


class Command(BaseCommand):
    help = "Import a file made by export_content into a site that has no content yet."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip file to read")

    def handle(self, path, **options):
        if Article.objects.exists() or Category.objects.exists():
            raise CommandError("This site already has content; import into an empty site (after migrate).")
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            raise CommandError(f"{path} is not an export file: {error}")
        with archive:
            data = self.read_data(archive)
            media = [name for name in archive.namelist() if name.startswith("media/") and not name.endswith("/")]
            # Images first: if one cannot be stored, no article points to a missing file.
            for member in media:
                self.restore(archive, member)
            with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fixture:
                json.dump(data["objects"], fixture)
            try:
                with transaction.atomic():
                    call_command("loaddata", fixture.name, verbosity=0)
            except Exception as error:
                raise CommandError(f"The export could not be loaded, and no record was imported: {error}")
            finally:
                os.unlink(fixture.name)
        for version in ArticleVersion.objects.exclude(hero_image=""):
            make_renditions_logged(version.hero_image.name, version.hero_image_width)
        self.stdout.write(
            f"Imported {Article.objects.count()} articles, {len(data['objects'])} records and {len(media)} images."
        )

    def read_data(self, archive):
        try:
            data = json.loads(archive.read("data.json"))
        except (KeyError, ValueError) as error:
            raise CommandError(f"The export has no readable data.json: {error}")
        if data.get("format") != FORMAT_VERSION:
            raise CommandError(f"Unknown export format {data.get('format')!r}; this site reads format {FORMAT_VERSION}.")
        return data

    def restore(self, archive, member):
        name = member.removeprefix("media/")
        try:
            # The storage refuses names that leave the media folder ("../", absolute paths).
            stored = default_storage.save(name, ContentFile(archive.read(member)))
        except SuspiciousFileOperation:
            raise CommandError(f"Refused {member}: it points outside the media folder.")
        if stored != name:
            raise CommandError(f"Could not restore {name}: a file of that name already exists.")
