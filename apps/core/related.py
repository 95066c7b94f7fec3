"""Reading a many-to-many as names, for a page of rows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Manager


def names_by_owner(
    field: Any, owner_ids: Iterable[int], *, name: str, order: tuple[str, ...]
) -> dict[int, list[str]]:
    """`{owner id: [names]}` of a many-to-many `field` (e.g. `Aid.themes`) for the rows of a page, in
    one query on its link table, in `order` (the related model's ordering, as a prefetch gives it).
    Lists pages show these names only: no related objects, no prefetch machinery (issue 16)."""
    names: dict[int, list[str]] = {pk: [] for pk in owner_ids}
    if not names:
        return names
    through: Manager[Any] = field.through.objects
    owner = f"{field.field.m2m_field_name()}_id"
    related = field.field.m2m_reverse_field_name()
    links = (
        through.filter(**{f"{owner}__in": list(names)})
        .order_by(*(f"{related}__{column}" for column in order))
        .values_list(owner, f"{related}__{name}")
    )
    for owner_id, value in links:
        names[owner_id].append(value)
    return names
