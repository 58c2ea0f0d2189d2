"""
``manage.py import_content site.zip``: load a file written by ``export_content`` into an empty site.

The file is treated as untrusted, and an import only adds: every record is
written as a new row (an INSERT, never an UPDATE), so nothing already on the
site is changed or deleted. A file is refused when it names an account that
exists here or gives an account an id (accounts are known by username), when
one of its records has an id that is taken here, or when a record points at
an account that the file does not bring itself (so no history can be written
in the name of this site's people). Accounts arrive
without superuser rights or permissions of their own (roles come from the
groups) and, unless ``--with-passwords`` is given, without a usable password.
Every record passes the checks the admin makes (``full_clean``), every
rich-text body is sanitized again, and only the images the records refer to
are restored, each checked like an upload.
"""

import json
import os
import zipfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction

from articles import publishing, sanitize, search, tasks
from articles.images import validate_image
from articles.models import LIVE_FIELDS, Article, ArticleVersion, Category, Page, prerendered

from .export_content import FORMAT_VERSION, IMAGE_FIELDS, MODELS

CONTENT_MODELS = {model._meta.label_lower: model for model in MODELS}
USER_LABEL = "auth.user"
IMAGE_FIELDS_BY_LABEL = {model._meta.label_lower: fields for model, fields in IMAGE_FIELDS.items()}
ROLE_GROUPS = {"Writer", "Medical reviewer", "Editor"}


class Command(BaseCommand):
    help = "Import a file made by export_content into a site that has no content yet."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the zip file to read")
        parser.add_argument(
            "--with-passwords",
            action="store_true",
            help="keep the password hashes the file carries (trusted files only)",
        )

    def handle(self, path, with_passwords=False, **options):
        if Article.objects.exists() or Category.objects.exists():
            raise CommandError("This site already has content; import into an empty site (after migrate).")
        try:
            archive = zipfile.ZipFile(path)
        except (OSError, zipfile.BadZipFile) as error:
            raise CommandError(f"{path} is not an export file: {error}") from error
        with archive:
            rows = self.checked_rows(self.read_data(archive), with_passwords)
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
            tasks.later(tasks.make_renditions, version.hero_image.name, version.hero_image_width)
        publishing.purge(publishing.Pages(dirs={publishing.EVERYTHING}))  # loaded in bulk: no page is as it was
        self.stdout.write(
            f"Imported {Article.objects.count()} articles, {len(rows)} records and {len(restored)} images."
        )

    def read_data(self, archive):
        try:
            data = json.loads(archive.read("data.json"))
        except (KeyError, ValueError) as error:
            raise CommandError(f"The export has no readable data.json: {error}") from error
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT_VERSION
            or not isinstance(data.get("objects"), list)
        ):
            raise CommandError(f"Unknown export format; this site reads format {FORMAT_VERSION}.")
        return data["objects"]

    def checked_rows(self, rows, with_passwords):
        """The records, refused if of a kind the export does not write; accounts stripped of any rights."""
        usernames = []
        for row in rows:
            label = row.get("model") if isinstance(row, dict) else None
            if label not in CONTENT_MODELS and label != USER_LABEL or not isinstance(row.get("fields"), dict):
                raise CommandError(f"The export holds a record of a kind this site does not import: {label!r}.")
            if label == USER_LABEL:
                usernames.append(self.checked_account(row["fields"], with_passwords))
        taken = get_user_model().objects.filter(username__in=usernames).values_list("username", flat=True)
        if taken:
            raise CommandError(f"These accounts already exist on this site: {', '.join(sorted(taken))}.")
        return rows

    def checked_account(self, fields, with_passwords):
        """An account with no rights but its role groups (and no usable password, unless asked)."""
        username, groups = fields.get("username"), fields.get("groups", [])
        if not isinstance(username, str) or not username or not isinstance(groups, list):
            raise CommandError(f"The export holds an account that is not one: {username!r}.")
        fields.update(is_superuser=False, user_permissions=[])
        fields["groups"] = [group for group in groups if group in ([name] for name in ROLE_GROUPS)]
        if not with_passwords:
            fields["password"] = make_password(None)  # unusable: people set a new one here
        return username

    def image_names(self, rows):
        names = set()
        for row in rows:
            for field in IMAGE_FIELDS_BY_LABEL.get(row["model"], []):
                if name := row["fields"].get(field):
                    if not isinstance(name, str):
                        raise CommandError(f"The export names an image that is not a file name: {name!r}.")
                    names.add(name)
        return sorted(names)

    def restore(self, archive, name):
        member = f"media/{name}"
        try:
            info = archive.getinfo(member)
        except KeyError:
            raise CommandError(f"The export lacks the image {name}.") from None
        if info.file_size > settings.HEALTHCMS_MAX_IMAGE_BYTES:
            raise CommandError(f"Refused {name}: larger than images may be.")
        upload = SimpleUploadedFile(os.path.basename(name), archive.read(member))
        try:
            validate_image(upload)
            # The storage refuses names that leave the media folder ("../", absolute paths).
            stored = default_storage.save(name, ContentFile(upload.read()))
        except ValidationError as error:
            raise CommandError(f"Refused {name}: {' '.join(error.messages)}") from error
        except SuspiciousFileOperation:
            raise CommandError(f"Refused {name}: it points outside the media folder.") from None
        if stored != name:
            default_storage.delete(stored)
            raise CommandError(f"Could not restore {name}: a file of that name already exists.")
        return stored

    def load(self, rows):
        """
        Write every record as it is (as loaddata does), each as a new row and
        checked as the admin would check it; all or nothing.
        """
        User = get_user_model()
        try:
            with transaction.atomic():
                loaded, accounts = [], set()
                for record in serializers.deserialize("python", rows, handle_forward_references=True):
                    instance = record.object
                    refuse_taken_id(instance)
                    validate(instance, saved=False)
                    # An INSERT, never an UPDATE: whatever the file says, no existing row is changed.
                    record.save(force_insert=True)  # before the next record, which may name it by natural key
                    loaded.append(record)
                    if isinstance(instance, User):
                        accounts.add(instance.pk)
                for record in loaded:
                    if record.deferred_fields:
                        record.save_deferred_fields()
                for record in loaded:
                    refuse_foreign_accounts(record.object, accounts)
                    validate(record.object, saved=True)
                # Loading writes rows as they are; clean every body as a save would.
                for model in (Article, ArticleVersion, Page):
                    for pk, body in model.objects.values_list("pk", "body"):
                        if (clean := sanitize.clean_html(body)) != body:
                            model.objects.filter(pk=pk).update(body=clean)
                # What readers see, and the search index, are this site's to make, not the file's to say.
                for pk, body, citations in ArticleVersion.objects.values_list("pk", "body", "citations"):
                    ArticleVersion.objects.filter(pk=pk).update(**prerendered(body, citations))
                search.rebuild()
                # So are the copies of each live version's category and people that listings filter on.
                articles = list(Article.objects.select_related("live_version__category"))
                for article in articles:
                    article.set_live_version(article.live_version)
                Article.objects.bulk_update(articles, LIVE_FIELDS)
                # Rows were written with their ids: move PostgreSQL's id sequences past them (as loaddata does).
                with connection.cursor() as cursor:
                    for sql in connection.ops.sequence_reset_sql(no_style(), [User, *CONTENT_MODELS.values()]):
                        cursor.execute(sql)
        except CommandError:
            raise
        except Exception as error:
            raise CommandError(f"The export could not be loaded, and no record was imported: {error}") from error


