"""The search engine, read side: one function, `search_documents`, for every page that searches
(the global search, the experience library, later resources and aids). Two SQL statements per
search whatever the engine: facet counts (with the total) and one ranked page."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from apps.core.french import fold, stem, words
from apps.search import registry
from apps.search.backends import DOC, DOC_THEME, VOCAB, get_backend
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
    headline, headline_params = backend.headline(query)
    order = "rank DESC, date DESC NULLS LAST, id DESC" if ranked else "date DESC NULLS LAST, id DESC"

    def run(page_number: int) -> list[tuple[Any, ...]]:
        offset = (page_number - 1) * results.per_page
        sql = _statement(matches, order, headline, with_facets=with_facets)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match_params, results.per_page, offset, *headline_params])
            rows: list[tuple[Any, ...]] = cursor.fetchall()
            return rows

    rows = run(max(1, min(page, MAX_PAGE)))
    total, facet_rows, hit_rows = _split(rows)
    results.total = total
    results.page = max(1, min(page, results.num_pages))
    if total and not hit_rows and results.page != page:
        # Asked past the last page: show the last one (one more statement, rare).
        total, facet_rows, hit_rows = _split(run(results.page))
    if with_facets:
        results.facets = _label_facets(facet_rows, filters)
    if hit_rows:
        docs = SearchDocument.objects.in_bulk([doc_id for doc_id, _, _ in hit_rows])
        stems = query.all_stems
        results.hits = [
            Hit(document=docs[doc_id], rank=rank or 0, snippet=_snippet(docs[doc_id], extract, stems))
            for doc_id, rank, extract in hit_rows
            if doc_id in docs
        ]

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


def _statement(matches: str, order: str, headline: str, *, with_facets: bool) -> str:
    """One statement per search: the matching set is computed once (a materialised CTE), then
    the page of hits (with their extract), the total and every facet's counts are read from it.
    Rows: (part, value, count or position, rank, extract)."""
    sql = (
        f"WITH m AS MATERIALIZED ({matches}),"
        f" p AS (SELECT id, rank, ROW_NUMBER() OVER (ORDER BY {order}) AS pos FROM m ORDER BY {order}"
        " LIMIT %s OFFSET %s)"
        f" SELECT 'hit', CAST(p.id AS TEXT), p.pos, p.rank, {headline} FROM p JOIN {DOC} d2 ON d2.id = p.id"
        " UNION ALL SELECT 'total', '', COUNT(*), 0.0, NULL FROM m"
    )
    if with_facets:
        sql += (
            " UNION ALL SELECT 'kind', kind, COUNT(*), 0.0, NULL FROM m GROUP BY kind"
            " UNION ALL SELECT 'status', status, COUNT(*), 0.0, NULL FROM m WHERE status <> '' GROUP BY status"
            " UNION ALL SELECT 'region', CAST(region_id AS TEXT), COUNT(*), 0.0, NULL FROM m"
            " WHERE region_id IS NOT NULL GROUP BY region_id"
            " UNION ALL SELECT 'departement', CAST(departement_id AS TEXT), COUNT(*), 0.0, NULL FROM m"
            " WHERE departement_id IS NOT NULL GROUP BY departement_id"
            " UNION ALL SELECT 'population_band', population_band, COUNT(*), 0.0, NULL FROM m"
            " WHERE population_band <> '' GROUP BY population_band"
            f" UNION ALL SELECT 'theme', CAST(t.theme_id AS TEXT), COUNT(*), 0.0, NULL FROM m JOIN {DOC_THEME} t"
            " ON t.document_id = m.id GROUP BY t.theme_id"
        )
    return sql


def _split(rows: list[tuple[Any, ...]]) -> tuple[int, Any, list[tuple[int, float, str]]]:
    """(total, facet counts by facet, hits as (id, rank, extract) in order) from the statement's rows."""
    facets: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    hits = []
    total = 0
    for part, value, count, rank, extract in rows:
        if part == "hit":
            hits.append((count, int(value), rank, extract))
        elif part == "total":
            total = count
        else:
            facets[part].append((value, count))
    hits.sort()
    return total, facets, [(doc_id, rank, extract) for _, doc_id, rank, extract in hits]


