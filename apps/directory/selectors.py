"""Composed reads of the directory: filtered lists, map points, counts. No side effects."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Substr
from django.urls import reverse

from apps.core.filters import filtered_by
from apps.core.french import normalize
from apps.core.related import names_by_owner
from apps.directory.models import (
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
)
from apps.territories.models import Territory
from apps.themes.models import Theme

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.accounts.perms import AnyUser


MAP_CACHE_SECONDS = 120
MAP_CACHE_VERSION = 1


def _name_filter[M: (Organisation, Person)](qs: QuerySet[M], q: str) -> QuerySet[M]:
    """Accent- and case-insensitive: every word must appear in the normalised name."""
    for word in normalize(q).split()[:8]:
        qs = qs.filter(search_name__contains=word)
    return qs


def organisations_filtered(qs: QuerySet[Organisation], filters: dict[str, Any]) -> QuerySet[Organisation]:
    """Apply the cleaned data of an OrganisationFilterForm (or a subset of it) to `qs`."""
    if filters.get("q"):
        qs = _name_filter(qs, filters["q"])
    qs = filtered_by(
        qs, filters, {"type": "type", "region": "region", "departement": "departement", "theme": "themes"}
    )
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


# What a row of the list shows (templates/directory/includes/organisation_results.html): these
# columns only, never the long texts (competences, needs), and the start of the description, cut
# by the database, for the card's excerpt.
ORGANISATION_ROW_FIELDS = (
    "name",
    "slug",
    "type",
    "status",
    "territory__kind",
    "territory__code",
    "territory__name",
    "territory__epci_type",
)
EXCERPT_CHARS = 400


def organisation_list(user: AnyUser, filters: dict[str, Any]) -> QuerySet[Organisation]:
    """The directory list: visible organisations, filtered, with what the rows show. Ordered by
    name, then id: a stable order, so that no organisation shows on two pages or on none."""
    qs: QuerySet[Organisation] = Organisation.objects.visible_to(user)
    qs = organisations_filtered(qs, filters)
    return (
        qs.select_related("territory")
        .only(*ORGANISATION_ROW_FIELDS)
        .annotate(description_start=Substr("description", 1, EXCERPT_CHARS))
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("id", "name")))
        .order_by("search_name", "pk")
    )


@dataclass(frozen=True, slots=True)
class OrganisationCard:
    """What a card of the directory list shows, computed once in Python: the template reads plain
    attributes instead of resolving a URL, a choice label, a territory label, an excerpt and a theme
    list per card (24 cards a page, issue 16)."""

    url: str
    name: str
    excerpt: str | None  # None without a description (no paragraph)
    type_label: str
    status_label: str  # empty for an active organisation (no badge)
    territory_label: str
    themes: tuple[str, ...]  # the first CARD_THEMES
    more_themes: int  # how many others


CARD_THEMES = 4


def organisation_cards(page: QuerySet[Organisation]) -> list[OrganisationCard]:
    """Cards of a page of `organisation_list` (the same HTML as reading each organisation in the
    template), read as plain values: no Organisation, Territory or Theme objects, no prefetch
    machinery. Two queries, as before: the page's rows, then their themes. One URL is resolved, the
    others are made from it (slugs need no quoting)."""
    rows = list(
        page.prefetch_related(None).values_list(
            "pk", "slug", "name", "type", "status", "description_start", *TERRITORY_LABEL_FIELDS
        )
    )
    if not rows:
        return []
    # In the order of the former prefetch (Theme's ordering: position, then name).
    themes = names_by_owner(
        Organisation.themes, [row[0] for row in rows], name="name", order=("position", "name")
    )
    placeholder = "--slug--"
    url_pattern = reverse("directory:organisation_detail", kwargs={"slug": placeholder})
    types = _choice_labels("type")
    statuses = _choice_labels("status")
    cards = []
    for pk, slug, name, kind, status, start, *territory in rows:
        names = themes[pk]
        cards.append(
            OrganisationCard(
                url=url_pattern.replace(placeholder, slug),
                name=name,
                excerpt=text_excerpt(start, 25, cut=len(start) >= EXCERPT_CHARS) if start else None,
                type_label=types.get(kind, kind),
                status_label="" if status == OrganisationStatus.ACTIVE else statuses.get(status, status),
                territory_label=_territory_label(*territory),
                themes=tuple(names[:CARD_THEMES]),
                more_themes=max(0, len(names) - CARD_THEMES),
            )
        )
    return cards


TERRITORY_LABEL_FIELDS = (
    "territory_id",
    "territory__kind",
    "territory__code",
    "territory__name",
    "territory__epci_type",
)


def _territory_label(pk: int | None, kind: str, code: str, name: str, epci_type: str) -> str:
    """Territory.label of the card's territory, from its values ("" without a territory)."""
    if pk is None:
        return ""
    return Territory(pk=pk, kind=kind, code=code, name=name, epci_type=epci_type).label


