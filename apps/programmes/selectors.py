"""Reads of programmes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet

from apps.directory.models import Person, PersonCategory
from apps.events.models import Event
from apps.programmes.models import Enrolment

if TYPE_CHECKING:
    from apps.programmes.models import Phase, Programme


def phases_with_sessions(programme: Programme) -> QuerySet[Phase]:
    return programme.phases.prefetch_related(
        Prefetch("events", queryset=Event.objects.order_by("start"))
    ).order_by("position", "pk")


def members_by_category(enrolment: Enrolment) -> list[tuple[str, list]]:
    groups = defaultdict(list)
    for person in enrolment.members.all():
        groups[person.category].append(person)
    return [(label, groups[code]) for code, label in PersonCategory.choices if groups.get(code)]


def delegations(programme: Programme) -> list[dict[str, Any]]:
    enrolments = (
        Enrolment.objects.filter(programme=programme)
        .select_related("organisation", "support")
        .prefetch_related(
            Prefetch("members", queryset=Person.objects.filter(is_removed=False).order_by("last_name"))
        )
        .order_by("label", "organisation__name")
    )
    rows: list[dict[str, Any]] = []
    for enrolment in enrolments:
        support = getattr(enrolment, "support", None)
        counts: defaultdict[str, int] = defaultdict(int)
        for person in enrolment.members.all():
            counts[person.category] += 1
        rows.append(
            {
                "enrolment": enrolment,
                "support": support,
                "counts": [
                    (label, counts[code]) for code, label in PersonCategory.choices if counts.get(code)
                ],
            }
        )
    return rows


def support_totals(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    budget = sum((r["support"].budget_days for r in rows if r["support"]), Decimal(0))
    used = sum((r["support"].used_days for r in rows if r["support"]), Decimal(0))
    return {"budget": budget, "used": used, "progress": int(used * 100 / budget) if budget else 0}
