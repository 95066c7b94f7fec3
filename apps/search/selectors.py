"""The search engine, read side: one function, `search_documents`, for every page that searches
(the global search, the experience library, later resources and aids). Two SQL statements per
search whatever the engine: facet counts (with the total) and one ranked page."""

from __future__ import annotations

import hashlib
import html
import json
import math
import unicodedata
import uuid
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from apps.core.french import fold, stem, words
from apps.search import registry
from apps.search.backends import DOC, VOCAB, get_backend
from apps.search.models import PopulationBand, SearchDocument, audiences_for, visibilities_for
from apps.search.text import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    ParsedQuery,
    parse_query,
)

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


SORTS = {"relevance": "Pertinence", "date": "Date (plus récent d'abord)"}
FACETS = ["kind", "theme", "region", "departement", "population_band", "status"]
FACET_LABELS = {
    "kind": "Type de contenu",
    "theme": "Thématique",
    "region": "Région",
    "departement": "Département",
    "population_band": "Taille du territoire",
    "status": "Statut",
}
MAX_PAGE = 500
# A result shows this many characters of its document's summary (Truncator, as `truncatechars`).
SUMMARY_CHARS = 220
# Searches are kept this long at most in the cache, even if the index generation did not change
# (writes that bypass the services: bulk scripts, the database shell).
SEARCH_CACHE_TTL = 600
SEARCH_GENERATION_KEY = "search:generation"


def search_generation() -> str:
    """The current generation of the search index (one cache read). A missing key (an emptied
    cache) starts a fresh, unique generation: results kept before can never be taken for current."""
    generation = cache.get(SEARCH_GENERATION_KEY)
    if generation is None:
        cache.add(SEARCH_GENERATION_KEY, uuid.uuid4().hex, None)
        generation = cache.get(SEARCH_GENERATION_KEY) or ""
    return str(generation)


def search_index_changed() -> None:
    """Call after writing to the index (apps.search.services does): every kept search is forgotten.
    Again when the transaction commits: a search run meanwhile saw the rows before the write."""

    def bump() -> None:
        cache.set(SEARCH_GENERATION_KEY, uuid.uuid4().hex, None)

    bump()
    if connection.in_atomic_block:
        transaction.on_commit(bump)


def _generations() -> tuple[str, str]:
    """(search index generation, filter choices generation) in one cache round trip."""
    from apps.core.filters import CHOICES_GENERATION_KEY, choices_generation

    found = cache.get_many([SEARCH_GENERATION_KEY, CHOICES_GENERATION_KEY])
    search = found.get(SEARCH_GENERATION_KEY)
    choices = found.get(CHOICES_GENERATION_KEY)
    return (
        str(search) if search is not None else search_generation(),
        str(choices) if choices is not None else choices_generation(),
    )


def _cache_key(
    generation: str, vendor: str, matches: str, params: list[Any], order: str, facets: bool
) -> str:
    """One key per search as the engine runs it: the SQL of the matching set and its parameters hold
    the query, the reader's visibility and audiences, the filters and the excluded ids."""
    raw = json.dumps([vendor, matches, params, order, facets], default=str, separators=(",", ":"))
    return f"search:v2:{generation}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"


@dataclass
class SearchFilters:
    kind: str = ""
    theme: int | None = None
    region: int | None = None
    departement: int | None = None
    population_band: str = ""
    status: str = ""

    @property
    def active(self) -> bool:
        return any(getattr(self, name) not in ("", None) for name in FACETS)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False
    param: str = ""  # the value in the query string (a slug for themes)
    url: str = ""  # filled by the view


@dataclass
class Hit:
    document: SearchDocument
    rank: float
    snippet: SafeString
    summary: str = ""  # the document's summary as the results show it (220 characters at most)


@dataclass
class SearchResults:
    text: str
    query: ParsedQuery
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20
    sort: str = "relevance"
    corrected_text: str = ""
    suggestions: list[str] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, min(MAX_PAGE, math.ceil(self.total / self.per_page)))

    @property
    def has_text(self) -> bool:
        return not self.query.is_empty

    def facet_list(self) -> list[tuple[str, str, list[FacetValue]]]:
        return [(name, FACET_LABELS[name], self.facets.get(name, [])) for name in FACETS]