def _choice_labels(field: str) -> dict[str, str]:
    """Labels of a choice field of Organisation, as get_FOO_display() gives them."""
    choices = Organisation._meta.get_field(field).flatchoices  # type: ignore[union-attr]  # a concrete field
    return {str(value): str(label) for value, label in choices}


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^>\s]+|[^@>\s]+@[^>\s]+)>")
_HTML_TAG = re.compile(r"<[^>]*>")
_MD_LINE_START = re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.MULTILINE)
_MD_MARKS = re.compile(r"(\*\*|__|\*|~~|`)")
_SPACES = re.compile(r"\s+")


def text_excerpt(markdown: str, words: int = 25, *, cut: bool = False) -> str:
    """The first `words` words of a Markdown text, as plain text (links and images reduced to
    their text, emphasis and HTML removed): what a list row shows, without rendering the
    Markdown (≈ 0.4 ms a row) to throw the HTML away. `cut`: the text is the start of a longer
    one (its last word may be cut)."""
    text = _MD_IMAGE.sub(r"\1", markdown or "")
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _MD_LINE_START.sub("", text)
    text = _MD_MARKS.sub("", text)
    parts = _SPACES.sub(" ", text).strip().split(" ")
    if cut and len(parts) <= words:
        parts.pop()
        return " ".join(parts) + "…"
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def people_filtered(qs: QuerySet[Person], filters: dict[str, Any]) -> QuerySet[Person]:
    if filters.get("q"):
        qs = _name_filter(qs, filters["q"])
    qs = filtered_by(
        qs, filters, {"categorie": "category", "theme": "themes", "ressource": "resource_themes"}
    )
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


def person_list(
    user: AnyUser, filters: dict[str, Any], *, base: QuerySet[Person] | None = None
) -> QuerySet[Person]:
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


def referent_of(*, user_id: int, organisation_id: int | None) -> bool:
    """Is the account référent·e of the organisation (of any one when None)? A removed card is no
    référent·e. Registered as accounts' referent lookup (apps.accounts.perms.is_referent asks it)."""
    memberships = Membership.objects.filter(
        person__user_id=user_id, person__is_removed=False, is_referent=True
    )
    if organisation_id is not None:
        memberships = memberships.filter(organisation_id=organisation_id)
    return memberships.exists()


def own_person(user: User) -> Person | None:
    """The account's own directory card (not a removed one), with its themes."""
    return (
        Person.objects.filter(user_id=user.pk, is_removed=False)
        .prefetch_related("themes", "resource_themes")
        .first()
    )


def organisation_people(organisation: Organisation) -> QuerySet[Membership]:
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
    return int(cache.get_or_set(MAP_GENERATION_KEY, 1, None) or 1)


class _RoundFloat(Func):
    """ROUND(x) on a float, the same on SQLite and PostgreSQL (Django's Round casts floats to
    numeric on PostgreSQL, which is much slower)."""

    function = "ROUND"
    output_field = FloatField()


def _rounded(field: str) -> ExpressionWrapper:
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
    payload: bytes | None = cache.get(key)
    if payload is not None:
        return payload
    qs = organisations_filtered(Organisation.objects.active(), filters).filter(
        latitude__isnull=False, longitude__isnull=False
    )
    points = list(qs.order_by().values_list(_rounded("latitude"), _rounded("longitude"), "pk"))
    payload = json.dumps({"count": len(points), "points": points}, separators=(",", ":")).encode()
    cache.set(key, payload, MAP_CACHE_SECONDS)
    return payload


