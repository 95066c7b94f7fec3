"""Who may do what with letters, messages and the sent-messages log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member
from apps.mailing.models import EditionStatus

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.consultations.models import Consultation
    from apps.events.models import Event
    from apps.mailing.models import Edition, Message
    from apps.polls.models import Poll


def can_manage_letters(user: AnyUser) -> bool:
    """Draft, preview, test and send the network's letter: the animators."""
    return is_animator(user)


def can_view_edition(user: AnyUser, edition: Edition) -> bool:
    if can_manage_letters(user):
        return True
    if edition.status != EditionStatus.SENT:
        return False
    return edition.is_public or is_member(user)


def can_view_sent_log(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_message(user: AnyUser, message: Message) -> bool:
    """Animators see every message; an organiser sees those they wrote. A message to the people of a
    private group's event or consultation is that group's content: for its active members only."""
    if message.group_id is not None:
        from apps.groups.perms import is_group_member

        if message.group is None or not is_group_member(user, message.group):
            return False
    return is_animator(user) or (is_member(user) and message.created_by_id == user.pk)


def can_message_event(user: AnyUser, event: Event) -> bool:
    from apps.events import perms as event_perms

    return event_perms.can_manage_participants(user, event)


def can_manage_subscription(user: AnyUser) -> bool:
    return is_member(user)


def can_remind_consultation(user: AnyUser, consultation: Consultation) -> bool:
    from apps.consultations import perms as consultation_perms

    return consultation_perms.can_manage_consultation(user, consultation)


def can_invite_to_poll(user: AnyUser, poll: Poll) -> bool:
    from apps.polls import perms as poll_perms

    return poll_perms.can_manage_poll(user, poll) and not poll.is_closed


def can_manage_announcements(user: AnyUser) -> bool:
    return is_animator(user)


def can_follow(user: AnyUser, kind: str, target: object) -> bool:
    """Start following `target` (the "Suivre" button): members, something that may be followed."""
    from apps.mailing.follows import followable

    return is_member(user) and followable(kind, target, user=user)
