"""Composed reads of the directory: filtered lists, map points, counts. No side effects."""

import hashlib
import json

from django.core.cache import cache
from django.db.models import Count, Exists, ExpressionWrapper, F, FloatField, Func, OuterRef, Prefetch, Q

from apps.core.text import normalize
from apps.directory.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
)
from apps.themes.models import Theme

MAP_CACHE_SECONDS = 120
MAP_CACHE_VERSION = 1


def _name_filter(qs, q: str):
    """Accent- and case-insensitive: every word must appear in the normalised name."""
    for word in normalize(q).split()[:8]:
        qs = qs.filter(search_name__contains=word)
    return qs


def organisations_filtered(qs, filters: dict):
    """Apply the cleaned data of an OrganisationFilterForm (or a subset of it) to `qs`."""
    if filters.get("q"):
        qs = _name_filter(qs, filters["q"])
    if filters.get("type"):
        qs = qs.filter(type=filters["type"])
    if filters.get("region"):
        qs = qs.filter(region=filters["region"])
    if filters.get("departement"):
        qs = qs.filter(departement=filters["departement"])
    if filters.get("theme"):
        qs = qs.filter(themes=filters["theme"])
    if filters.get("categorie"):
        # Exists rather than a join: one row per organisation, whatever the number of people.
        qs = qs.filter(
            Exists(
                Membership.objects.filter(
                    organisation=OuterRef("pk"),
                    person__category=filters["categorie"],
                    person__directory_consent=True,
                    person__is_removed=False,
                )
            )
        )
    return qs


def organisation_list(user, filters: dict):
    """The directory list: visible organisations, filtered, with what the cards need."""
    qs = Organisation.objects.visible_to(user)
    qs = organisations_filtered(qs, filters)
    return qs.select_related("territory").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.only("id", "name", "slug"))
    )


def people_filtered(qs, filters: dict):
    if filters.get("q"):
        qs = _name_filter(qs, filters["q"])
    if filters.get("categorie"):
        qs = qs.filter(category=filters["categorie"])
    if filters.get("theme"):
        qs = qs.filter(themes=filters["theme"])
    if filters.get("ressource"):
        qs = qs.filter(resource_themes=filters["ressource"])
    membership_q = Q()
    if filters.get("type"):
        membership_q &= Q(organisation__type=filters["type"])
    if filters.get("region"):
        membership_q &= Q(organisation__region=filters["region"])
    if membership_q:
        qs = qs.filter(
            Exists(
                Membership.objects.filter(membership_q, person=OuterRef("pk"), organisation__status="active")
            )
        )
    return qs


def person_list(user, filters: dict, *, base=None):
    """People the user may see (consent), filtered, with their organisations prefetched."""
    qs = base if base is not None else Person.objects.visible_to(user)
    qs = people_filtered(qs, filters)
    return qs.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.filter(organisation__status=OrganisationStatus.ACTIVE)
            .select_related("organisation")
            .only("id", "person_id", "function", "is_referent", "organisation__name", "organisation__slug"),
        )
    )


def organisation_people(organisation):
    """Memberships shown on an organisation's page: only people who consented (never removed ones)."""
    return (
        Membership.objects.filter(
            organisation=organisation, person__directory_consent=True, person__is_removed=False
        )
        .select_related("person")
        .order_by("-is_referent", "person__search_name")
    )


# --- Map ----------------------------------------------------------------------------------------


def _filter_key(filters: dict) -> str:
    """A stable key from the cleaned filters (model instances by pk)."""
    flat = {k: getattr(v, "pk", v) for k, v in sorted(filters.items())}
    raw = json.dumps(flat, sort_keys=True, default=str)
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()


MAP_GENERATION_KEY = "directory:map:generation"


def map_cache_generation() -> int:
    """Bumped by services when the map's content changes (see services.map_cache_invalidate)."""
    return cache.get_or_set(MAP_GENERATION_KEY, 1, None)


class _RoundFloat(Func):
    """ROUND(x) on a float, the same on SQLite and PostgreSQL (Django's Round casts floats to
    numeric on PostgreSQL, which is much slower)."""

    function = "ROUND"
    output_field = FloatField()


def _rounded(field: str):
    # Rounded by the database (4 decimals ~ 10 m, plenty for a commune's centre): rounding 70 000
    # floats in Python costs more than the query itself.
    return ExpressionWrapper(_RoundFloat(F(field) * 10000) / 10000.0, output_field=FloatField())


def map_points_json(filters: dict) -> bytes:
    """Compact points of active organisations for the members' map, serialised:
    `{"count": n, "points": [[lat, lon, id], ...]}`.

    The map only shows members of the network (active), so the payload is the same for every
    visitor and is cached, already encoded, by filter key: a cache hit costs no query and no
    serialisation. values_list keeps a miss to one query without model instances."""
    key = f"directory:map:v{MAP_CACHE_VERSION}:{map_cache_generation()}:{_filter_key(filters)}"
    payload = cache.get(key)
    if payload is not None:
        return payload
    qs = organisations_filtered(Organisation.objects.active(), filters).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    points = list(qs.order_by().values_list(_rounded("latitude"), _rounded("longitude"), "pk"))
    payload = json.dumps({"count": len(points), "points": points}, separators=(",", ":")).encode()
    cache.set(key, payload, MAP_CACHE_SECONDS)
    return payload


def map_points(filters: dict) -> dict:
    return json.loads(map_points_json(filters))


def map_counts(filters: dict) -> dict:
    """Counts per région and per département: the map's no-JavaScript alternative."""
    qs = organisations_filtered(Organisation.objects.active(), filters).order_by()
    regions = list(
        qs.filter(region__isnull=False)
        .values("region__code", "region__name")
        .annotate(n=Count("id"))
        .order_by("region__name")
    )
    departements = list(
        qs.filter(departement__isnull=False)
        .values("departement__code", "departement__name", "region__name")
        .annotate(n=Count("id"))
        .order_by("departement__code")
    )
    return {"regions": regions, "departements": departements, "total": qs.count()}


# --- Animation ----------------------------------------------------------------------------------


def pending_join_requests(*, kind=None):
    qs = JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).select_related(
        "organisation", "organisation__territory", "requested_by"
    )
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("created_at")


def animation_figures() -> dict:
    org_counts = dict(Organisation.objects.order_by().values_list("status").annotate(n=Count("id")))
    return {
        "active": org_counts.get(OrganisationStatus.ACTIVE, 0),
        "pending": org_counts.get(OrganisationStatus.PENDING, 0),
        "refused": org_counts.get(OrganisationStatus.REFUSED, 0),
        "people_listed": Person.objects.listed().count(),
        "people_hidden": Person.objects.filter(directory_consent=False, is_removed=False).count(),
        "join_pending": JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count(),
    }


def theme_counts(filters: dict):
    """Active themes with the number of (filtered) member organisations working on each."""
    organisations = organisations_filtered(Organisation.objects.active(), filters).order_by().values("pk")
    return (
        Theme.objects.active()
        .annotate(n=Count("organisations", filter=Q(organisations__in=organisations), distinct=True))
        .only("id", "name", "slug")
    )
