"""Who may do what with API tokens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.api.models import ApiToken


def can_manage_tokens(user: AnyUser) -> bool:
    """Members create personal tokens for their own tools (members' data)."""
    return is_member(user)


def can_revoke_token(user: AnyUser, token: ApiToken) -> bool:
    return is_member(user) and token.user_id == user.pk
