"""Reads and bulk actions of the moderation queue, over the providers the domain apps declare
(apps.core.moderation). No provider is named here: a new kind plugs in by declaring one."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import transaction

from apps.core import moderation
from apps.core.moderation import ModerationProvider, ModerationRefused

logger = logging.getLogger("maillage")


def visible_providers(user) -> list[ModerationProvider]:
    return [p for p in moderation.providers() if p.can_view(user)]


def counts(user) -> list[tuple[ModerationProvider, int]]:
    return [(provider, provider.count(user)) for provider in visible_providers(user)]


def cached_total(user) -> int:
    """The header badge: every provider's count, cached briefly per person. Entries are dropped
    as soon as something enters or leaves the queue (moderation.queue_changed)."""
    key = f"cockpit:queue-total:{user.pk}:{moderation.queue_generation()}"
    total = cache.get(key)
    if total is None:
        total = queue_total(user)
        cache.set(key, total, moderation.COUNT_CACHE_SECONDS)
    return total


def queue_total(user) -> int:
    """Every provider's count in one query: a UNION ALL of their pending items' keys."""
    querysets = [provider.queryset(user).order_by().values_list("pk") for provider in visible_providers(user)]
    if not querysets:
        return 0
    first, *others = querysets
    return first.union(*others, all=True).count() if others else first.count()


@dataclass
class BulkResult:
    done: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    gone: int = 0


def pending_objects(provider: ModerationProvider, user, ids: list[int]):
    """The selected items that still wait and that `user` may handle (others were handled)."""
    return list(provider.queryset(user).filter(pk__in=ids))


def bulk_perform(*, provider: ModerationProvider, action: str, ids: list[int], by, reason: str) -> BulkResult:
    """Apply `action` to each selected item through the provider (the app's services), each in
    its own transaction: one refusal does not undo the others."""
    result = BulkResult()
    objects = pending_objects(provider, by, ids)
    result.gone = len(set(ids)) - len(objects)
    for obj in objects:
        title = provider.item(obj, by).title
        try:
            with transaction.atomic():
                provider.perform(action=action, obj=obj, by=by, reason=reason)
        except ModerationRefused as refusal:
            result.refused.append(str(refusal))
        else:
            result.done.append(title)
    moderation.queue_changed()
    return result
