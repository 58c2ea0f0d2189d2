"""
``manage.py import_content site.zip``: load a file written by ``export_content`` into an empty site.

The file is treated as untrusted: only the exported kinds of record are
loaded; accounts arrive without superuser rights or permissions of their own
(roles come from the groups); every rich-text body is sanitized again; only
the images the records refer to are restored, each checked like an upload.
"""

import json
import os
import tempfile
import zipfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles import sanitize
from articles.images import make_renditions_logged, validate_image
from articles.models import Article, ArticleVersion, Category, Page

from .export_content import FORMAT_VERSION, IMAGE_FIELDS, MODELS

ALLOWED_MODELS = {"auth.user"} | {model._meta.label_lower for model in MODELS}
IMAGE_FIELDS_BY_LABEL = {model._meta.label_lower: fields for model, fields in IMAGE_FIELDS.items()}
ROLE_GROUPS = {"Writer", "Medical reviewer", "Editor"}


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
            rows = self.checked_rows(self.read_data(archive))
            restored = []
            try:
                # Images first: if one is refused, no record points to a missing file.
                for name in self.image_names(rows):
                    restored.append(self.restore(archive, name))
                self.load(rows)
            except BaseException:
                for name in restored:
                    default_storage.delete(name)
                raise
        for version in ArticleVersion.objects.exclude(hero_image=""):
            make_renditions_logged(version.hero_image.name, version.hero_image_width)
        self.stdout.write(f"Imported {Article.objects.count()} articles, {len(rows)} records and {len(restored)} images.")

    def read_data(self, archive):
        try:
            data = json.loads(archive.read("data.json"))
        except (KeyError, ValueError) as error:
            raise CommandError(f"The export has no readable data.json: {error}")
        if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION or not isinstance(data.get("objects"), list):
            raise CommandError(f"Unknown export format; this site reads format {FORMAT_VERSION}.")
        return data["objects"]

    def checked_rows(self, rows):
        """The records, refused if of a kind the export does not write; accounts stripped of any rights."""
        usernames = []
        for row in rows:
            label = row.get("model") if isinstance(row, dict) else None
            if label not in ALLOWED_MODELS or not isinstance(row.get("fields"), dict):
                raise CommandError(f"The export holds a record of a kind this site does not import: {label!r}.")
            if label == "auth.user":
                fields = row["fields"]
                fields.update(is_superuser=False, user_permissions=[])
                fields["groups"] = [group for group in fields.get("groups", []) if group in ([name] for name in ROLE_GROUPS)]
                usernames.append(fields.get("username"))
        taken = get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
        if taken:
            raise CommandError(f"These accounts already exist on this site: {', '.join(sorted(taken))}.")
        return rows

    def image_names(self, rows):
        names = set()
        for row in rows:
            for field in IMAGE_FIELDS_BY_LABEL.get(row["model"], []):
                if row["fields"].get(field):
                    names.add(row["fields"][field])
        return sorted(names)

    def restore(self, archive, name):
        member = f"media/{name}"
        try:
            info = archive.getinfo(member)
        except KeyError:
            raise CommandError(f"The export lacks the image {name}.")
        if info.file_size > settings.HEALTHCMS_MAX_IMAGE_BYTES:
            raise CommandError(f"Refused {name}: larger than images may be.")
        upload = SimpleUploadedFile(os.path.basename(name), archive.read(member))
        try:
            validate_image(upload)
            # The storage refuses names that leave the media folder ("../", absolute paths).
            stored = default_storage.save(name, ContentFile(upload.read()))
        except ValidationError as error:
            raise CommandError(f"Refused {name}: {' '.join(error.messages)}")
        except SuspiciousFileOperation:
            raise CommandError(f"Refused {name}: it points outside the media folder.")
        if stored != name:
            default_storage.delete(stored)
            raise CommandError(f"Could not restore {name}: a file of that name already exists.")
        return stored

    def load(self, rows):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fixture:
            json.dump(rows, fixture)
        try:
            with transaction.atomic():
                call_command("loaddata", fixture.name, verbosity=0)
                # Loading writes rows as they are; clean every body as a save would.
                for model in (Article, ArticleVersion, Page):
                    for pk, body in model.objects.values_list("pk", "body"):
                        if (clean := sanitize.clean_html(body)) != body:
                            model.objects.filter(pk=pk).update(body=clean)
        except Exception as error:
            raise CommandError(f"The export could not be loaded, and no record was imported: {error}")
        finally:
            os.unlink(fixture.name)
