"""The moderation queue's contract. Each domain app declares, in its own `moderation.py`, the
providers of what waits for a coordinator (join requests, held posts, suggestions…): how many,
which items, which actions — the actions call the app's own services. The cockpit
(`apps.cockpit`) discovers those modules and draws one queue; no domain app imports it, and a new
kind of item plugs in by declaring a provider."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.cache import cache

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser
    from django.db.models import QuerySet

    from apps.core.types import RequestUser

COUNT_CACHE_SECONDS = 60
_GENERATION_KEY = "core:moderation:generation"


@dataclass(frozen=True)
class ModerationAction:
    key: str
    label: str  # a verb: "Accepter", "Masquer"
    reason: str = ""  # "" (no reason), "optional" or "required"
    reason_label: str = "Motif"
    destructive: bool = False  # said so on the confirmation page
    done: str = ""  # past participle for the result message: "acceptée(s)"


@dataclass
class ModerationItem:
    pk: int
    title: str
    url: str
    created_at: datetime.datetime | None
    author: str = ""
    excerpt: str = ""
    context: str = ""  # where it belongs: "Groupe « Élu·es ruraux »"
    actions: tuple[str, ...] = ()  # keys of the actions allowed on this item
    badge: str = ""


class ModerationRefused(Exception):
    """A business rule refused the action on one item; the message is French and shown as is."""


def excerpt(text: str, length: int = 240) -> str:
    """Plain text of a (Markdown) text, cut at `length` characters."""
    from apps.core.markdown import markdown_to_text

    text = " ".join(markdown_to_text(text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def person_label(user: AbstractUser | None) -> str:
    if user is None:
        return "Compte supprimé"
    return user.get_full_name() or user.email


class ModerationProvider:
    """Subclass in a domain app's `moderation.py` and `register()` an instance."""

    key: str = ""
    label: str = ""  # plural title of the kind: "Demandes d'adhésion d'organisations"
    position: int = 100
    actions: tuple[ModerationAction, ...] = ()

    def can_view(self, user: RequestUser) -> bool:
        raise NotImplementedError

    def queryset(self, user: RequestUser) -> QuerySet[Any]:
        """Pending objects `user` may handle, oldest first."""
        raise NotImplementedError

    def count(self, user: RequestUser) -> int:
        return self.queryset(user).count()

    def item(self, obj: Any, user: RequestUser) -> ModerationItem:
        raise NotImplementedError

    def perform(self, *, action: str, obj: Any, by: RequestUser, reason: str) -> None:
        """Apply `action` through the app's services, after checking `by` may. Raise
        ModerationRefused with a French message when a rule refuses it (already handled…)."""
        raise NotImplementedError

    def action(self, key: str) -> ModerationAction | None:
        return next((a for a in self.actions if a.key == key), None)


_PROVIDERS: dict[str, ModerationProvider] = {}


def register(provider: ModerationProvider) -> ModerationProvider:
    if not provider.key:
        raise ValueError("A moderation provider needs a key.")
    _PROVIDERS[provider.key] = provider
    return provider


def providers() -> list[ModerationProvider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.position, p.key))


def provider(key: str) -> ModerationProvider | None:
    return _PROVIDERS.get(key)


def queue_generation() -> int:
    return cache.get(_GENERATION_KEY) or 0


def queue_changed() -> None:
    """Something entered or left the queue: the cached counts (header badge) are recomputed."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def refusal_action(key: str, label: str, *, reason_label: str, done: str) -> ModerationAction:
    """An action that takes something out of view (hide, refuse): destructive, with a required
    reason that the author is told."""
    return ModerationAction(
        key, label, reason="required", reason_label=reason_label, destructive=True, done=done
    )


def item_for(
    obj: Any, *, author: str, text: str, actions: tuple[str, ...], title: str = "", **fields: Any
) -> ModerationItem:
    """The item of a model instance that has a page (`get_absolute_url`) and a `created_at`: its
    own title unless `title` is given, `text` (Markdown) cut as the excerpt."""
    return ModerationItem(
        pk=obj.pk,
        title=title or obj.title,
        url=obj.get_absolute_url(),
        created_at=obj.created_at,
        author=author,
        excerpt=excerpt(text),
        actions=actions,
        **fields,
    )
