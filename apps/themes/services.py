"""Writes on the taxonomy of themes. Themes are never deleted here: content points to them, so
"supprimer" deactivates (hidden from forms and filters, kept on existing content)."""

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from apps.core.filters import filter_choices_changed
from apps.themes.models import Theme


@transaction.atomic
def theme_create(*, name: str, description: str = "", is_active: bool = True) -> Theme:
    last = Theme.objects.aggregate(m=Max("position"))["m"]
    theme = Theme.objects.create(
        name=name,
        slug=slugify(name)[:120],
        description=description,
        is_active=is_active,
        position=(last or 0) + 1,
    )
    # The lists' theme filters offer it (apps/core/filters.py), once committed.
    transaction.on_commit(filter_choices_changed)
    return theme


def theme_update(*, theme: Theme, name: str, description: str, is_active: bool) -> Theme:
    # The slug stays: it is in bookmarked filter URLs (?theme=energie).
    theme.name = name
    theme.description = description
    theme.is_active = is_active
    theme.save(update_fields=["name", "description", "is_active"])
    transaction.on_commit(filter_choices_changed)
    return theme


def theme_deactivate(*, theme: Theme) -> Theme:
    theme.is_active = False
    theme.save(update_fields=["is_active"])
    transaction.on_commit(filter_choices_changed)
    return theme


@transaction.atomic
def theme_move(*, theme: Theme, offset: int) -> None:
    """Move a theme up (-1) or down (+1). Positions are renumbered first, since themes loaded by a
    data migration or created elsewhere may share the same position."""
    themes = list(Theme.objects.select_for_update(of=("self",)).order_by("position", "name"))
    index = next(i for i, t in enumerate(themes) if t.pk == theme.pk)
    target = index + offset
    if 0 <= target < len(themes):
        themes[index], themes[target] = themes[target], themes[index]
    for position, item in enumerate(themes, start=1):
        if item.position != position:
            item.position = position
    Theme.objects.bulk_update(themes, ["position"])
    transaction.on_commit(filter_choices_changed)
