"""Who may do what with territories. The COG itself is read-only (loaded from data); only the
territoires de projet are edited, by the network's animators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator
from apps.territories.models import Kind

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.territories.models import Territory


def can_view_territories(user: AnyUser) -> bool:
    # The territorial reference is public information.
    return True


def can_manage_project_territories(user: AnyUser) -> bool:
    return is_animator(user)


def can_edit_territory(user: AnyUser, territory: Territory) -> bool:
    return territory.kind == Kind.PROJECT and can_manage_project_territories(user)
