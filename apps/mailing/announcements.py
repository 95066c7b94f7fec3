"""The announcements a page shows: one cached read of the current ones (shared cache), filtered
per request by audience and page."""

from django.core.cache import cache
from django.utils import timezone

CACHE_KEY = "mailing:announcements:v1"
CACHE_SECONDS = 60


def current() -> list[dict]:
    rows = cache.get(CACHE_KEY)
    if rows is None:
        from apps.mailing.models import Announcement

        now = timezone.now()
        rows = [
            {
                "pk": a.pk,
                "title": a.title,
                "body": a.body,
                "link_url": a.link_url,
                "link_label": a.link_label,
                "audience": a.audience,
                "all_pages": a.all_pages,
                "ends_at": a.ends_at,
            }
            for a in Announcement.objects.current(now).order_by("-starts_at", "-pk")[:5]
        ]
        # Not longer than until the first one ends.
        ends = [r["ends_at"] for r in rows if r["ends_at"]]
        timeout = CACHE_SECONDS
        if ends:
            timeout = max(1, min(timeout, int((min(ends) - now).total_seconds())))
        cache.set(CACHE_KEY, rows, timeout)
    return rows


def forget() -> None:
    cache.delete(CACHE_KEY)


def for_request(request) -> list[dict]:
    user = getattr(request, "user", None)
    member = bool(user and user.is_authenticated)
    home = request.path == "/"
    return [
        row
        for row in current()
        if (row["all_pages"] or home)
        and (row["audience"] == "everyone" or (row["audience"] == "members") == member)
    ]
