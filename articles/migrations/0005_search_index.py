"""The search index of the approved versions (articles/search.py): a GIN index on PostgreSQL, FTS5 on SQLite."""

import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations
from django.utils.html import strip_tags

GIN_INDEX = "articles_version_search_document"
FTS_TABLE = "articles_version_search"


def make_index(apps, schema_editor):
    """The index, and an entry in it for every version approved so far."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {GIN_INDEX} ON articles_articleversion USING gin (search_document)")
        schema_editor.execute(
            "UPDATE articles_articleversion SET search_document = "
            "setweight(to_tsvector(%s::regconfig, coalesce(title, '')), 'A') || "
            "setweight(to_tsvector(%s::regconfig, coalesce(summary, '')), 'B') || "
            "setweight(to_tsvector(%s::regconfig, coalesce(body, '')), 'C')",
            [settings.HEALTHCMS_SEARCH_CONFIG] * 3,
        )
        return
    # Porter stemming ("mosquitoes" finds "mosquito"), accents folded; title, summary, body as plain text.
    schema_editor.execute(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, summary, body, tokenize='porter unicode61 remove_diacritics 2')"
    )
    versions = apps.get_model("articles", "ArticleVersion").objects.values_list("pk", "title", "summary", "body")
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
            [(pk, title, summary, strip_tags(body)) for pk, title, summary, body in versions.iterator()],
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {GIN_INDEX}")
    else:
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_published_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="articleversion",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(make_index, drop_index),
    ]
