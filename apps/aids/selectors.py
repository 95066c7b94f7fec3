"""Composed reads of the aid directory: the eligibility search and the territory hierarchy."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, Value, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.aids.models import Aid
from apps.core.french import normalize
from apps.core.related import names_by_owner
from apps.territories.models import KIND_BY_URL_SEGMENT, Kind, Territory

if TYPE_CHECKING:
    import datetime

    from apps.accounts.perms import AnyUser
    from apps.themes.models import Theme


# Territoires de projet may contain EPTs or other projects: walk that many levels up at most.
_MAX_PROJECT_DEPTH = 3

# `niveau:code` prefixes: the French words people type and read (`departement:60`, as in the
# territory pages' URLs), and the stored codes (`department:60`).
_KIND_PREFIXES = {**{kind.value: kind for kind in Kind}, **KIND_BY_URL_SEGMENT}


def territory_containing_ids(territory: Territory) -> set[int]:
    """Ids of every territory that contains `territory`, itself included: its EPCI, département and
    région, plus the EPTs and territoires de projet that contain it or any of those (transitively).

    Computed once per search (2 to 4 small indexed queries) so that the aid query itself is a single
    `perimeter_id IN (...)` on an index, whatever the depth of the hierarchy."""
    ids = {territory.pk}
    for fk in ("epci_id", "departement_id", "region_id"):
        value = getattr(territory, fk)
        if value:
            ids.add(value)
    through = Territory.members.through
    # Projects are defined by their member communes and/or EPCIs (and EPTs, projects...).
    frontier = {territory.pk} | ({territory.epci_id} if territory.epci_id else set())
    for _ in range(_MAX_PROJECT_DEPTH):
        containers = set(
            through.objects.filter(to_territory_id__in=frontier).values_list("from_territory_id", flat=True)
        )
        new = containers - ids
        if not new:
            break
        ids |= new
        frontier = new
    return ids


def territory_from_code(value: str) -> Territory | None:
    """Resolve what a user or an API client typed: an INSEE code ("60159", "2A004"), an EPCI SIREN
    ("200067965"), a département ("60", "2A", "971"), "kind:code" to disambiguate ("region:32"),
    or the exact name of a commune / EPCI / département / région when it is unique.

    Returns None when nothing matches; raises `Territory.MultipleObjectsReturned` when a name is
    ambiguous (the caller asks for the code)."""
    value = (value or "").strip()
    if not value:
        return None
    qs = Territory.objects.filter(is_current=True)
    if ":" in value:
        prefix, code = (part.strip() for part in value.split(":", 1))
        kind = _KIND_PREFIXES.get(prefix.lower())
        if kind is None:
            return None
        return qs.filter(kind=kind, code__iexact=code).first()
    code = value.upper()
    if code.replace("A", "").replace("B", "").isdigit():
        # Most specific first: a 2-digit value is a département before being a région.
        if len(code) == 5:
            order = [Kind.MUNICIPALITY]
        elif len(code) == 9:
            order = [Kind.EPCI, Kind.EPT, Kind.PROJECT]
        else:
            order = [Kind.DEPARTMENT, Kind.REGION]
        for kind in order:
            found = qs.filter(kind=kind, code=code).first()
            if found:
                return found
        return None
    name = normalize(value)
    for kind in (Kind.MUNICIPALITY, Kind.EPCI, Kind.DEPARTMENT, Kind.REGION, Kind.PROJECT, Kind.EPT):
        matches = list(qs.filter(kind=kind, search_name=name)[:2])
        if len(matches) > 1:
            raise Territory.MultipleObjectsReturned(value)
        if matches:
            return matches[0]
    return None


def aid_search(
    *,
    user: AnyUser,
    query: str = "",
    territory: Territory | None = None,
    beneficiary: str = "",
    theme: Theme | None = None,
    kind: str = "",
    include_closed: bool = False,
    sort: str = "cloture",
    today: datetime.date | None = None,
) -> QuerySet[Aid]:
    """The eligibility search. Returns a lazy queryset: callers paginate it.

    - territory: aids whose perimeter contains it (or national aids) — never a neighbour's;
    - beneficiary: aids whose eligible beneficiaries include it;
    - closed aids are hidden unless `include_closed`;
    - sorted by closing date (soonest first, permanent ones last), or by date added, or by title."""
    today = today or timezone.localdate()
    qs = Aid.objects.visible_to(user)
    if territory is not None:
        qs = qs.filter(Q(perimeter__isnull=True) | Q(perimeter_id__in=territory_containing_ids(territory)))
    if beneficiary:
        qs = qs.for_beneficiary(beneficiary)
    if theme is not None:
        qs = qs.filter(themes=theme)
    if kind:
        qs = qs.filter(kind=kind)
    for word in normalize(query).split():
        qs = qs.filter(search_text__contains=word)
    if not include_closed:
        qs = qs.open_on(today)
    if sort == "recentes":
        qs = qs.order_by("-created_at", "-pk")
    elif sort == "titre":
        qs = qs.order_by("title", "pk")
    else:
        # Coalesce, not `nulls_last`: an ORDER BY that no index can serve keeps PostgreSQL on the
        # perimeter index + a top-N sort, instead of walking the close_date index through every aid.
        qs = qs.order_by(Coalesce("close_date", Value(datetime.date.max)), "title", "pk")
    aids: QuerySet[Aid] = qs
    return aids


def with_list_relations(qs: QuerySet[Aid]) -> QuerySet[Aid]:
    """What an aid card shows: perimeter, themes and funders, in three queries whatever the page size."""
    from apps.directory.models import Organisation

    # search_text is only for filtering: never load it (it is as long as the description).
    return (
        qs.defer("search_text")
        .select_related("perimeter")
        .prefetch_related(
            "themes", Prefetch("funders", queryset=Organisation.objects.only("pk", "name", "slug"))
        )
    )


# What an aid card shows (templates/aids/includes/results.html): the list loads these columns only,
# not the description (the longest column of the row) nor the search text.
AID_CARD_FIELDS = (
    "title",
    "slug",
    "kind",
    "status",
    "funders_text",
    "open_date",
    "close_date",
    "recurrence",
    "rate_max",
    "amount_max",
    "withdrawn_at",
    "perimeter",
    "perimeter__kind",
    "perimeter__code",
    "perimeter__name",
    "perimeter__epci_type",  # Territory.label reads it
)


def for_cards(qs: QuerySet[Aid]) -> QuerySet[Aid]:
    """The rows of the aid cards: only their columns and their perimeter (one join). Their funders
    and themes are read as names by `card_names`, without the prefetch machinery."""
    return qs.select_related("perimeter").only(*AID_CARD_FIELDS)


def card_names(aids: list[Aid]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """(funder names, theme names) of each aid of a page, in two queries, in the order the former
    prefetch gave them (organisations by their search name; themes by position, then name)."""
    ids = [aid.pk for aid in aids]
    return (
        names_by_owner(Aid.funders, ids, name="name", order=("search_name", "id")),
        names_by_owner(Aid.themes, ids, name="name", order=("position", "name", "id")),
    )


def aid_page(qs: QuerySet[Aid], number: int, *, per_page: int, strict: bool = False) -> Page[Aid]:
    """A page of `qs` and the total in **one** query (`COUNT(*) OVER ()`), instead of Paginator's
    count query followed by the page query: the eligibility filter runs once.

    Not strict (HTML): a bad number gives page 1, a number past the end the last page. Strict (API):
    they raise PageNotAnInteger / EmptyPage, as `Paginator.page` does."""
    paginator = Paginator(qs, per_page)
    try:
        number = int(number or 1)
        if number < 1:
            raise ValueError
    except (TypeError, ValueError):
        if strict:
            raise PageNotAnInteger("Ce numéro de page n'est pas un entier.") from None
        number = 1
    # Past any possible end (the offset must still fit the database's integers).
    number = min(number, 10**9)
    offset = (number - 1) * per_page
    rows = list(qs.annotate(total_count=Window(Count("pk")))[offset : offset + per_page])
    if rows:
        paginator.__dict__["count"] = rows[0].total_count  # Paginator.count is a cached_property
        return Page(rows, number, paginator)
    total = qs.count()  # nothing on this page: no result at all, or past the end
    paginator.__dict__["count"] = total
    if total == 0 or number == 1:
        return Page([], 1, paginator)
    if strict:
        raise EmptyPage("Cette page ne contient aucun résultat.")
    return paginator.page(paginator.num_pages)
