"""Writes on territories with side effects: territoires de projet (members, derived population
and coordinates). The COG itself is written by apps.territories.loader."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from apps.accounts.models import User
from apps.territories import geodata
from apps.territories.models import CoordinateSource, Kind, ProjectKind, Territory
from apps.territories.selectors import member_communes

PROJECT_MEMBER_KINDS = (Kind.MUNICIPALITY, Kind.EPCI)


class TerritoryError(Exception):
    """A business rule refused the action; the message is French and shown to the user."""


def _unique_code(name: str, *, exclude_pk: int | None = None) -> str:
    base = (slugify(name) or "territoire")[:32]
    same = Territory.objects.filter(kind=Kind.PROJECT, code__startswith=base)
    if exclude_pk is not None:
        same = same.exclude(pk=exclude_pk)
    taken = set(same.values_list("code", flat=True))
    code, counter = base, 2
    while code in taken:
        code = f"{base}-{counter}"
        counter += 1
    return code


def _check_members(members: Iterable[Territory]) -> list[Territory]:
    members = list(dict.fromkeys(members))
    wrong = [m for m in members if m.kind not in PROJECT_MEMBER_KINDS]
    if wrong:
        raise TerritoryError(
            "Un territoire de projet ne regroupe que des communes et des EPCI : "
            + ", ".join(str(m) for m in wrong)
            + "."
        )
    return members


def project_territory_refresh(*, territory: Territory) -> Territory:
    """Recompute the population and the centroid from the communes the project covers
    (its member communes plus the communes of its member EPCI, each counted once)."""
    communes = list(member_communes(territory).values_list("latitude", "longitude", "population"))
    territory.population = sum(population or 0 for _, _, population in communes) or None
    centre = geodata.weighted_centroid(
        [
            (lat, lon, population or 0)
            for lat, lon, population in communes
            if lat is not None and lon is not None
        ]
    )
    territory.latitude, territory.longitude = centre if centre else (None, None)
    territory.coordinates_source = CoordinateSource.CENTROID if centre else ""
    territory.save(update_fields=["population", "latitude", "longitude", "coordinates_source", "search_name"])
    return territory


@transaction.atomic
def project_territory_create(
    *,
    name: str,
    project_kind: str = ProjectKind.OTHER,
    description: str = "",
    members: Iterable[Territory] = (),
    created_by: User | None = None,
) -> Territory:
    territory = Territory(
        kind=Kind.PROJECT,
        code=_unique_code(name),
        name=name.strip(),
        project_kind=project_kind,
        description=description,
        created_by=created_by,
    )
    members = _check_members(members)
    territory.save()
    territory.members.set(members)
    return project_territory_refresh(territory=territory)


@transaction.atomic
def project_territory_update(
    *,
    territory: Territory,
    name: str,
    project_kind: str,
    description: str = "",
    members: Iterable[Territory] = (),
) -> Territory:
    if territory.kind != Kind.PROJECT:
        raise TerritoryError("Seuls les territoires de projet se modifient ici.")
    members = _check_members(members)
    territory.name = name.strip()
    territory.project_kind = project_kind
    territory.description = description
    territory.save()
    territory.members.set(members)
    return project_territory_refresh(territory=territory)


@transaction.atomic
def project_territory_delete(*, territory: Territory) -> None:
    if territory.kind != Kind.PROJECT:
        raise TerritoryError("Seuls les territoires de projet se suppriment ici.")
    try:
        territory.delete()
    except ProtectedError as exc:
        raise TerritoryError(
            "Ce territoire de projet est encore utilisé (par exemple par des fiches de l'annuaire) : "
            "rattachez-les à un autre territoire avant de le supprimer."
        ) from exc
