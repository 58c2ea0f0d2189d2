"""An export file is untrusted: importing one only adds records, and each passes the admin's checks."""

import json
import zipfile
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from articles.models import Article, Author, Category, MedicalReviewer
from references.formatting import vancouver
from references.models import Citation

from ..factories import AuthorFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

CITATION = {"position": 1, "authors": "", "title": "Dengue fact sheet", "publisher": "WHO", "publication_year": 2024,
            "publication_date": None, "url": "https://www.who.int/dengue", "doi": "", "pmid": "", "accessed_on": None}  # fmt: skip


def site_rows():
    """A small export: a writer and a doctor with their accounts, a category, a live article with one citation."""
    user = {"is_staff": True, "is_superuser": False, "password": "!", "user_permissions": []}
    return [
        {"model": "auth.user", "fields": {**user, "username": "wendy", "groups": [["Writer"]]}},
        {"model": "auth.user", "fields": {**user, "username": "rita", "groups": [["Medical reviewer"]]}},
        {"model": "articles.category", "pk": 101, "fields": {"name": "Diseases", "slug": "diseases", "parent": None}},
        {"model": "articles.author", "pk": 101, "fields": {"name": "Wendy", "slug": "wendy", "user": ["wendy"]}},
        {"model": "articles.medicalreviewer", "pk": 101,
         "fields": {"name": "dr Rita", "slug": "dr-rita", "credentials": "MD", "registration_number": "R1", "user": ["rita"]}},
        {"model": "articles.article", "pk": 101, "fields": {
            "title": "Dengue", "slug": "dengue", "category": 101, "summary": "About dengue.", "body": "<p>Fever.<sup>[1]</sup></p>",
            "author": 101, "reviewer": 101, "status": "published", "live_version": 101,
            "created_at": "2026-01-02T09:00:00Z", "updated_at": "2026-01-05T10:00:00Z",
            "first_published_at": "2026-01-05T10:00:00Z"}},
        {"model": "articles.articleversion", "pk": 101, "fields": {
            "article": 101, "number": 1, "title": "Dengue", "summary": "About dengue.", "body": "<p>Fever.<sup>[1]</sup></p>",
            "category": 101, "author": 101, "reviewer": 101, "citations": [CITATION],
            "reviewed_at": "2026-01-05T10:00:00Z", "approved_by": ["rita"]}},
        {"model": "references.citation", "pk": 101, "fields": {**CITATION, "article": 101}},
    ]  # fmt: skip


def import_rows(tmp_path, rows, *args):
    path = tmp_path / "site.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("data.json", json.dumps({"format": 1, "objects": rows}))
    out = StringIO()
    call_command("import_content", str(path), *args, stdout=out)
    return out.getvalue()


def row_of(rows, model):
    return next(row for row in rows if row["model"] == model)


def test_a_sound_file_is_imported(tmp_path, roles, client):
    assert "Imported 1 articles" in import_rows(tmp_path, site_rows())
    html = client.get("/diseases/dengue/").content.decode()
    assert "Dengue fact sheet" in html and 'href="https://www.who.int/dengue"' in html


@pytest.mark.parametrize("where", ["pk", "fields.id"])
def test_an_account_id_in_the_file_never_replaces_an_account_of_the_site(tmp_path, roles, where):
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    rows = site_rows()
    wendy = row_of(rows, "auth.user")
    if where == "pk":
        wendy["pk"] = admin.pk
    else:
        wendy["fields"]["id"] = admin.pk
    with pytest.raises(CommandError, match="an account is known by its username alone"):
        import_rows(tmp_path, rows)
    admin.refresh_from_db()
    assert admin.username == "admin" and admin.is_superuser and admin.check_password("a-long-test-password")
    assert not get_user_model().objects.filter(username="wendy").exists()


