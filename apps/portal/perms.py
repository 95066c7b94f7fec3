"""Who may see "Mon espace": every signed-in member (it only ever shows their own things and what
they may read anyway)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


def can_view_my_space(user: AnyUser) -> bool:
    return is_member(user)


def can_find_organisation(user: AnyUser) -> bool:
    return is_member(user)
