"""SQLite only: the FTS5 table (accent-free tokens; the French stemming is done in Python before
insertion, see apps.search.text). rowid = search_searchdocument.id. A no-op elsewhere."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
        "title, summary, body, rest, tokenize = 'unicode61 remove_diacritics 2')"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_fulltext")]
    operations = [migrations.RunPython(forward, backward)]
