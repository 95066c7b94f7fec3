"""What the themes page counts per theme, declared by the apps whose content carries themes (the
directory: organisations and people), from their `AppConfig.ready()`. Themes are reference data:
they import none of these apps (docs/architecture.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ThemeCounter:
    label: str  # column header: "Organisations"
    singular: str  # "organisation"
    plural: str  # "organisations"
    list_url: str  # URL name of the list that filters on ?theme=<slug>
    counts: Callable[[], dict[int, int]]  # theme pk -> number of items (one query for all themes)


_COUNTERS: list[ThemeCounter] = []


def register_theme_counter(counter: ThemeCounter) -> None:
    """A second registration under the same label (a second `ready()` in tests) replaces the first."""
    _COUNTERS[:] = [c for c in _COUNTERS if c.label != counter.label]
    _COUNTERS.append(counter)


def theme_counters() -> list[ThemeCounter]:
    return list(_COUNTERS)