def refuse(instance, problem):
    raise CommandError(
        "The export could not be loaded, and no record was imported: "
        f"{instance._meta.label_lower} {instance.pk} ({instance}) is refused: {problem}"
    )


def refuse_taken_id(instance):
    """An account is known by its username and gets a new id; any other record's id must be free here."""
    if instance.pk is None:
        return
    if isinstance(instance, get_user_model()):
        refuse(instance, "an account is known by its username alone; the file may not give its id.")
    if type(instance)._base_manager.filter(pk=instance.pk).exists():
        refuse(instance, "a record with this id is already on the site; import into an empty site.")


def refuse_foreign_accounts(instance, accounts):
    """A record may name only the accounts that the file itself brings (no history in this site's people's names)."""
    for field in instance._meta.concrete_fields:
        user_id = getattr(instance, field.attname)
        if (
            field.is_relation
            and field.related_model is get_user_model()
            and user_id is not None
            and user_id not in accounts
        ):
            refuse(instance, f"its {field.name} names an account that the export does not bring.")


def validate(instance, *, saved):
    """
    Check a loaded record as the admin's forms do: its own fields before it is
    saved (the records it points to may come later in the file), everything
    (``full_clean``) once all are saved. Keep what the checks tidy up (a
    pasted DOI link reduced to the DOI).
    """
    fields = [field.attname for field in instance._meta.concrete_fields]
    before = {name: getattr(instance, name) for name in fields}
    try:
        if saved:
            instance.full_clean()
        else:
            relations = [field.name for field in instance._meta.concrete_fields if field.is_relation]
            instance.clean_fields(exclude=relations)
            instance.validate_constraints(exclude=relations)
    except ValidationError as error:
        refuse(
            instance,
            "; ".join(
                " ".join(messages) if name == "__all__" else f"{name}: {' '.join(messages)}"
                for name, messages in error.message_dict.items()
            ),
        )
    changed = {name: getattr(instance, name) for name in fields if getattr(instance, name) != before[name]}
    if saved and changed:
        type(instance)._base_manager.filter(pk=instance.pk).update(**changed)
