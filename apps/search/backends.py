"""The two full-text engines behind one interface. Everything else in the app is shared.

Both index the same pre-stemmed text (apps.core.french) in four weighted fields:
title (A), summary + themes (B), body (C), everything else (D).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import connection

from apps.core.french import stemmed_text
from apps.search.text import ParsedQuery

DOC = "search_searchdocument"
DOC_THEME = "search_searchdocumenttheme"
VOCAB = "search_searchvocabulary"
PG_CONFIG = "maillage_french"
# Relative weights of the fields (A, B, C, D), the same on both engines.
WEIGHTS = (1.0, 0.4, 0.2, 0.1)


@dataclass
class Fields:
    title: str
    summary: str
    body: str
    rest: str

    @classmethod
    def from_document(cls, doc) -> Fields:
        return cls(
            title=stemmed_text(doc.title),
            summary=stemmed_text(f"{doc.summary}\n{doc.themes_text}"),
            body=stemmed_text(doc.body),
            rest=stemmed_text(doc.extra),
        )


class Backend:
    vendor = ""

    def index(self, cursor, doc_id: int, fields: Fields) -> None:
        raise NotImplementedError

    def index_many(self, cursor, rows: list[tuple[int, Fields]]) -> None:
        for doc_id, fields in rows:
            self.index(cursor, doc_id, fields)

    def remove(self, cursor, doc_id: int) -> None:
        raise NotImplementedError

    def closest_words(self, cursor, word: str, *, scope: tuple[str, list] = ("1 = 1", [])) -> list[str]:
        """Known words close to `word`, among the vocabulary rows matching `scope` (SQL, params)."""
        raise NotImplementedError

    def matches(self, query: ParsedQuery, where: str, params: list, *, ranked: bool) -> tuple[str, list]:
        """SELECT of the matching documents (id, facet columns, date, rank) under alias `d`."""
        raise NotImplementedError


# The facet columns travel with each match: the theme facet counts `theme_keys` (" 4 17 ") per
# distinct value, no join over the theme links of every match.
MATCH_COLUMNS = (
    "d.id, d.kind, d.status, d.region_id, d.departement_id, d.population_band, d.theme_keys, d.date"
)


class PostgresBackend(Backend):
    vendor = "postgresql"

    def index(self, cursor, doc_id, fields):
        cursor.execute(
            f"UPDATE {DOC} SET vector = "
            f"setweight(to_tsvector('{PG_CONFIG}', %s), 'A') || setweight(to_tsvector('{PG_CONFIG}', %s), 'B')"
            f" || setweight(to_tsvector('{PG_CONFIG}', %s), 'C') || setweight(to_tsvector('{PG_CONFIG}', %s), 'D')"
            " WHERE id = %s",
            [fields.title, fields.summary, fields.body, fields.rest, doc_id],
        )

    def index_many(self, cursor, rows):
        if not rows:
            return
        values = ", ".join(["(%s::bigint, %s, %s, %s, %s)"] * len(rows))
        params = []
        for doc_id, f in rows:
            params.extend([doc_id, f.title, f.summary, f.body, f.rest])
        cursor.execute(
            f"UPDATE {DOC} AS d SET vector = "
            f"setweight(to_tsvector('{PG_CONFIG}', v.t), 'A') || setweight(to_tsvector('{PG_CONFIG}', v.s), 'B')"
            f" || setweight(to_tsvector('{PG_CONFIG}', v.b), 'C') || setweight(to_tsvector('{PG_CONFIG}', v.r), 'D')"
            f" FROM (VALUES {values}) AS v(id, t, s, b, r) WHERE d.id = v.id",
            params,
        )

    def remove(self, cursor, doc_id):
        # The vector is a column of the document row: deleting the row is enough.
        pass

    def matches(self, query, where, params, *, ranked):
        if query.is_empty:
            return f"SELECT {MATCH_COLUMNS}, 0.0 AS rank FROM {DOC} d WHERE {where}", list(params)
        tsquery = f"websearch_to_tsquery('{PG_CONFIG}', %s)"
        websearch = query.to_websearch()
        # ts_rank's weights array is {D, C, B, A}; normalisation 1 divides by 1 + log(length),
        # close to what bm25 does on SQLite, so both engines order results alike.
        rank = (
            f"ts_rank('{{{WEIGHTS[3]}, {WEIGHTS[2]}, {WEIGHTS[1]}, {WEIGHTS[0]}}}', d.vector, {tsquery}, 1)"
            if ranked
            else "0.0"
        )
        rank_params = [websearch] if ranked else []
        sql = f"SELECT {MATCH_COLUMNS}, {rank} AS rank FROM {DOC} d WHERE d.vector @@ {tsquery} AND {where}"
        return sql, [*rank_params, websearch, *params]

    def closest_words(self, cursor, word, *, scope=("1 = 1", [])):
        cursor.execute(
            f"SELECT DISTINCT word, similarity(lower(word), %s) AS sim FROM {VOCAB}"
            f" WHERE lower(word) %% %s AND similarity(lower(word), %s) >= 0.4 AND {scope[0]}"
            " ORDER BY sim DESC, word LIMIT 3",
            [word, word, word, *scope[1]],
        )
        return [row[0] for row in cursor.fetchall()]


class SqliteBackend(Backend):
    vendor = "sqlite"

    def index(self, cursor, doc_id, fields):
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc_id])
        cursor.execute(
            "INSERT INTO search_fts(rowid, title, summary, body, rest) VALUES (%s, %s, %s, %s, %s)",
            [doc_id, fields.title, fields.summary, fields.body, fields.rest],
        )

    def index_many(self, cursor, rows):
        cursor.executemany(
            "INSERT OR REPLACE INTO search_fts(rowid, title, summary, body, rest) VALUES (%s, %s, %s, %s, %s)",
            [(doc_id, f.title, f.summary, f.body, f.rest) for doc_id, f in rows],
        )

    def remove(self, cursor, doc_id):
        cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc_id])

    def matches(self, query, where, params, *, ranked):
        if query.is_empty:
            return f"SELECT {MATCH_COLUMNS}, 0.0 AS rank FROM {DOC} d WHERE {where}", list(params)
        # bm25() is "lower is better": negated so that both engines sort by rank DESC.
        weights = ", ".join(str(w * 10) for w in WEIGHTS)
        rank = f"-bm25(search_fts, {weights})" if ranked else "0.0"
        sql = (
            f"SELECT {MATCH_COLUMNS}, {rank} AS rank FROM search_fts JOIN {DOC} d ON d.id = search_fts.rowid"
            f" WHERE search_fts MATCH %s AND {where}"
        )
        return sql, [query.to_fts5(), *params]

    def closest_words(self, cursor, word, *, scope=("1 = 1", [])):
        # No trigram index on SQLite: narrow by first letter and length, then compare in Python.
        cursor.execute(
            f"SELECT DISTINCT word FROM {VOCAB} WHERE word LIKE %s AND length(word) BETWEEN %s AND %s"
            f" AND {scope[0]}",
            [word[0] + "%", len(word) - 2, len(word) + 2, *scope[1]],
        )
        candidates = [row[0] for row in cursor.fetchall()]
        return difflib.get_close_matches(word, candidates, n=3, cutoff=0.75)


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SqliteBackend()