def search_documents(
    *,
    text: str = "",
    user: AnyUser,
    filters: SearchFilters | None = None,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    exclude_ids: tuple[int, ...] = (),
    with_facets: bool = True,
    correct: bool = True,
) -> SearchResults:
    filters = filters or SearchFilters()
    query = parse_query(text)
    sort = sort if sort in SORTS else "relevance"
    results = SearchResults(text=text, query=query, sort=sort, per_page=max(1, min(per_page, 100)))
    if query.truncated:
        results.messages.append(
            f"Votre recherche était trop longue : seuls les {MAX_QUERY_LENGTH} premiers caractères "
            f"et {MAX_QUERY_TERMS} mots au plus ont été pris en compte."
        )
    if text.strip() and query.is_empty:
        results.messages.append(
            "Votre recherche ne contient aucun mot exploitable (mots trop courants, symboles ou "
            "seulement des exclusions) : tous les contenus sont affichés."
        )
    backend = get_backend()
    where, params = _filter_sql(user, filters, exclude_ids)
    ranked = not query.is_empty and sort == "relevance"
    matches, match_params = backend.matches(query, where, params, ranked=ranked)
    order = "rank DESC, date DESC NULLS LAST, id DESC" if ranked else "date DESC NULLS LAST, id DESC"

    columns = _document_columns()

    def run(page_number: int, *, summary: bool) -> list[tuple[Any, ...]]:
        offset = (page_number - 1) * results.per_page
        if summary:
            sql = _statement(matches, order, columns, with_facets=with_facets)
        else:
            sql = _page_statement(matches, order, columns)
        sql_params = [*match_params, results.per_page, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows

    # Results are kept per generation of the index (search_index_changed()): the total and the
    # facet counts of a search once, each page of hits once. A new page of a known search runs
    # only the ranked page (no count, no facets); a known page runs no search statement at all.
    generation, choices_generation = _generations()
    search_key = _cache_key(generation, backend.vendor, matches, match_params, order, with_facets)
    requested = max(1, min(page, MAX_PAGE))
    cached = cache.get_many([search_key, f"{search_key}:{requested}"])
    summary: tuple[int, dict[str, list[tuple[str, int]]]] | None = cached.get(search_key)
    hit_rows: Any = cached.get(f"{search_key}:{requested}")  # from the cache: what `kept` was below
    fresh = hit_rows is None
    if summary is None:
        total, facet_rows, hit_rows = _split(run(requested, summary=True))
        summary = (total, facet_rows)
        results.total = total
        results.page = max(1, min(page, results.num_pages))
        if total and not hit_rows and results.page != requested:
            # Asked past the last page: show the last one (one more statement, rare).
            hit_rows = _split(run(results.page, summary=False))[2]
        to_cache: dict[str, Any] = {search_key: summary}
    else:
        results.total = summary[0]
        results.page = max(1, min(page, results.num_pages))
        to_cache = {}
        if results.page != requested:
            hit_rows = cache.get(f"{search_key}:{results.page}")
            fresh = hit_rows is None
        if hit_rows is None:
            hit_rows = _split(run(results.page, summary=False))[2]
    if with_facets:
        results.facets = _label_facets(summary[1], filters, generation=choices_generation)
    kept: list[tuple[int, float, str, str]] = []  # (id, rank, snippet, summary as shown)
    if hit_rows and fresh:
        # The documents came with the hits (same statement). Snippets and shortened summaries are
        # computed once, from the body, and kept with the page.
        stems = query.all_stems
        docs = {doc_id: columns.document(values) for doc_id, _, values in hit_rows}
        kept = [
            (doc_id, rank or 0, str(_snippet(docs[doc_id], stems)), _short(docs[doc_id].summary))
            for doc_id, rank, _ in hit_rows
        ]
    elif hit_rows:
        kept = hit_rows
        docs = SearchDocument.objects.defer("body", "extra").in_bulk([row[0] for row in kept])
    results.hits = [
        Hit(document=docs[doc_id], rank=rank, snippet=mark_safe(snippet), summary=summary)
        for doc_id, rank, snippet, summary in kept
        if doc_id in docs
    ]
    if fresh:
        to_cache[f"{search_key}:{results.page}"] = kept
    if to_cache:
        cache.set_many(to_cache, SEARCH_CACHE_TTL)

    if not results.total and not query.is_empty and correct:
        corrected = _corrected_text(query, user=user)
        if corrected:
            retry = search_documents(
                text=corrected,
                user=user,
                filters=filters,
                sort=sort,
                page=1,
                per_page=per_page,
                exclude_ids=exclude_ids,
                with_facets=with_facets,
                correct=False,
            )
            if retry.total:
                retry.corrected_text = corrected
                retry.text = text
                retry.messages = results.messages
                return retry
            # A correction that finds nothing the asker may see is not offered: it would tell
            # words of documents they may not read.
        results.suggestions.extend(_broader_texts(query))
    return results


def _filter_sql(user: AnyUser, filters: SearchFilters, exclude_ids: Collection[int]) -> tuple[str, list[Any]]:
    visibilities = visibilities_for(user)
    clauses = [f"d.visibility IN ({', '.join(['%s'] * len(visibilities))})"]
    params: list = [*visibilities]
    audiences = audiences_for(user)
    if audiences is not None:
        clauses.append(f"d.audience IN ({', '.join(['%s'] * (len(audiences) + 1))})")
        params.extend(["", *audiences])
    for column, value in (
        ("kind", filters.kind),
        ("region_id", filters.region),
        ("departement_id", filters.departement),
        ("population_band", filters.population_band),
        ("status", filters.status),
    ):
        if value not in ("", None):
            clauses.append(f"d.{column} = %s")
            params.append(value)
    if filters.theme:
        clauses.append("d.theme_keys LIKE %s")
        params.append(f"% {int(filters.theme)} %")
    if exclude_ids:
        clauses.append(f"d.id NOT IN ({', '.join(['%s'] * len(exclude_ids))})")
        params.extend(exclude_ids)
    return " AND ".join(clauses), params


@dataclass(frozen=True)
class _DocumentColumns:
    """The document of each hit travels with it, in the search statement (no second query): its
    columns under alias `d2` (all but `extra`, as `defer("extra")` loaded them), and the documents
    built from them as the ORM builds them (the database's values through the same converters)."""

    fields: tuple[Any, ...]
    converters: tuple[tuple[Any, list[Any]], ...]  # (column expression, converters) per field
    select: str  # ", d2.a, d2.b…"
    nulls: str  # ", NULL, NULL…": the same number of columns for the other parts of the statement

    def document(self, values: tuple[Any, ...]) -> SearchDocument:
        converted = []
        for value, (expression, converters) in zip(values, self.converters, strict=True):
            for converter in converters:
                value = converter(value, expression, connection)
            converted.append(value)
        return SearchDocument.from_db(connection.alias, [f.attname for f in self.fields], converted)


def _document_columns() -> _DocumentColumns:
    quote = connection.ops.quote_name
    fields = tuple(f for f in SearchDocument._meta.concrete_fields if f.attname != "extra")
    converters = []
    for f in fields:
        expression = f.get_col(SearchDocument._meta.db_table)
        converters.append(
            (
                expression,
                connection.ops.get_db_converters(expression) + expression.get_db_converters(connection),
            )
        )
    return _DocumentColumns(
        fields=fields,
        converters=tuple(converters),
        select="".join(f", d2.{quote(str(f.column))}" for f in fields),
        nulls=", NULL" * len(fields),
    )


def _statement(matches: str, order: str, columns: _DocumentColumns, *, with_facets: bool) -> str:
    """One statement per search: the matching set is computed once (a materialised CTE), then
    the page of hits (with their document's `columns`), the total and every facet's counts are
    read from it. Rows: (part, value, count or position, rank, columns)."""
    nulls = columns.nulls
    sql = (
        f"WITH m AS MATERIALIZED ({matches}),"
        f" p AS (SELECT id, rank, ROW_NUMBER() OVER (ORDER BY {order}) AS pos FROM m ORDER BY {order}"
        " LIMIT %s OFFSET %s)"
        f" SELECT 'hit', CAST(p.id AS TEXT), p.pos, p.rank{columns.select} FROM p JOIN {DOC} d2 ON d2.id = p.id"
        f" UNION ALL SELECT 'total', '', COUNT(*), 0.0{nulls} FROM m"
    )
    if with_facets:
        sql += (
            f" UNION ALL SELECT 'kind', kind, COUNT(*), 0.0{nulls} FROM m GROUP BY kind"
            f" UNION ALL SELECT 'status', status, COUNT(*), 0.0{nulls} FROM m WHERE status <> '' GROUP BY status"
            f" UNION ALL SELECT 'region', CAST(region_id AS TEXT), COUNT(*), 0.0{nulls} FROM m"
            " WHERE region_id IS NOT NULL GROUP BY region_id"
            f" UNION ALL SELECT 'departement', CAST(departement_id AS TEXT), COUNT(*), 0.0{nulls} FROM m"
            " WHERE departement_id IS NOT NULL GROUP BY departement_id"
            f" UNION ALL SELECT 'population_band', population_band, COUNT(*), 0.0{nulls} FROM m"
            " WHERE population_band <> '' GROUP BY population_band"
            f" UNION ALL SELECT 'theme_keys', theme_keys, COUNT(*), 0.0{nulls} FROM m"
            " WHERE theme_keys <> '' GROUP BY theme_keys"
        )
    return sql


def _page_statement(matches: str, order: str, columns: _DocumentColumns) -> str:
    """The ranked page alone (its total and facets already known): same rows as `_statement`'s hits."""
    return (
        f"SELECT 'hit', CAST(p.id AS TEXT), p.pos, p.rank{columns.select} FROM"
        f" (SELECT id, rank, ROW_NUMBER() OVER (ORDER BY {order}) AS pos FROM ({matches}) m"
        f" ORDER BY {order} LIMIT %s OFFSET %s) p JOIN {DOC} d2 ON d2.id = p.id"
    )


def _short(summary: str) -> str:
    """What `{{ summary|truncatechars:220 }}` showed. Most summaries are shorter: Truncator returns
    them as they are (NFC-normalised) without walking them character by character."""
    text = unicodedata.normalize("NFC", summary)
    if len(text) <= SUMMARY_CHARS:
        return text
    return Truncator(text).chars(SUMMARY_CHARS)


def _split(
    rows: list[tuple[Any, ...]],
) -> tuple[int, Any, list[tuple[int, float, tuple[Any, ...]]]]:
    """(total, facet counts by facet, hits as (id, rank, document columns) in order) from
    the statement's rows."""
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    themes: dict[str, int] = {}
    hits = []
    total = 0
    for row in rows:
        part, value, count = row[0], row[1], row[2]
        if part == "hit":
            hits.append((count, int(value), row[3], row[4:]))
        elif part == "total":
            total = count
        elif part == "theme_keys":
            # " 4 17 " counted once per distinct set of themes: the count of each theme is the sum.
            for key in value.split():
                themes[key] = themes.get(key, 0) + count
        else:
            facets[part].append((value, count))
    facets["theme"] = list(themes.items())
    hits.sort(key=lambda hit: hit[0])  # by position
    return total, facets, [(doc_id, rank, values) for _, doc_id, rank, values in hits]


def _label_facets(
    raw: dict[str, list[tuple[str, int]]], filters: SearchFilters, *, generation: str | None = None
) -> dict[str, list[FacetValue]]:
    labels: dict[str, dict[str, str]] = {
        "kind": registry.kind_labels(),
        "status": registry.status_labels(),
        "population_band": dict(PopulationBand.choices),
    }
    territory_ids = {v for name in ("region", "departement") for v, _ in raw[name]}
    labels["region"] = labels["departement"] = _territory_labels(territory_ids, generation=generation)
    themes = _theme_labels({v for v, _ in raw["theme"]}, generation=generation)
    labels["theme"] = {pk: name for pk, (name, _) in themes.items()}
    order = {"population_band": list(PopulationBand.values)}
    facets = {}
    # A theme deleted since a document was indexed stays in its `theme_keys`: not a facet value.
    raw = {**raw, "theme": [(v, c) for v, c in raw["theme"] if v in themes]}
    for name, values in raw.items():
        selected = getattr(filters, name)
        items = [
            FacetValue(
                value=v,
                label=labels[name].get(v, v),
                count=c,
                selected=str(selected) == v,
                param=themes[v][1] if name == "theme" and v in themes else v,
            )
            for v, c in values
        ]
        if name in order:
            items.sort(key=lambda item: order[name].index(item.value) if item.value in order[name] else 99)
        else:
            items.sort(key=lambda item: (-item.count, item.label))
        facets[name] = items
    return facets


def _territory_labels(ids: set[str], *, generation: str | None = None) -> dict[str, str]:
    """Labels of the région and département facets: every région and département is read once per
    generation of filter choices (apps/core/filters.py), not at every search."""
    from apps.core.filters import cached_value
    from apps.territories.models import Kind, Territory

    if not ids:
        return {}

    def build() -> dict[str, str]:
        qs = Territory.objects.filter(kind__in=[Kind.REGION, Kind.DEPARTMENT]).only(
            "pk", "kind", "name", "code"
        )
        return {str(t.pk): t.label for t in qs}

    known = cached_value("search.facets.territories", build, generation=generation)
    labels = {pk: known[pk] for pk in ids if pk in known}
    missing = [int(pk) for pk in ids if pk not in known]
    if missing:  # another kind of territory, or one loaded since: read it
        qs = Territory.objects.filter(pk__in=missing).only("pk", "kind", "name", "code")
        labels.update({str(t.pk): t.label for t in qs})
    return labels


def _theme_labels(ids: set[str], *, generation: str | None = None) -> dict[str, tuple[str, str]]:
    """(name, slug) of the theme facet's values, read once per generation of filter choices."""
    from apps.core.filters import cached_value
    from apps.themes.models import Theme

    if not ids:
        return {}

    def build() -> dict[str, tuple[str, str]]:
        return {str(pk): (name, slug) for pk, name, slug in Theme.objects.values_list("pk", "name", "slug")}

    known = cached_value("search.facets.themes", build, generation=generation)
    labels = {pk: known[pk] for pk in ids if pk in known}
    missing = [int(pk) for pk in ids if pk not in known]
    if missing:
        rows = Theme.objects.filter(pk__in=missing).values_list("pk", "name", "slug")
        labels.update({str(pk): (name, slug) for pk, name, slug in rows})
    return labels


# --- Snippets -------------------------------------------------------------------------------


def _escape_html(text: str) -> str:
    """django.utils.html.escape without its lazy-string wrapper and SafeString (the caller marks the
    whole snippet safe): the same characters replaced."""
    return html.escape(text)


@lru_cache(maxsize=50_000)
def _token_stems(token: str) -> frozenset[str]:
    """Stems of one token of a body as written ("l'école," -> {"l", "ecol"}): bodies repeat their
    words, the folding and the regular expression run once per distinct token."""
    return frozenset(stem(w) for w in words(token))


def _snippet(doc: SearchDocument, stems: set[str], size: int = 32) -> SafeString:
    """The best window of the body, its words found highlighted, HTML-escaped. The same on both
    engines, from the same French analysis as the match (PostgreSQL's ts_headline, used until
    December 2026, cost more inside the search statement than this costs here).

    The window is the first, in steps of 4 tokens, holding the most hits. Written for speed (it runs
    for most hits of a search never seen): tokens split once, each distinct token tested once, the
    windows scored by prefix sums, and the text escaped by runs rather than token by token (escaping
    is per character: the same HTML)."""
    text = doc.body or doc.summary
    tokens = text.split()  # the runs of non-space characters, as re.split(r"(\s+)") gave them
    if not tokens:
        return mark_safe("")
    if stems:
        found = {t for t in set(tokens) if not stems.isdisjoint(_token_stems(t))}
        hits = [t in found for t in tokens] if found else None
    else:
        hits = None
    best_start = 0
    if hits is not None:
        sums = list(accumulate(hits, initial=0))
        count = len(tokens)
        best_score = -1
        for start in range(0, max(1, count - size + 1), 4):
            score = sums[min(start + size, count)] - sums[start]
            if score > best_score:
                best_start, best_score = start, score
    window = tokens[best_start : best_start + size]
    if hits is None:
        body = _escape_html(" ".join(window))
    else:
        out: list[str] = []
        run: list[str] = []
        for token, hit in zip(window, hits[best_start : best_start + size], strict=False):
            if hit:
                if run:
                    out.append(_escape_html(" ".join(run)))
                    run = []
                out.append(f"<mark>{_escape_html(token)}</mark>")
            else:
                run.append(token)
        if run:
            out.append(_escape_html(" ".join(run)))
        body = " ".join(out)
    prefix = "… " if best_start else ""
    suffix = " …" if best_start + size < len(tokens) else ""
    return mark_safe(prefix + body + suffix)


# --- Suggestions ----------------------------------------------------------------------------


def _vocabulary_sql(user: AnyUser | None) -> tuple[str, list]:
    """The part of the vocabulary `user` may draw suggestions from (words of documents they may see)."""
    visibilities = visibilities_for(user)
    clause = f"visibility IN ({', '.join(['%s'] * len(visibilities))})"
    params: list = [*visibilities]
    audiences = audiences_for(user)
    if audiences is not None:
        clause += f" AND audience IN ({', '.join(['%s'] * (len(audiences) + 1))})"
        params.extend(["", *audiences])
    return clause, params


def _corrected_text(query: ParsedQuery, *, user: AnyUser | None = None) -> str:
    """Replace the words absent from the vocabulary by their closest known word (trigram
    similarity on PostgreSQL, difflib on SQLite). Empty string when nothing changed. Only the
    words of documents `user` may see are candidates."""
    backend = get_backend()
    typed = {w for term in query.terms for w in words(term.raw) if len(w) >= 4}
    if not typed:
        return ""
    scope, scope_params = _vocabulary_sql(user)
    with connection.cursor() as cursor:
        # One round trip to learn which words are known; the fuzzy lookups only for the others.
        cursor.execute(
            f"SELECT word FROM {VOCAB} WHERE word IN ({', '.join(['%s'] * len(typed))}) AND {scope}",
            [*sorted(typed), *scope_params],
        )
        known = {row[0] for row in cursor.fetchall()}
        fixes = {}
        for word in sorted(typed - known):
            close = backend.closest_words(cursor, word, scope=(scope, scope_params))
            if close:
                fixes[word] = close[0]
    if not fixes:
        return ""
    out = []
    for term in query.terms:
        fixed = [fixes.get(w, w) for w in words(term.raw)]
        phrase = " ".join(fixed)
        if len(fixed) > 1 and " " in term.raw.strip():
            phrase = f'"{phrase}"'
        out.append(("-" if term.negated else "") + ("OR " if term.or_previous else "") + phrase)
    return " ".join(out)


def _broader_texts(query: ParsedQuery) -> list[str]:
    """Each word alone, when the query had several: a broader search to try."""
    positives = query.positive
    if len(positives) < 2:
        return []
    return [fold(term.raw) for term in positives[:4]]


def matching_object_ids(*, text: str, user: AnyUser, kind: str, limit: int = 1000) -> list[int] | None:
    """Ids of the objects of `kind` whose document matches `text` for `user`, best first: the text
    search of a list page (questions…), by the same engines and visibility rules as the search page.
    None when the text holds no searchable word (the list is then not filtered by text)."""
    query = parse_query(text)
    if query.is_empty:
        return None
    backend = get_backend()
    where, params = _filter_sql(user, SearchFilters(kind=kind), ())
    matches, match_params = backend.matches(query, where, params, ranked=True)
    sql = (
        f"SELECT d3.object_id FROM ({matches}) m JOIN {DOC} d3 ON d3.id = m.id"
        " ORDER BY m.rank DESC, m.id DESC LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*match_params, limit])
        return [row[0] for row in cursor.fetchall()]
