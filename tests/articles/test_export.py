"""Export to a portable file and import into an empty site: the round trip loses nothing."""

import datetime
import json
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import models

from articles import workflow
from articles.management.commands.export_content import MODELS, image_names, serialize
from articles.models import Article

from ..conftest import create_roles
from ..factories import CitationFactory, PageFactory, image_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(make_article, people):
    """Two articles: one live in its second version with a revision in review, one draft; a page."""
    article = make_article(Article.Status.PUBLISHED, hero_image=image_file(size=(900, 500)), hero_image_alt="Lentils")
    CitationFactory(article=article, doi="10.1056/NEJMoa012512", pmid="11832527")
    workflow.start_revision(article, by=people["writer"])
    article.body = "<p>Second version.</p>"
    article.save()
    workflow.submit(article, by=people["writer"])
    workflow.approve(article, by=people["reviewer"], comment="Fine.")
    workflow.start_revision(article, by=people["writer"])
    article.title = "Under review again"
    article.save()
    workflow.submit(article, by=people["writer"])
    make_article(title="Still a draft")
    PageFactory(slug="editorial-policy")
    return article


def without_passwords(rows):
    return [{**row, "fields": {k: v for k, v in row["fields"].items() if k != "password"}} for row in rows]


def export_and_import_into_an_empty_site(path):
    """Export to ``path``, empty the site as a new one would be, import ``path``; the import's output."""
    call_command("export_content", str(path), stdout=StringIO())
    names = image_names()
    call_command("flush", "--no-input", verbosity=0)
    for name in names:
        default_storage.delete(name)
    create_roles()  # as migrate would on a new site
    out = StringIO()
    call_command("import_content", str(path), stdout=out)
    return out.getvalue()


def exported_rows(path):
    with zipfile.ZipFile(path) as archive:
        return without_passwords(json.loads(archive.read("data.json"))["objects"])


@pytest.mark.django_db(transaction=True)  # flush, as on a new site, outside any transaction
def test_round_trip_into_an_empty_site_loses_nothing(site, tmp_path):
    before = without_passwords(serialize())
    images = {name: default_storage.open(name).read() for name in image_names()}
    assert len(images) == 1 and any(row["model"] == "articles.reviewevent" for row in before)

    out = export_and_import_into_an_empty_site(tmp_path / "site.zip")

    assert "Imported 2 articles" in out
    assert without_passwords(serialize()) == before
    assert {name: default_storage.open(name).read() for name in image_names()} == images
    live = Article.objects.published().get()
    assert live.live_version.number == 2 and live.status == Article.Status.IN_REVIEW
    assert not live.author.user.has_usable_password()  # accounts come without their passwords


def times(model):
    return [field.name for field in model._meta.concrete_fields if isinstance(field, models.DateTimeField)]


def every_time():
    """Every time the export holds (the accounts' and the content's), as a set."""
    return {
        value
        for model in [get_user_model(), *MODELS]
        for name in times(model)
        for value in model.objects.values_list(name, flat=True)
    }


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "microsecond, written",
    [
        (0, "2025-03-02T09:15:44Z"),
        # Django's JSON encoder writes milliseconds: these came back as another time, written differently.
        (1, "2025-03-02T09:15:44.000001Z"),
        (999, "2025-03-02T09:15:44.000999Z"),
        (999_999, "2025-03-02T09:15:44.999999Z"),
    ],
)
def test_round_trip_keeps_every_time_to_the_microsecond(site, tmp_path, microsecond, written):
    when = datetime.datetime(2025, 3, 2, 9, 15, 44, microsecond, tzinfo=datetime.UTC)
    for model in [get_user_model(), *MODELS]:
        for name in times(model):
            # update(), as a save() would apply auto_now; empty times stay empty.
            model.objects.exclude(**{name: None}).update(**{name: when})
    assert every_time() == {when, None}

    export_and_import_into_an_empty_site(tmp_path / "first.zip")
    call_command("export_content", str(tmp_path / "second.zip"), stdout=StringIO())

    rows = exported_rows(tmp_path / "first.zip")
    assert exported_rows(tmp_path / "second.zip") == rows
    assert {row["fields"]["created_at"] for row in rows if row["model"] == "articles.reviewevent"} == {written}
    assert every_time() == {when, None}


