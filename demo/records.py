"""Typed views of the directory's demo records (demo/data/directory.json).

The JSON holds each record's fields, omitting those left at the defaults below.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Place:
    """Where an organisation is: a commune, an EPCI or a territoire de projet (with its seat)."""

    kind: str  # territories.Kind value: "municipality" | "epci" | "project"
    name: str
    departement: str
    seat: "Place | None" = None  # for "project": the commune used when the project is not in the referential

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Place":
        seat = data.get("seat")
        return cls(data["kind"], data["name"], data["departement"], cls.from_data(seat) if seat else None)


@dataclass(frozen=True)
class Org:
    slug: str
    name: str
    type: str  # directory.OrganisationType value
    place: Place
    description: str
    themes: tuple[str, ...]
    competences: str = ""
    needs: str = ""
    # (EngagementKind, EngagementStage, label, year)
    engagements: tuple[tuple[str, str, str, int | None], ...] = ()
    # False when the organisation is only *located* in the territory without being it (Lomme in
    # Lille): then it must not take the collectivité's SIREN.
    is_territory: bool = True
    # Pending organisations are created as join requests (status kept as the animators leave it).
    pending: bool = False
    motivation: str = ""
    requested_by: str = ""  # email of the (fictional) person who asked

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Org":
        return cls(
            **{
                **data,
                "place": Place.from_data(data["place"]),
                "themes": tuple(data["themes"]),
                "engagements": tuple(tuple(row) for row in data.get("engagements", ())),
            }
        )


@dataclass(frozen=True)
class Person:
    slug: str
    first_name: str
    last_name: str
    category: str  # directory.PersonCategory value
    function: str
    # (organisation slug, function in the organisation, is_referent)
    memberships: tuple[tuple[str, str, bool], ...]
    themes: tuple[str, ...] = ()
    resource_themes: tuple[str, ...] = ()
    competences: str = ""
    bio: str = ""
    visibility: str = "members"  # directory.Visibility value
    consent: bool = True
    phone: str = ""
    login: str = ""  # email of the demo login this person is, if any
    domain: str = ""

    @property
    def email(self) -> str:
        return self.login or f"{self.slug.replace('-', '.', 1)}@{self.domain}"

    @classmethod
    def from_data(cls, data: dict[str, Any], *, domain: str) -> "Person":
        return cls(
            **{
                **data,
                "memberships": tuple(tuple(row) for row in data["memberships"]),
                "themes": tuple(data.get("themes", ())),
                "resource_themes": tuple(data.get("resource_themes", ())),
                "domain": domain,
            }
        )


@dataclass(frozen=True)
class Login:
    role_label: str
    email: str
    role: str  # accounts.Role value
    superuser: bool
    first_name: str
    last_name: str
    try_this: tuple[str, ...] = field(default_factory=tuple)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> "Login":
        return cls(**{**data, "try_this": tuple(data.get("try_this", ()))})
