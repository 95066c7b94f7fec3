"""Reads of the agenda."""

from __future__ import annotations

import calendar
from collections import defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, QuerySet

from apps.core.filters import filtered_by
from apps.directory.models import Person
from apps.events.models import Audience, Event, EventStatus, FeedToken, Registration, RegistrationStatus

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


PARIS = ZoneInfo("Europe/Paris")


def agenda(*, user: AnyUser, filters: dict[str, Any], past: bool = False) -> QuerySet[Event]:
    visible = Event.objects.visible_to(user)
    qs: QuerySet[Event] = visible.past().order_by("-start") if past else visible.upcoming().order_by("start")
    if filters.get("q"):
        qs = qs.filter(Q(title__icontains=filters["q"]) | Q(summary__icontains=filters["q"]))
    qs = agenda_filters(qs, filters)
    return qs.select_related("territory", "source").prefetch_related("themes", "organisers").distinct()


def month_grid(
    *, user: AnyUser, year: int, month: int, filters: dict[str, Any]
) -> list[list[dict[str, Any]]]:
    """Weeks (Monday first) of `month`, each day with its events (days in Paris time)."""
    first = datetime.combine(date(year, month, 1), time.min, tzinfo=PARIS)
    nxt = (first + timedelta(days=32)).replace(day=1)
    qs: QuerySet[Event] = (
        Event.objects.visible_to(user).filter(start__lt=nxt, end__gte=first).order_by("start")
    )
    qs = agenda_filters(qs, filters).select_related("source").distinct()
    by_day = defaultdict(list)
    for event in qs:
        day = event.start.astimezone(PARIS).date()
        last = event.end.astimezone(PARIS).date()
        while day <= last:
            by_day[day].append(event)
            day += timedelta(days=1)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [{"date": d, "in_month": d.month == month, "events": by_day.get(d, [])} for d in week]
        for week in weeks
    ]


def agenda_filters(qs: QuerySet[Event], filters: dict[str, Any]) -> QuerySet[Event]:
    qs = filtered_by(qs, filters, {"kind": "kind", "theme": "themes", "region": "region"})
    if filters.get("mode") == "online":
        qs = qs.exclude(online_url="")
    elif filters.get("mode") == "in_person":
        qs = qs.filter(~Q(place_name="") | ~Q(address="") | Q(territory__isnull=False))
    return qs


def speakers() -> QuerySet[Person]:
    """People who spoke at a published event, with their number of events: grows with each event.
    A private group's events are not counted: this directory is public."""
    counted = Q(speaker_events__in=Event.objects.filter(status="published").exclude(audience=Audience.GROUP))
    return (
        Person.objects.filter(counted, is_removed=False)
        .annotate(n_events=Count("speaker_events", filter=counted, distinct=True))
        .prefetch_related("memberships__organisation")
        .order_by("last_name", "first_name")
    )


def seats(event: Event) -> dict:
    counts = dict(
        Registration.objects.filter(event=event)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    confirmed = counts.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "confirmed": confirmed,
        "waiting": counts.get(RegistrationStatus.WAITING, 0),
        "left": None if event.capacity is None else max(event.capacity - confirmed, 0),
    }


def attendance(event: Event) -> dict:
    """Confirmed registrations by recorded attendance: present, absent, not recorded."""
    counts = dict(
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .values_list("attended")
        .annotate(n=Count("pk"))
        .values_list("attended", "n")
    )
    return {"present": counts.get(True, 0), "absent": counts.get(False, 0), "unrecorded": counts.get(None, 0)}


def members_only_upcoming_count(*, user: AnyUser) -> int:
    """For visitors: how many upcoming events are kept for the network's members (the agenda tells
    them and shows how to join). Private groups' events are never counted: they stay secret."""
    from apps.accounts.perms import is_member

    if is_member(user):
        return 0
    return (
        Event.objects.published()
        .upcoming()
        .filter(audience__in=[Audience.MEMBERS, Audience.CATEGORY], status=EventStatus.PUBLISHED)
        .count()
    )


def feed_token_of(*, user: AnyUser) -> FeedToken | None:
    """The secret of `user`'s private feeds, if they created one (read only: a GET never creates it)."""
    if not user.is_authenticated:
        return None
    return FeedToken.objects.filter(user=user).first()
