"""Content that existed unpublished (a draft event, a held question) has just become visible: the
domain app that publishes it announces it here, and the apps above it that care (mailing tells the
followers) react, without signals (docs/architecture.md) and without an upward import.

    # apps/mailing/apps.py
    def ready(self):
        from apps.core.published import register_content_published
        from apps.mailing.follows import content_published_notify

        register_content_published(content_published_notify)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

# Called as hook(instance=obj, at=publication time), inside the publishing transaction.
PublishedHook = Callable[..., Any]

_HOOKS: list[PublishedHook] = []


def register_content_published(hook: PublishedHook) -> PublishedHook:
    """Call `hook(instance=…, at=…)` whenever content becomes visible. Registering twice (a second
    `ready()` in tests) keeps one entry."""
    if hook not in _HOOKS:
        _HOOKS.append(hook)
    return hook


def content_published(*, instance: object, at: datetime) -> None:
    """Announce that `instance` became visible at `at`."""
    for hook in list(_HOOKS):
        hook(instance=instance, at=at)