def test_import_refuses_a_site_with_content(site, tmp_path):
    path = tmp_path / "site.zip"
    call_command("export_content", str(path), stdout=StringIO())
    with pytest.raises(CommandError, match="already has content"):
        call_command("import_content", str(path))


@pytest.mark.parametrize(
    "contents, message",
    [
        (None, "is not an export file"),
        ({"other.txt": "x"}, "no readable data.json"),
        ({"data.json": "{not json"}, "no readable data.json"),
        ({"data.json": json.dumps({"format": 99, "objects": []})}, "Unknown export format"),
        (
            {"data.json": json.dumps({"format": 1, "objects": [{"model": "auth.permission", "fields": {}}]})},
            "does not import",
        ),
        (
            {"data.json": json.dumps({"format": 1, "objects": [{"model": "articles.article", "pk": 1, "fields": {}}]})},
            "no record was imported",
        ),
    ],
)
def test_bad_export_files_are_refused_with_a_message(tmp_path, contents, message):
    path = tmp_path / "bad.zip"
    if contents is None:
        path.write_text("this is not a zip file")
    else:
        with zipfile.ZipFile(path, "w") as archive:
            for name, data in contents.items():
                archive.writestr(name, data)
    with pytest.raises(CommandError) as error:
        call_command("import_content", str(path))
    assert message in str(error.value)
    assert not Article.objects.exists()


def export_file(tmp_path, objects, media=None):
    path = tmp_path / "crafted.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.json", json.dumps({"format": 1, "objects": objects}))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return path


def test_import_takes_no_superusers_and_no_existing_accounts(tmp_path, roles):
    from django.contrib.auth import get_user_model

    user = {"model": "auth.user", "fields": {"username": "mallory", "password": "!", "is_superuser": True, "is_staff": True,
            "groups": [["Editor"], ["Administrators"]], "user_permissions": [["add_user", "auth", "user"]]}}  # fmt: skip
    call_command("import_content", str(export_file(tmp_path, [user])), stdout=StringIO())
    mallory = get_user_model().objects.get(username="mallory")
    assert not mallory.is_superuser and not mallory.user_permissions.exists()
    assert [g.name for g in mallory.groups.all()] == ["Editor"]
    with pytest.raises(CommandError, match="already exist on this site: mallory"):
        call_command("import_content", str(export_file(tmp_path, [user])))


def test_imported_text_is_sanitized_like_any_save(tmp_path):
    page = {"model": "articles.page", "pk": 1, "fields": {"title": "Policy", "slug": "policy", "updated_at": "2026-01-01T00:00:00Z",
            "body": '<p onclick="x()">Hi</p><script>alert(1)</script>'}}  # fmt: skip
    call_command("import_content", str(export_file(tmp_path, [page])), stdout=StringIO())
    from articles.models import Page

    assert Page.objects.get().body == "<p>Hi</p>"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("../../escape.jpg", image_file().read(), "outside the media folder"),
        ("articles/page.jpg", b"<!DOCTYPE html><script>alert(1)</script>", "contains code"),
        ("articles/missing.jpg", None, "lacks the image"),
    ],
)
def test_imported_images_are_checked_like_uploads(tmp_path, name, data, message):
    category = {
        "model": "articles.category",
        "pk": 1,
        "fields": {"name": "C", "slug": "c", "description": "", "parent": None, "position": 0, "condition": ""},
    }
    author = {
        "model": "articles.author",
        "pk": 1,
        "fields": {"name": "A", "slug": "a", "credentials": "", "bio": "", "photo": name, "user": None},
    }
    media = {f"media/{name}": data} if data is not None else {}
    with pytest.raises(CommandError, match=message):
        call_command("import_content", str(export_file(tmp_path, [category, author], media)))
    from articles.models import Author, Category

    assert not Author.objects.exists() and not Category.objects.exists()
