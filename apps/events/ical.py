"""iCalendar (RFC 5545) out and in, with the `icalendar` library.

Out: each VEVENT has a stable UID, DTSTAMP, DTSTART/DTEND with the event's TZID (the matching
VTIMEZONE is included) and URL back to its page. In: partner feeds are parsed into plain dicts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from apps.core.markdown import markdown_to_text

PRODID = "-//Maillage//Agenda du réseau//FR"


def site_host() -> str:
    return urlsplit(settings.MAILLAGE_SITE_URL).hostname or "maillage.localhost"


def absolute(url: str) -> str:
    return settings.MAILLAGE_SITE_URL.rstrip("/") + url


def event_uid(event) -> str:
    # Imported events keep their partner's UID so that calendar clients de-duplicate them too.
    return event.external_uid or f"event-{event.pk}@{site_host()}"


def build_calendar(events, *, name: str) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Paris")
    now = timezone.now()
    first = last = None
    for event in events:
        tz = ZoneInfo(event.timezone_name)
        vevent = icalendar.Event()
        vevent.add("uid", event_uid(event))
        vevent.add("dtstamp", now)
        vevent.add("created", event.created_at)
        vevent.add("last-modified", event.updated_at)
        vevent.add("dtstart", event.start.astimezone(tz))
        vevent.add("dtend", event.end.astimezone(tz))
        vevent.add("summary", event.title)
        url = absolute(event.get_absolute_url())
        vevent.add("url", url)
        description = event.summary or markdown_to_text(event.description)[:1000]
        vevent.add("description", f"{description}\n\n{url}".strip())
        # The connection link is for registrants only (shown on the page): feeds are public.
        location = ", ".join(filter(None, [event.place_name, event.address])) or (
            "En ligne (lien donné aux personnes inscrites)" if event.online_url else ""
        )
        if location:
            vevent.add("location", location)
        vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        vevent.add("categories", [event.get_kind_display()])
        cal.add_component(vevent)
        day = event.start.date()
        first = day if first is None or day < first else first
        last = day if last is None or day > last else last
    if first is not None:
        # Transitions only around the events: keeps the VTIMEZONE short.
        cal.add_missing_timezones(first_date=date(first.year - 1, 1, 1), last_date=date(last.year + 2, 1, 1))
    return cal.to_ical()


def _as_aware(value, tzname: str = "Europe/Paris") -> datetime:
    if isinstance(value, datetime):
        if timezone.is_naive(value):
            return value.replace(tzinfo=ZoneInfo(tzname))
        return value
    # All-day event (DATE): midnight in Paris.
    return datetime.combine(value, time(0, 0), tzinfo=ZoneInfo(tzname))


def parse_calendar(data: bytes) -> list[dict]:
    """Events of a partner's calendar, as dicts ready for import. Raises ValueError if unreadable."""
    try:
        cal = icalendar.Calendar.from_ical(data)
    except Exception as exc:  # icalendar raises several types on malformed input
        raise ValueError(f"Flux iCalendar illisible : {exc}") from exc
    items = []
    for component in cal.walk("VEVENT"):
        uid = str(component.get("uid", "")).strip()
        start = component.decoded("dtstart", None)
        if not uid or start is None:
            continue
        end = component.decoded("dtend", None)
        if end is None:
            duration = component.decoded("duration", None)
            end = (
                start + duration
                if duration
                else start + (timedelta(days=1) if not isinstance(start, datetime) else timedelta(hours=1))
            )
        start_dt, end_dt = _as_aware(start), _as_aware(end)
        if end_dt < start_dt:
            end_dt = start_dt
        items.append(
            {
                "uid": uid[:500],
                "title": str(component.get("summary", "Événement sans titre"))[:255],
                "description": str(component.get("description", "")),
                "location": str(component.get("location", ""))[:200],
                "url": str(component.get("url", ""))[:500],
                "start": start_dt,
                "end": end_dt,
                "cancelled": str(component.get("status", "")).upper() == "CANCELLED",
            }
        )
    return items