@pytest.mark.parametrize("where", ["pk", "fields.id"])
@pytest.mark.parametrize("kind", ["author", "page"])
def test_a_record_whose_id_is_taken_is_refused_and_nothing_changes(tmp_path, roles, kind, where):
    from django.forms.models import model_to_dict

    rows = site_rows()
    if kind == "author":
        existing, row = AuthorFactory(name="Ann Existing"), row_of(rows, "articles.author")
    else:
        existing = PageFactory(title="Editorial policy", body="<p>Ours.</p>")
        row = {"model": "articles.page", "fields": {"title": "Theirs", "slug": "theirs", "body": "<p>Theirs.</p>"}}
        rows.append(row)
    row.pop("pk", None)
    if where == "pk":
        row["pk"] = existing.pk
    else:
        row["fields"]["id"] = existing.pk
    with pytest.raises(CommandError, match="a record with this id is already on the site"):
        import_rows(tmp_path, rows)
    assert model_to_dict(type(existing).objects.get(pk=existing.pk)) == model_to_dict(existing)
    assert not Article.objects.exists() and not get_user_model().objects.filter(username__in=["wendy", "rita"]).exists()


@pytest.mark.parametrize(
    "model, field, reference",
    [
        ("articles.medicalreviewer", "user", ["admin"]),
        ("articles.medicalreviewer", "user", "admin's id"),
        ("articles.medicalreviewer", "user_id", "admin's id"),
        ("articles.articleversion", "approved_by", ["admin"]),
        ("articles.articleversion", "approved_by_id", "admin's id"),
    ],
)
def test_records_may_name_only_the_accounts_the_file_brings(tmp_path, roles, model, field, reference):
    """Otherwise a file could make this site's admin a doctor, or sign an approval in someone's name."""
    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    rows = site_rows()
    fields = row_of(rows, model)["fields"]
    fields.pop(field.removesuffix("_id"))
    fields[field] = admin.pk if reference == "admin's id" else reference
    with pytest.raises(CommandError, match="names an account that the export does not bring"):
        import_rows(tmp_path, rows)
    assert not MedicalReviewer.objects.exists() and not Article.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda rows: row_of(rows, "auth.user")["fields"].update(groups=5),
        lambda rows: row_of(rows, "auth.user")["fields"].update(username=["x"]),
        lambda rows: row_of(rows, "articles.author").update(pk="1.0x"),
        lambda rows: row_of(rows, "articles.author")["fields"].update(photo=5),
        lambda rows: row_of(rows, "articles.author")["fields"].update(user=[["wendy"]]),
        lambda rows: row_of(rows, "articles.articleversion")["fields"].update(citations="not a list"),
        lambda rows: row_of(rows, "articles.articleversion")["fields"].update(citations=[{**CITATION, "doi": None}]),
    ],
)
def test_a_malformed_file_is_refused_with_a_message(tmp_path, roles, change):
    rows = site_rows()
    change(rows)
    with pytest.raises(CommandError):
        import_rows(tmp_path, rows)
    assert not Article.objects.exists() and not get_user_model().objects.exists()


def test_new_records_after_an_import_get_new_ids(tmp_path, roles):
    """Rows were written with the file's ids; the database's id sequences must move past them (PostgreSQL)."""
    import_rows(tmp_path, site_rows())
    assert AuthorFactory().pk > 101


def test_accounts_come_without_passwords_unless_asked(tmp_path, roles):
    from django.contrib.auth.hashers import make_password

    rows = site_rows()
    row_of(rows, "auth.user")["fields"]["password"] = make_password("known-to-the-file-maker")
    import_rows(tmp_path, rows)
    assert not get_user_model().objects.get(username="wendy").has_usable_password()


def test_passwords_are_kept_with_the_option(tmp_path, roles):
    from django.contrib.auth.hashers import make_password

    rows = site_rows()
    row_of(rows, "auth.user")["fields"]["password"] = make_password("moved-with-the-site")
    import_rows(tmp_path, rows, "--with-passwords")
    assert get_user_model().objects.get(username="wendy").check_password("moved-with-the-site")


