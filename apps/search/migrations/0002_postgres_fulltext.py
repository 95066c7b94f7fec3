"""PostgreSQL only: accent-insensitive French configuration, weighted tsvector column + GIN
index, trigram index for spelling suggestions (on lower(word), so that the planner never picks it
for the exact-match lookups: pg_trgm also supports `=`, but far slower than the btree unique
index). A no-op on other databases."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # A copy of `french` with unaccent before the Snowball stemmer.
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'maillage_french') THEN
            CREATE TEXT SEARCH CONFIGURATION maillage_french (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION maillage_french
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$""",
    "ALTER TABLE search_searchdocument ADD COLUMN vector tsvector",
    "CREATE INDEX search_document_vector_gin ON search_searchdocument USING GIN (vector)",
    "CREATE INDEX search_vocabulary_lower_word_trgm ON search_searchvocabulary USING GIN (lower(word) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS search_vocabulary_lower_word_trgm",
    "DROP INDEX IF EXISTS search_document_vector_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in FORWARD:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for sql in BACKWARD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
