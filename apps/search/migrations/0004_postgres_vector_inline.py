"""PostgreSQL only: keep each document's `vector` inside its row (storage MAIN) and let the long
texts (`body`, `extra`) go to the TOAST table instead.

A search ranks every document it finds (`ts_rank` reads the vector of each): with the default
storage a row of ~2.5 kB had its vector moved out of line, so ranking 1,200 documents read ~4,300
buffers (the TOAST index and chunks of each vector) instead of ~1,150, 3.0 ms instead of 1.3 ms
(bench/README.md, « Nuit du 5 décembre »). The text of a document is read only for the page of
hits (20). Existing vectors are rewritten once so that they move back into their rows. A no-op on
other databases."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE MAIN")
    # A new value (concatenating an empty vector) is stored with the new strategy; an unchanged
    # one would keep its out-of-line pointer.
    schema_editor.execute(
        "UPDATE search_searchdocument SET vector = vector || ''::tsvector WHERE vector IS NOT NULL"
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchdocument ALTER COLUMN vector SET STORAGE EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts5")]
    operations = [migrations.RunPython(forward, backward)]
