"""One pagination for every paginated list: the DSFR component, with first, previous, a window of
numbered pages around the current one, next and last. `{% pagination page_obj %}` in templates
(apps/core/templatetags/maillage.py) for Django's Paginator; `pagination_links` for lists paged
otherwise (the search engine)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WINDOW = 2  # pages shown on each side of the current one


def pagination_links(
    *, current: int, last: int, url_for: Callable[[int], str], label: str = "Pagination", hx_target: str = ""
) -> dict[str, Any]:
    """What templates/includes/pagination.html renders."""
    window = sorted({1, last, *range(max(1, current - WINDOW), min(last, current + WINDOW) + 1)})
    pages: list[dict[str, Any]] = []
    previous = 0
    for number in window:
        if number - previous > 1:
            pages.append({"ellipsis": True})
        pages.append({"number": number, "url": url_for(number), "current": number == current})
        previous = number
    return {
        "show": last > 1,
        "label": label,
        "hx_target": hx_target,
        "current": current,
        "last_number": last,
        "pages": pages,
        "first": url_for(1),
        "previous": url_for(current - 1) if current > 1 else "",
        "next": url_for(current + 1) if current < last else "",
        "last": url_for(last),
    }
