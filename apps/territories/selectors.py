"""Reads on territories: the autocomplete and the server-side resolution of a typed territory.

Every lookup is an indexed prefix lookup (on `Territory.search_name`, `Territory.code`,
`Territory.siren` or `TerritoryToken.token`), never a `LIKE '%x%'` scan: on PostgreSQL through
`LIKE 'x%'` with the varchar_pattern_ops indexes, on SQLite through a range `x <= col < x'`
(SQLite's LIKE is case-insensitive and cannot use a plain index).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import connection
from django.db.models import Count, Q, QuerySet

from apps.core.french import normalize
from apps.territories.models import Kind, Territory, TerritoryToken, TokenField

CODE_RE = re.compile(r"^(?:\d|2[ab])[\dab]*$", re.IGNORECASE)
# "Annecy (74)", "Haute-Savoie (74)": the label format of the picker.
LABEL_RE = re.compile(r"^(?P<name>.+?)\s*\((?P<dep>\d[\dab]?\d?)\)\s*$", re.IGNORECASE)
# Abbreviations people type for the commonest French toponyms.
ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
RANK_EXACT, RANK_PREFIX, RANK_CONTAINS = 0, 1, 2


def _prefix(field: str, value: str) -> Q:
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__startswith": value})
    # Byte-wise upper bound: every string starting with `value` sorts before it.
    return Q(**{f"{field}__gte": value, f"{field}__lt": value[:-1] + chr(ord(value[-1]) + 1)})


def _base(kinds: Iterable[str] | None) -> Q:
    query = Q(is_current=True)
    if kinds:
        query &= Q(kind__in=list(kinds))
    return query


def normalize_query(query: str) -> str:
    words = normalize(query).split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def _fetch(query: Q, kinds: Iterable[str] | None, limit: int) -> list[int]:
    # Primary keys only: with the covering indexes of Territory.Meta, a prefix matching 4 000
    # communes ("saint") is sorted by population inside the index, without reading the rows.
    return list(
        Territory.objects.filter(_base(kinds) & query)
        .order_by("-population", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def _token_query(field: str, token: str, *, exact: bool) -> Q:
    tokens = TerritoryToken.objects.filter(field=field)
    tokens = tokens.filter(token=token) if exact else tokens.filter(_prefix("token", token))
    return Q(pk__in=tokens.values("territory_id"))


def territory_autocomplete(
    query: str, *, kinds: Iterable[str] | None = None, limit: int = 10
) -> list[Territory]:
    """Current territories matching `query`, best first.

    Matches: name (accent-insensitive, word prefixes), INSEE code prefix, SIREN, postcode prefix.
    Ranking: exact > prefix > words found inside the name, then population (largest first)."""
    raw = (query or "").strip()
    text = normalize_query(raw)
    if not text:
        return []
    kinds = [kind for kind in (kinds or []) if kind in Kind.values] or None
    restrict = Q()
    if match := LABEL_RE.match(raw):
        # The picker shows "Annecy (74)": typing it back must still find Annecy.
        text = normalize_query(match["name"])
        dep = match["dep"].upper()
        restrict = Q(departement__code=dep) | Q(code=dep)
    sources: list[tuple[int, Q]] = []
    compact = text.replace(" ", "")
    if CODE_RE.match(compact):
        code = compact.upper()
        sources.append((RANK_EXACT, Q(code=code)))
        sources.append((RANK_PREFIX, _prefix("code", code)))
        if len(compact) == 9:
            sources.append((RANK_EXACT, Q(siren=compact)))
        if len(compact) == 5:
            sources.append((RANK_EXACT, _token_query(TokenField.POSTCODE, compact, exact=True)))
        sources.append((RANK_PREFIX, _token_query(TokenField.POSTCODE, compact, exact=False)))
    else:
        sources.append((RANK_EXACT, Q(search_name=text)))
        sources.append((RANK_PREFIX, _prefix("search_name", text)))
        words = text.split()
        # The longest word is the most selective one to look up in the token index.
        anchor = max(words, key=len)
        # Two letters inside a name ("le", "la") match half of France: prefixes only then.
        if len(anchor) >= 3:
            contains = _token_query(TokenField.WORD, anchor, exact=False)
            for word in words:
                if word != anchor:
                    contains &= Q(search_name__startswith=word) | Q(search_name__contains=f" {word}")
            sources.append((RANK_CONTAINS, contains))

    ranks: dict[int, int] = {}
    for rank, source in sources:
        for pk in _fetch(source & restrict, kinds, limit):
            ranks[pk] = min(rank, ranks.get(pk, rank))
    territories = Territory.objects.select_related("departement").in_bulk(list(ranks))
    hits = sorted(territories.values(), key=lambda t: (ranks[t.pk], -(t.population or 0), t.name, t.pk))
    return hits[:limit]


def autocomplete_payload(territory: Territory) -> dict:
    departement = territory.departement.code if territory.departement is not None else None
    if territory.kind == Kind.DEPARTMENT:
        departement = territory.code
    return {
        "id": territory.pk,
        "kind": territory.kind,
        "code": territory.code,
        "label": territory.label,
        "kind_label": territory.get_kind_display(),
        "name": territory.name,
        "population": territory.population,
        "departement": departement,
    }


def territory_resolve(text: str, *, kinds: Iterable[str] | None = None, limit: int = 10) -> list[Territory]:
    """Territories designated by what someone typed without the picker's help.

    Accepts an INSEE code, a SIREN, a postcode, an exact name, or "Name (département)". Returns
    every candidate (at most `limit`): one means resolved, several ambiguous, none unknown."""
    raw = (text or "").strip()
    if not raw:
        return []
    kinds = [kind for kind in (kinds or []) if kind in Kind.values] or None
    base = (
        Territory.objects.filter(_base(kinds)).select_related("departement").order_by("-population", "name")
    )
    compact = raw.replace(" ", "")
    if CODE_RE.match(compact):
        code = compact.upper()
        for query in (Q(code=code), Q(siren=code)):
            found = list(base.filter(query)[:limit])
            if found:
                return found
        return list(base.filter(_token_query(TokenField.POSTCODE, code, exact=True))[:limit])
    if match := LABEL_RE.match(raw):
        name, dep = normalize_query(match["name"]), match["dep"].upper()
        found = list(base.filter(search_name=name).filter(Q(departement__code=dep) | Q(code=dep))[:limit])
        if found:
            return found
    return list(base.filter(search_name=normalize_query(raw))[:limit])


def member_communes(territory: Territory) -> QuerySet[Territory]:
    """Communes of a territory (for pages and centroids), whatever its kind."""
    communes = Territory.objects.filter(kind=Kind.MUNICIPALITY, is_current=True)
    if territory.kind == Kind.REGION:
        return communes.filter(region=territory)
    if territory.kind == Kind.DEPARTMENT:
        return communes.filter(departement=territory)
    if territory.kind == Kind.EPCI:
        return communes.filter(epci=territory)
    if territory.kind in (Kind.EPT, Kind.PROJECT):
        member_ids = territory.members.values("pk")
        return communes.filter(Q(pk__in=member_ids) | Q(epci__in=member_ids)).distinct()
    return communes.none()


def project_territories() -> QuerySet[Territory]:
    """Territoires de projet for the list page, with their number of members."""
    return (
        Territory.objects.filter(kind=Kind.PROJECT)
        .annotate(member_count=Count("members"))
        .order_by("name", "pk")
    )
