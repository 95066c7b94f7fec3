"""PostgreSQL only: a trigram index on the normalised text of aids, so that the eligibility
search's `search_text LIKE '%word%'` is an index scan instead of reading every candidate row
(bench/bench_aids.py). SQLite has no such index: it scans, which is fine at its scale."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS aid_search_text_trgm ON aids_aid USING GIN (search_text gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS aid_search_text_trgm"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("aids", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