def map_points(filters: dict[str, Any]) -> dict[str, Any]:
    points: dict[str, Any] = json.loads(map_points_json(filters))
    return points


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


def pending_join_requests(*, kind: str | None = None) -> QuerySet[JoinRequest]:
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


def theme_counts(filters: dict[str, Any]) -> QuerySet[Theme]:
    """Active themes with the number of (filtered) member organisations working on each."""
    organisations = organisations_filtered(Organisation.objects.active(), filters).order_by().values("pk")
    return (
        Theme.objects.active()
        .annotate(n=Count("organisations", filter=Q(organisations__in=organisations), distinct=True))
        .only("id", "name", "slug")
    )


def people_to_invite() -> QuerySet[Person]:
    """Cards imported or added by the network with an address, attached to an organisation that is
    not refused, whose owner has no account and was never invited: who a bulk invitation reaches."""
    from django.db.models import Exists, OuterRef

    from apps.accounts.models import User
    from apps.directory.models import Invitation, Membership, OrganisationStatus, Person

    return (
        Person.objects.filter(user__isnull=True, is_removed=False)
        .exclude(email="")
        .filter(
            Exists(
                Membership.objects.filter(person=OuterRef("pk")).exclude(
                    organisation__status=OrganisationStatus.REFUSED
                )
            )
        )
        .exclude(Exists(Invitation.objects.filter(email__iexact=OuterRef("email"))))
        .exclude(Exists(User.objects.filter(email__iexact=OuterRef("email"))))
        .order_by("search_name", "pk")
    )


def invitation_rows_for(people: Iterable[Person]) -> list[tuple[str, Organisation]]:
    """(address, organisation) for each person: their oldest attachment to a network organisation."""
    from apps.directory.models import Membership, OrganisationStatus

    first: dict[int, tuple[str, Organisation]] = {}
    memberships = (
        Membership.objects.filter(person__in=people)
        .exclude(organisation__status=OrganisationStatus.REFUSED)
        .select_related("organisation", "person")
        .order_by("created_at", "pk")
    )
    for membership in memberships:
        first.setdefault(membership.person_id, (membership.person.email, membership.organisation))
    return list(first.values())


def chip_prefetch(*paths: str) -> list[str]:
    """Lookups for `prefetch_related` so that `{% person_chip %}` runs no query per person:
    `qs.prefetch_related(*chip_prefetch("author", "answers__author"))`. Each path leads to a User."""
    lookups = []
    for path in paths:
        lookups += [f"{path}__person", f"{path}__person__memberships__organisation"]
    return lookups


ORGANISATION_SEARCH_PAGE = 20


def organisation_choices_search(*, query: str, page: int = 1) -> tuple[list[dict], bool]:
    """Active organisations whose name holds every word of `query` (accents and capitals
    ignored), or whose SIREN starts with its digits: one page of {"value", "text", "search"} in
    name order, and whether there are more. Two queries at most, on the (status, search_name) index."""
    words = normalize(query).split()
    if not words:
        return [], False
    organisations = Organisation.objects.active()
    digits = "".join(query.split())
    if digits.isdigit() and len(digits) >= 3:
        organisations = organisations.filter(siren__startswith=digits[:9])
    else:
        for word in words[:6]:
            organisations = organisations.filter(search_name__contains=word)
    start = (max(page, 1) - 1) * ORGANISATION_SEARCH_PAGE
    rows = list(
        organisations.select_related("territory")
        .only("pk", "name", "type", "siren", "territory__name")
        .order_by("search_name", "pk")[start : start + ORGANISATION_SEARCH_PAGE + 1]
    )
    results = []
    for organisation in rows[:ORGANISATION_SEARCH_PAGE]:
        details = [organisation.get_type_display()]
        if organisation.territory is not None:
            details.append(organisation.territory.name)
        results.append(
            {
                "value": str(organisation.pk),
                "text": f"{organisation.name} ({', '.join(details)})",
                # What the widget filters on, beyond the label (it got there by the SIREN).
                "search": organisation.siren,
            }
        )
    return results, len(rows) > ORGANISATION_SEARCH_PAGE
