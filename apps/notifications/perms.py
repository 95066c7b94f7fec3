from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.notifications.models import Notification


def can_view_notifications(user: AnyUser) -> bool:
    return is_member(user)


def can_open(user: AnyUser, notification: Notification) -> bool:
    return is_member(user) and notification.recipient_id == user.pk
