"""Writes of programmes: the programme itself, its phases, delegations, support files and the
accompaniment days logged against them. Keyword-only, data in (never forms)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.db.models import Sum

from apps.core.services import model_save
from apps.programmes.models import Enrolment, Phase, Programme, SupportDay, SupportFile

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.directory.models import Organisation, Person
    from apps.events.models import Event


class ProgrammeError(Exception):
    """A rule refused the change; the message is French and shown as is."""


def _check_dates(start_date: datetime.date | None, end_date: datetime.date | None) -> None:
    if start_date and end_date and end_date < start_date:
        raise ProgrammeError("La fin du parcours ne peut pas précéder son début.")


@transaction.atomic
def programme_save(
    *,
    programme: Programme | None = None,
    title: str,
    summary: str = "",
    description: str = "",
    organiser: Organisation | None = None,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    support_questions: str = "",
) -> Programme:
    """Create a programme (`programme=None`) or update it."""
    _check_dates(start_date, end_date)
    programme = programme or Programme()
    programme.title = title.strip()
    programme.summary = summary.strip()
    programme.description = description
    programme.organiser = organiser
    programme.start_date = start_date
    programme.end_date = end_date
    programme.support_questions = support_questions
    programme.save()
    return programme


@transaction.atomic
def phase_save(
    *,
    programme: Programme,
    phase: Phase | None = None,
    title: str,
    position: int = 0,
    description: str = "",
    events: Iterable[Event] = (),
) -> Phase:
    phase = phase or Phase(programme=programme)
    if phase.programme_id != programme.pk:
        raise ProgrammeError("Cette phase appartient à un autre parcours.")
    phase.title = title.strip()
    phase.position = position
    phase.description = description
    phase.save()
    phase.events.set(events)
    return phase


def phase_delete(*, phase: Phase) -> None:
    """The sessions themselves stay in the agenda: only their grouping goes."""
    phase.delete()


@transaction.atomic
def enrolment_create(*, programme: Programme, organisation: Organisation, label: str = "") -> Enrolment:
    if Enrolment.objects.filter(programme=programme, organisation=organisation).exists():
        raise ProgrammeError(f"« {organisation.name} » est déjà inscrite à ce parcours.")
    enrolment = Enrolment.objects.create(programme=programme, organisation=organisation, label=label.strip())
    enrolment.members.set(
        [m.person for m in organisation.memberships.select_related("person") if not m.person.is_removed]
    )
    return enrolment


@transaction.atomic
def enrolment_update(*, enrolment: Enrolment, label: str, members: Iterable[Person]) -> Enrolment:
    enrolment.label = label.strip()
    enrolment.save(update_fields=["label"])
    enrolment.members.set(members)
    return enrolment


def enrolment_delete(*, enrolment: Enrolment) -> None:
    """Removes the delegation with its support file and logged days (the confirmation says so)."""
    enrolment.delete()


def support_file_get_or_create(*, enrolment: Enrolment) -> SupportFile:
    support, _ = SupportFile.objects.get_or_create(enrolment=enrolment)
    return support


class SupportFileData(TypedDict, total=False):
    subject: str
    expert: str
    budget_days: Decimal
    used_days: Decimal
    status: str
    qualification_note: str


@transaction.atomic
def support_file_update(*, enrolment: Enrolment, data: SupportFileData) -> SupportFile:
    """The delegation's support file (created by its first write). Once days are logged, their
    sum is `used_days`, whatever `data` says."""
    support = support_file_get_or_create(enrolment=enrolment)
    model_save(instance=support, data=dict(data))
    if support.days.exists():
        _recount(support)
    return support


def _recount(support: SupportFile) -> None:
    """Logged days are the truth: `used_days` is their sum."""
    total = support.days.aggregate(total=Sum("days"))["total"] or Decimal(0)
    SupportFile.objects.filter(pk=support.pk).update(used_days=total)
    support.used_days = total


@transaction.atomic
def support_day_add(
    *,
    enrolment: Enrolment,
    date: datetime.date,
    days: Decimal,
    expert: str = "",
    notes: str = "",
    created_by: User | None = None,
) -> SupportDay:
    if days <= 0:
        raise ProgrammeError("La durée doit être positive (par exemple 1 ou 0,5 jour).")
    support = support_file_get_or_create(enrolment=enrolment)
    if not support.days.exists() and support.used_days:
        # Days counted before the log existed are kept as one entry, so that the sum stays right.
        SupportDay.objects.create(
            support=support,
            date=date,
            days=support.used_days,
            notes="Jours consommés avant le suivi journée par journée.",
            created_by=created_by,
        )
    day = SupportDay.objects.create(
        support=support, date=date, days=days, expert=expert.strip(), notes=notes, created_by=created_by
    )
    _recount(support)
    return day


@transaction.atomic
def support_day_delete(*, day: SupportDay) -> None:
    support = day.support
    day.delete()
    _recount(support)
