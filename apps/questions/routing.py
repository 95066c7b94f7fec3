"""Fair expert routing, the pure part: given candidates and their load, choose k people.

The fairness rules themselves (capacity, pause, organisation, least recently solicited first) are
shared with mentoring and live in `apps.core.fairness`; this module only says what an expert's
offer is (one theme, a monthly capacity) and how a solicitation is explained. Kept free of the ORM
so that its properties can be checked on a simulated year in memory; `services.question_route`
builds the candidates from the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from apps.core.fairness import choose_fairly, is_available, last_solicitation_phrase


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


# The shared availability rule, under the name this app has always used.
eligible = is_available


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
    return choose_fairly(
        candidates,
        k=k,
        today=today,
        asker_id=asker_id,
        asker_organisation_ids=asker_organisation_ids,
        already_asked=already_asked,
    )


def explain(candidate: Candidate, *, now: datetime) -> str:
    last = last_solicitation_phrase(candidate.last_solicited_at, now=now)
    return (
        f"sollicité·e car expert·e en {candidate.theme_name} ; {last} ; "
        f"{candidate.used_this_month + 1}/{candidate.capacity} sollicitations ce mois-ci"
    )
