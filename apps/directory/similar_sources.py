"""What the content apps tell « Qui me ressemble » (apps.directory.selectors_similar), registered from
their `AppConfig.ready()`: the directory sits below them and imports none (docs/architecture.md,
« Sens des dépendances »).

- A *needs* source: themes an organisation needs, as its members' activity shows it
  (apps.questions: the themes of the network questions they asked).
- An *achievements* source: what organisations did, as the reader may see it (apps.experiences:
  published experiences), for « a fait ce que vous envisagez ».

    # apps/experiences/apps.py
    def ready(self):
        from apps.directory.similar_sources import register_achievements
        from apps.experiences.selectors import SIMILAR_ACHIEVEMENTS

        register_achievements(SIMILAR_ACHIEVEMENTS)

Without a source, the ranking uses the declared needs only and no organisation has achievements.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

# Called as source(organisation=…, user=…) -> ids of the themes it needs.
NeedsSource = Callable[..., frozenset[int]]


@dataclass(frozen=True)
class Achievements:
    # (user=…, theme_ids=…) -> (organisation id, theme id) pairs: who did something on those themes.
    themes: Callable[..., Iterable[tuple[int, int]]]
    # (user=…) -> a queryset of `organisation_id` values: the organisations that did anything.
    organisations: Callable[..., QuerySet[Any]]
    # (user=…, organisation_ids=…, theme_ids=…) -> (organisation id, title, url) rows, sorted by
    # organisation then title: examples to show.
    examples: Callable[..., Iterable[tuple[int, str, str]]]


_NEEDS: list[NeedsSource] = []
_ACHIEVEMENTS: list[Achievements] = []


def register_needs_source(source: NeedsSource) -> NeedsSource:
    """Registering twice (a second `ready()` in tests) keeps one entry."""
    if source not in _NEEDS:
        _NEEDS.append(source)
    return source


def register_achievements(achievements: Achievements) -> Achievements:
    if achievements not in _ACHIEVEMENTS:
        _ACHIEVEMENTS.append(achievements)
    return achievements


def needs_sources() -> tuple[NeedsSource, ...]:
    return tuple(_NEEDS)


def achievements_sources() -> tuple[Achievements, ...]:
    return tuple(_ACHIEVEMENTS)
