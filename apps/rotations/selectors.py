"""Reads of meeting-format plans: per-table lists, per-person itineraries. No side effects."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from apps.rotations.models import Participant, RotationPlan, Seat

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.events.models import Event


@dataclass
class Stop:
    round: int
    table: int
    table_label: str
    start: object = None  # aware datetime in the event's time zone, or None
    end: object = None
    host: str = ""
    is_host: bool = False


@dataclass
class TableRound:
    round: int
    table: int
    label: str
    host: Participant | None = None
    people: list[Participant] = field(default_factory=list)
    start: object = None
    end: object = None


@dataclass
class TableSheet:
    table: int
    label: str
    host: Participant | None
    rounds: list[TableRound]


def _seats(plan: RotationPlan) -> list[Seat]:
    return list(
        Seat.objects.filter(plan=plan)
        .select_related("participant")
        .order_by("round", "table", "participant__name")
    )


def _hosts(plan: RotationPlan) -> dict[int, Participant]:
    return {
        p.host_table: p
        for p in plan.participants.exclude(host_table__isnull=True).filter(is_absent=False)
        if p.host_table is not None
    }


def plan_rounds(plan: RotationPlan) -> list[list[TableRound]]:
    """Round by round, table by table: who sits where (hosts first)."""
    grid: dict[int, dict[int, TableRound]] = {}
    for seat in _seats(plan):
        tables = grid.setdefault(seat.round, {})
        cell = tables.get(seat.table)
        if cell is None:
            cell = tables[seat.table] = TableRound(
                seat.round,
                seat.table,
                plan.table_label(seat.table),
                start=plan.round_start(seat.round),
                end=plan.round_end(seat.round),
            )
        if seat.participant.host_table == seat.table:
            cell.host = seat.participant
        cell.people.append(seat.participant)
    rounds = []
    for number in sorted(grid):
        cells = [grid[number][t] for t in sorted(grid[number])]
        for cell in cells:
            cell.people.sort(key=lambda p: (p != cell.host, p.name))
        rounds.append(cells)
    return rounds


def table_sheets(plan: RotationPlan) -> list[TableSheet]:
    """One sheet per table: every round's people, for the table's host or the coordinator."""
    hosts = _hosts(plan)
    by_table: dict[int, list[TableRound]] = {}
    for cells in plan_rounds(plan):
        for cell in cells:
            by_table.setdefault(cell.table, []).append(cell)
    return [
        TableSheet(table=t, label=plan.table_label(t), host=hosts.get(t), rounds=by_table[t])
        for t in sorted(by_table)
    ]


def itineraries(
    plan: RotationPlan, *, participants: Iterable[Participant] | None = None
) -> list[tuple[Participant, list[Stop]]]:
    """For each participant (present ones by default): where to go at each round."""
    hosts = _hosts(plan)
    seats_by_person: dict[int, list[Seat]] = {}
    for seat in Seat.objects.filter(plan=plan).order_by("round"):
        seats_by_person.setdefault(seat.participant_id, []).append(seat)
    if participants is None:
        participants = plan.participants.filter(is_absent=False).order_by("name", "pk")
    result = []
    for participant in participants:
        stops = []
        for seat in seats_by_person.get(participant.pk, []):
            host = hosts.get(seat.table)
            stops.append(
                Stop(
                    round=seat.round,
                    table=seat.table,
                    table_label=plan.table_label(seat.table),
                    start=plan.round_start(seat.round),
                    end=plan.round_end(seat.round),
                    host=host.name if host is not None and host.pk != participant.pk else "",
                    is_host=host is not None and host.pk == participant.pk,
                )
            )
        result.append((participant, stops))
    return result


def my_itineraries(user: AnyUser, event: Event) -> list[tuple[RotationPlan, list[Stop]]]:
    """The published plans of `event` in which `user` takes part, with their itinerary."""
    if not (user and user.is_authenticated):
        return []
    mine = Participant.objects.filter(
        user=user, is_absent=False, plan__event=event, plan__is_published=True
    ).select_related("plan", "plan__event")
    result = []
    for participant in mine:
        stops = itineraries(participant.plan, participants=[participant])[0][1]
        if stops:
            result.append((participant.plan, stops))
    return result