def _label_facets(
    raw: dict[str, list[tuple[str, int]]], filters: SearchFilters
) -> dict[str, list[FacetValue]]:
    labels: dict[str, dict[str, str]] = {
        "kind": registry.kind_labels(),
        "status": registry.status_labels(),
        "population_band": dict(PopulationBand.choices),
    }
    territory_ids = {v for name in ("region", "departement") for v, _ in raw[name]}
    labels["region"] = labels["departement"] = _territory_labels(territory_ids)
    themes = _theme_labels({v for v, _ in raw["theme"]})
    labels["theme"] = {pk: name for pk, (name, _) in themes.items()}
    order = {"population_band": list(PopulationBand.values)}
    facets = {}
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


def _territory_labels(ids: set[str]) -> dict[str, str]:
    """Labels of the région and département facets: every région and département is read once per
    generation of filter choices (apps/core/filters.py), not at every search."""
    from apps.core.filters import cached_value
    from apps.territories.models import Kind, Territory

    if not ids:
        return {}

    def build() -> dict[str, str]:
        qs = Territory.objects.filter(kind__in=[Kind.REGION, Kind.DEPARTEMENT]).only(
            "pk", "kind", "name", "code"
        )
        return {str(t.pk): t.label for t in qs}

    known = cached_value("search.facets.territories", build)
    labels = {pk: known[pk] for pk in ids if pk in known}
    missing = [int(pk) for pk in ids if pk not in known]
    if missing:  # another kind of territory, or one loaded since: read it
        qs = Territory.objects.filter(pk__in=missing).only("pk", "kind", "name", "code")
        labels.update({str(t.pk): t.label for t in qs})
    return labels


def _theme_labels(ids: set[str]) -> dict[str, tuple[str, str]]:
    """(name, slug) of the theme facet's values, read once per generation of filter choices."""
    from apps.core.filters import cached_value
    from apps.themes.models import Theme

    if not ids:
        return {}

    def build() -> dict[str, tuple[str, str]]:
        return {str(pk): (name, slug) for pk, name, slug in Theme.objects.values_list("pk", "name", "slug")}

    known = cached_value("search.facets.themes", build)
    labels = {pk: known[pk] for pk in ids if pk in known}
    missing = [int(pk) for pk in ids if pk not in known]
    if missing:
        rows = Theme.objects.filter(pk__in=missing).values_list("pk", "name", "slug")
        labels.update({str(pk): (name, slug) for pk, name, slug in rows})
    return labels


# --- Snippets -------------------------------------------------------------------------------

_SPLIT = re.compile(r"(\s+)")


def _snippet(doc: SearchDocument, headline: str | None, stems: set[str], size: int = 32) -> SafeString:
    """PostgreSQL gives a ts_headline (markers \\x02/\\x03 around hits); otherwise, or when it
    highlighted nothing, the best window of the body is picked here. Always HTML-escaped."""
    if headline and "\x02" in headline:
        parts = [
            escape(p).replace("\x02", "<mark>").replace("\x03", "</mark>") for p in headline.split("\x04")
        ]
        return mark_safe(" … ".join(parts))
    text = doc.body or doc.summary
    tokens = [t for t in _SPLIT.split(text) if t and not t.isspace()]
    if not tokens:
        return mark_safe("")
    hits = [any(stem(w) in stems for w in words(t)) for t in tokens] if stems else [False] * len(tokens)
    best_start, best_score = 0, -1
    for start in range(0, max(1, len(tokens) - size + 1), 4):
        score = sum(hits[start : start + size])
        if score > best_score:
            best_start, best_score = start, score
    window = tokens[best_start : best_start + size]
    out = [f"<mark>{escape(t)}</mark>" if hits[best_start + i] else escape(t) for i, t in enumerate(window)]
    prefix = "… " if best_start else ""
    suffix = " …" if best_start + size < len(tokens) else ""
    return mark_safe(prefix + " ".join(out) + suffix)


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