@pytest.mark.parametrize("where", ["citation", "frozen citation"])
def test_a_citation_with_a_script_link_is_refused(tmp_path, roles, where):
    rows = site_rows()
    if where == "citation":
        row_of(rows, "references.citation")["fields"]["url"] = "javascript:alert(1)"
    else:
        row_of(rows, "articles.articleversion")["fields"]["citations"] = [{**CITATION, "url": "javascript:alert(1)"}]
    with pytest.raises(CommandError, match="Enter a valid URL") as error:
        import_rows(tmp_path, rows)
    assert "no record was imported" in str(error.value)
    assert not Article.objects.exists() and not Category.objects.exists() and not Author.objects.exists()
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    "model, field, value, message",
    [
        ("references.citation", "doi", "not-a-doi", "is not a DOI"),
        ("references.citation", "url", "", "Give a URL, a DOI or a PubMed ID"),
        ("articles.category", "slug", "admin", "is used by another page of the site"),
        ("articles.article", "summary", "x" * 301, "at most 300 characters"),
        ("articles.articleversion", "reviewed_at", None, "cannot be null"),
    ],
)
def test_every_record_passes_the_admin_s_checks(tmp_path, roles, model, field, value, message):
    rows = site_rows()
    row_of(rows, model)["fields"][field] = value
    with pytest.raises(CommandError, match=message):
        import_rows(tmp_path, rows)
    assert not Article.objects.exists()


def test_what_the_checks_tidy_up_is_kept(tmp_path, roles):
    rows = site_rows()
    row_of(rows, "references.citation")["fields"].update(
        doi="https://doi.org/10.1038/nature12060", pmid="PMID: 23563266"
    )
    import_rows(tmp_path, rows)
    citation = Citation.objects.get()
    assert (citation.doi, citation.pmid) == ("10.1038/nature12060", "23563266")


def test_a_loop_of_categories_is_refused(tmp_path, roles):
    rows = site_rows()
    rows += [
        {"model": "articles.category", "pk": 102, "fields": {"name": "B", "slug": "b", "parent": 103}},
        {"model": "articles.category", "pk": 103, "fields": {"name": "C", "slug": "c", "parent": 102}},
    ]
    row_of(rows, "articles.category")["fields"]["parent"] = 102  # A under B, B and C under each other
    with pytest.raises(CommandError, match="cannot be placed under itself"):
        import_rows(tmp_path, rows)


def test_the_reference_list_links_only_web_addresses_whatever_is_stored(client, roles, tmp_path):
    import_rows(tmp_path, site_rows())
    Citation.objects.update(url="javascript:alert(1)")
    version = Article.objects.get().live_version
    type(version).objects.filter(pk=version.pk).update(citations=[{**CITATION, "url": "javascript:alert(1)"}])
    html = client.get("/diseases/dengue/").content.decode()
    assert "Dengue fact sheet" in html
    assert 'href="javascript' not in html and '"url": "javascript' not in html  # nor in the JSON-LD


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:x",
        "java\tscript:x",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/",
        "http://[",
    ],
)
def test_the_formatter_links_only_http_and_https(url):
    assert "<a" not in str(vancouver(Citation(title="A source", url=url)))
    assert '<a href="https://www.who.int/x">' in str(vancouver(Citation(title="A source", url="https://www.who.int/x")))


def test_what_readers_see_is_rendered_here_not_taken_from_the_file(tmp_path, roles, client):
    rows = site_rows()
    row_of(rows, "articles.articleversion")["fields"].update(
        rendered_body="<script>alert(1)</script>", toc=[[2, "x", "<img src=x onerror=alert(1)>"]],
        rendered_references="<script>x()</script>",
    )  # fmt: skip
    import_rows(tmp_path, rows)
    html = client.get("/diseases/dengue/").content.decode()
    assert "<script>alert" not in html and "<script>x()" not in html and "onerror" not in html
    assert 'href="#ref-1"' in html and 'id="ref-1"' in html  # rendered from the body and citations
