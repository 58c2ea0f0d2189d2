"""
``manage.py export_content site.zip``: everything editorial in one portable file.

The zip holds ``data.json`` (Django's serialization: categories, writers,
reviewers, pages, articles with every approved version, citations, the review
history, and the accounts they point to) and ``media/`` (the uploaded images).
Accounts travel without their passwords unless ``--with-passwords`` is given:
on the new site people set a new one. ``import_content`` reads the file back.
"""

import datetime
import json
import os
import zipfile

from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder

from articles.models import (
    Article,
    ArticleVersion,
    Author,
    Category,
    MedicalReviewer,
    OldAddress,
    Page,
    ReviewEvent,
    ReviewRound,
)
from references.models import Citation

# In the order they are written; loading resolves references in any order.
MODELS = [
    Category, Author, MedicalReviewer, Page, Article, ArticleVersion, ReviewRound, Citation, ReviewEvent, OldAddress,
]  # fmt: skip
IMAGE_FIELDS = {
    Article: ["hero_image"], ArticleVersion: ["hero_image"], ReviewRound: ["hero_image"],
    Author: ["photo"], MedicalReviewer: ["photo"],
}  # fmt: skip
FORMAT_VERSION = 1


class ExactJSONEncoder(DjangoJSONEncoder):
    """
    Django's JSON encoder, but writing times to the microsecond. Django's
    keeps milliseconds, so an imported site would not have the times exported
    (``…44.000123Z`` was written ``…44.000Z``, and exported again as ``…44Z``).
    Loading reads either form (``django.utils.dateparse``).
    """

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def users_referenced():
    from django.contrib.auth import get_user_model

    ids = set(Author.objects.exclude(user=None).values_list("user", flat=True))
    ids |= set(MedicalReviewer.objects.values_list("user", flat=True))
    ids |= set(ReviewEvent.objects.values_list("actor", flat=True))
    ids |= set(ArticleVersion.objects.values_list("approved_by", flat=True))
    return get_user_model().objects.filter(pk__in=ids).order_by("pk")


def serialize(with_passwords=False):
    """All exported rows as a list of serialized objects (accounts by username)."""
    options = {"cls": ExactJSONEncoder, "use_natural_foreign_keys": True}
    rows = json.loads(serializers.serialize("json", users_referenced(), use_natural_primary_keys=True, **options))
    if not with_passwords:
        for row in rows:
            row["fields"]["password"] = make_password(None)  # unusable: set a new one on the new site
    for model in MODELS:
        rows += json.loads(serializers.serialize("json", model.objects.order_by("pk"), **options))
    return rows


def image_names():
    names = set()
    for model, fields in IMAGE_FIELDS.items():
        for field in fields:
            names |= set(model.objects.exclude(**{field: ""}).values_list(field, flat=True))
    return sorted(names)


class Command(BaseCommand):
    help = "Export every article (all versions), citation, review event and image to a zip file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip file to write")
        parser.add_argument("--with-passwords", action="store_true", help="include the accounts' password hashes")

    def handle(self, path, with_passwords=False, **options):
        rows = serialize(with_passwords)
        names = image_names()
        try:
            # Readable by its owner only: it names every account and may hold password hashes.
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("data.json", json.dumps({"format": FORMAT_VERSION, "objects": rows}, indent=1))
                for name in names:
                    with default_storage.open(name, "rb") as file:
                        archive.writestr(f"media/{name}", file.read())
        except OSError as error:
            raise CommandError(f"Could not write {path}: {error}") from error
        articles = sum(row["model"] == "articles.article" for row in rows)
        self.stdout.write(f"Exported {articles} articles, {len(rows)} records and {len(names)} images to {path}.")
