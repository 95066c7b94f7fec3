"""PostgreSQL only: the trigram index of the vocabulary moves to lower(word), so that the planner
never picks it for the exact-match lookups (pg_trgm also supports `=`, but far slower than the
btree unique index)."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_vocabulary_word_trgm")
    schema_editor.execute(
        "CREATE INDEX search_vocabulary_lower_word_trgm ON search_searchvocabulary USING GIN (lower(word) gin_trgm_ops)"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_vocabulary_lower_word_trgm")
    schema_editor.execute(
        "CREATE INDEX search_vocabulary_word_trgm ON search_searchvocabulary USING GIN (word gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts5")]
    operations = [migrations.RunPython(forward, backward)]
