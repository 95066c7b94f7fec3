"""Who may use the cockpit. The network's animators (and admins) run the network from here;
the technical /admin/ stays for the operator."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


def can_view_cockpit(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_moderation_queue(user: AnyUser) -> bool:
    return is_animator(user)


def can_export_figures(user: AnyUser) -> bool:
    return is_animator(user)


def can_edit_network_settings(user: AnyUser) -> bool:
    """The network's own administrators: its animation team (not only the technical admin)."""
    return is_animator(user)
