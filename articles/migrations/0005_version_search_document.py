import django.contrib.postgres.search
from django.conf import settings
from django.db import migrations

INDEX = "articles_version_search_document"


def index_existing_versions(apps, schema_editor):
    """On PostgreSQL: a GIN index on the documents, and a document for every version approved so far."""
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite searches without stored documents
    schema_editor.execute(f"CREATE INDEX {INDEX} ON articles_articleversion USING gin (search_document)")
    schema_editor.execute(
        "UPDATE articles_articleversion SET search_document = "
        "setweight(to_tsvector(%s::regconfig, coalesce(title, '')), 'A') || "
        "setweight(to_tsvector(%s::regconfig, coalesce(summary, '')), 'B') || "
        "setweight(to_tsvector(%s::regconfig, coalesce(body, '')), 'C')",
        [settings.HEALTHCMS_SEARCH_CONFIG] * 3,
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


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
        migrations.RunPython(index_existing_versions, drop_index),
    ]
