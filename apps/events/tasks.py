"""Background jobs of the agenda: partner feed imports."""

import logging
import urllib.request

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from apps.core import net
from apps.events.ical import parse_calendar
from apps.events.models import Event, EventKind, EventStatus, PartnerFeed
from apps.search.services import search_index_object

logger = logging.getLogger("maillage")

MAX_BYTES = 5 * 1024 * 1024


def guard(url: str) -> None:
    """Never let the worker fetch the server's own network, unless
    MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE says so (tests, intranet calendars)."""
    net.guard(url, allow_private=getattr(settings, "MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE", False))


_OPENER = net.guarded_opener(guard)


def fetch(url: str) -> bytes:
    guard(url)
    request = urllib.request.Request(url, headers={"User-Agent": "Maillage-agenda/1.0"})
    with _OPENER.open(request, timeout=20) as response:
        return response.read(MAX_BYTES + 1)[:MAX_BYTES]


def partner_feed_import(feed: PartnerFeed) -> int:
    """Upsert the feed's events by UID (de-duplicated); events gone from the feed are removed."""
    try:
        items = parse_calendar(fetch(feed.url))
    except Exception as exc:  # network or parse error: recorded on the feed, shown to animators
        feed.last_error = str(exc)[:1000]
        feed.last_imported_at = timezone.now()
        feed.save(update_fields=["last_error", "last_imported_at"])
        logger.warning("partner feed %s failed: %s", feed.url, exc)
        return 0
    seen = set()
    with transaction.atomic():
        for item in items:
            if item["uid"] in seen:
                continue
            seen.add(item["uid"])
            event, _ = Event.objects.update_or_create(
                source=feed,
                external_uid=item["uid"],
                defaults={
                    "title": item["title"],
                    "description": item["description"],
                    "place_name": item["location"],
                    "external_url": item["url"],
                    "start": item["start"],
                    "end": item["end"],
                    "kind": EventKind.OTHER,
                    "status": EventStatus.CANCELLED if item["cancelled"] else EventStatus.PUBLISHED,
                    "registration_open": False,
                },
            )
            if feed.organisation_id:
                event.organisers.set([feed.organisation_id])
            search_index_object(event)
        from apps.search.services import search_remove_object

        for stale in feed.events.exclude(external_uid__in=seen):
            search_remove_object(stale)
            stale.delete()
        feed.last_error = ""
        feed.last_count = len(seen)
        feed.last_imported_at = timezone.now()
        feed.save(update_fields=["last_error", "last_count", "last_imported_at"])
    return len(seen)


@task()
def partner_feed_import_task(*, feed_id: int):
    feed = PartnerFeed.objects.filter(pk=feed_id, is_active=True).first()
    if feed is not None:
        partner_feed_import(feed)
