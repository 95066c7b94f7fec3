"""Fair expert routing, the pure part: given candidates and their load, choose k people.

Kept free of the ORM so that its properties (capacity never exceeded, load spread) can be checked on a
simulated year in memory; `services.question_route` builds the candidates from the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass
class Candidate:
    user_id: int
    theme_id: int
    theme_name: str
    capacity: int  # per calendar month, for this theme
    used_this_month: int  # solicitations this month for this theme
    last_solicited_at: datetime | None  # any theme: fairness is per person
    paused_until: date | None = None
    organisation_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def remaining(self) -> int:
        return self.capacity - self.used_this_month


def eligible(
    candidate: Candidate,
    *,
    today: date,
    asker_id: int | None,
    asker_organisation_ids: frozenset[int],
    already_asked,
) -> bool:
    return (
        candidate.user_id != asker_id
        and candidate.user_id not in already_asked
        and (candidate.paused_until is None or candidate.paused_until < today)
        and candidate.remaining > 0
        and not (candidate.organisation_ids & asker_organisation_ids)
    )


def choose_experts(
    candidates: list[Candidate],
    *,
    k: int,
    today: date,
    asker_id: int | None = None,
    asker_organisation_ids: frozenset[int] = frozenset(),
    already_asked=frozenset(),
) -> list[Candidate]:
    """At most k distinct people, least recently solicited first (never solicited = first of all),
    then the one with the most spare capacity, then a stable tie-break on the id."""
    best: dict[int, Candidate] = {}
    for c in candidates:
        if not eligible(
            c,
            today=today,
            asker_id=asker_id,
            asker_organisation_ids=asker_organisation_ids,
            already_asked=already_asked,
        ):
            continue
        # One person expert in several of the question's themes: keep the theme with most room.
        current = best.get(c.user_id)
        if current is None or c.remaining > current.remaining:
            best[c.user_id] = c
    ordered = sorted(
        best.values(),
        key=lambda c: (
            c.last_solicited_at is not None,
            c.last_solicited_at or datetime.min,
            -c.remaining / c.capacity,
            c.user_id,
        ),
    )
    return ordered[: max(0, k)]


def explain(candidate: Candidate, *, now: datetime) -> str:
    if candidate.last_solicited_at is None:
        last = "jamais sollicité·e auparavant"
    else:
        days = (now - candidate.last_solicited_at).days
        last = (
            "dernière sollicitation aujourd'hui"
            if days == 0
            else f"dernière sollicitation il y a {days} jour{'s' if days > 1 else ''}"
        )
    return (
        f"sollicité·e car expert·e en {candidate.theme_name} ; {last} ; "
        f"{candidate.used_this_month + 1}/{candidate.capacity} sollicitations ce mois-ci"
    )
