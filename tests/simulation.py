"""Shared by the year-long routing simulations (questions' experts, mentoring's mentors)."""

from datetime import date, datetime, timedelta


def paused_until(pause: tuple[int, int] | None, *, start: datetime, now: datetime) -> date | None:
    """The end of a drawn pause — (days after `start` it begins, days it lasts) — once it has
    begun by `now`; None before, or without a pause."""
    if pause is None:
        return None
    begin = start.date() + timedelta(days=pause[0])
    return begin + timedelta(days=pause[1]) if begin <= now.date() else None
