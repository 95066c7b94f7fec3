"""Fair solicitation of people who volunteered to help (experts, mentors): the pure part.

Several features ask people of the network for their time — the expert routing of questions
(apps.questions.routing) and mentoring (apps.mentoring) — and both must respect the same promise:
a person's declared capacity is never exceeded, a pause is a pause, nobody is asked on behalf of
their own organisation, nobody is asked twice for the same request, and the load is spread by
asking **the person solicited least recently first** (never solicited = first of all), then the one
with the most spare capacity. Only what "capacity" counts differs (solicitations this month for a
theme, mentorships in progress): each caller computes `capacity` and `used` and hands over objects
that have the attributes below.

No ORM here, so that the properties can be checked on simulated years in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any, Protocol


class Solicitable(Protocol):
    """What the fairness rules need to know about one person's offer of help."""

    user_id: int
    capacity: int
    last_solicited_at: datetime | None
    paused_until: date | None
    organisation_ids: frozenset[int]

    @property
    def remaining(self) -> int: ...


def is_available(
    candidate: Solicitable,
    *,
    today: date,
    asker_id: int | None,
    asker_organisation_ids: Collection[int],
    already_asked: Collection[int],
) -> bool:
    """Never the asker, never twice for one request, never during a pause (the pause ends the day
    after `paused_until`), never beyond capacity, never someone of the asker's organisation."""
    return (
        candidate.user_id != asker_id
        and candidate.user_id not in already_asked
        and (candidate.paused_until is None or candidate.paused_until < today)
        and candidate.remaining > 0
        and not (candidate.organisation_ids & frozenset(asker_organisation_ids))
    )


def fairness_key(candidate: Solicitable) -> tuple:
    """Least recently solicited first (never solicited first of all), then the largest share of
    capacity left, then a stable tie-break on the id."""
    return (
        candidate.last_solicited_at is not None,
        candidate.last_solicited_at or datetime.min,
        -candidate.remaining / candidate.capacity if candidate.capacity else 0,
        candidate.user_id,
    )


def choose_fairly[S: Solicitable](
    candidates: Iterable[S],
    *,
    k: int,
    today: date,
    asker_id: int | None = None,
    asker_organisation_ids: Collection[int] = frozenset(),
    already_asked: Collection[int] = frozenset(),
    priority: Callable[[S], Sequence] | None = None,
) -> list[S]:
    """At most k distinct available people, in fairness order.

    One person may be offered several times (expert in two of the question's themes): the offer
    of the best priority, then with the most room, is kept. `priority`, when given, sorts before fairness (lower first): a
    caller that must prefer some candidates (mentors whose organisation resembles the mentee's)
    keeps fairness *within* each priority level, so that load still spreads among equals."""
    best: dict[int, S] = {}
    for c in candidates:
        if not is_available(
            c,
            today=today,
            asker_id=asker_id,
            asker_organisation_ids=asker_organisation_ids,
            already_asked=already_asked,
        ):
            continue
        current = best.get(c.user_id)
        if current is None or _better(c, current, priority):
            best[c.user_id] = c
    if priority is None:
        ordered = sorted(best.values(), key=fairness_key)
    else:
        ordered = sorted(best.values(), key=lambda c: (tuple(priority(c)), fairness_key(c)))
    return ordered[: max(0, k)]


def _better[S: Solicitable](offer: S, current: S, priority: Callable[[S], Sequence[Any]] | None) -> bool:
    if priority is not None:
        mine, theirs = tuple(priority(offer)), tuple(priority(current))
        if mine != theirs:
            return mine < theirs
    return offer.remaining > current.remaining


def last_solicitation_phrase(last_solicited_at: datetime | None, *, now: datetime) -> str:
    """« jamais sollicité·e auparavant », « dernière sollicitation il y a 41 jours »…"""
    if last_solicited_at is None:
        return "jamais sollicité·e auparavant"
    days = (now - last_solicited_at).days
    if days <= 0:
        return "dernière sollicitation aujourd'hui"
    return f"dernière sollicitation il y a {days} jour{'s' if days > 1 else ''}"
