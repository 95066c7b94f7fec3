"""Who may manage the shared taxonomy of themes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


def can_manage_themes(user: AnyUser) -> bool:
    return is_animator(user)
