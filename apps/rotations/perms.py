"""Who may do what with meeting formats. Never raises; anonymous users get False."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.events.perms import can_edit_event

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.events.models import Event


def can_manage_rotations(user: AnyUser, event: Event) -> bool:
    """Table plans are prepared by the people who edit the event (animators, its author, the
    référent·es of its organisers, a group's animators for a group event)."""
    return can_edit_event(user, event) and not event.is_imported
