"""Who may do what with date polls. Polls are for members of the network."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.core import access
from apps.polls.models import Poll

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser


__all__ = ["access_poll", "is_animator", "is_member"]


def can_view_poll(user: AnyUser, poll: Poll | None = None) -> bool:
    return is_member(user)


def can_create_poll(user: AnyUser) -> bool:
    return is_member(user)


def can_manage_poll(user: AnyUser, poll: Poll) -> bool:
    """Close, pick the final option, export, turn into an event: its author and animators."""
    return is_animator(user) or (is_member(user) and poll.created_by_id == user.pk)


def can_answer_poll(user: AnyUser, poll: Poll) -> bool:
    return is_member(user) and poll.is_open


def can_comment_poll(user: AnyUser, poll: Poll) -> bool:
    return is_member(user) and not poll.is_closed


def can_see_answers(user: AnyUser, poll: Poll) -> bool:
    """Who answered what; with hidden answers, others see totals only (and their own line)."""
    return is_member(user) and (not poll.hidden_answers or can_manage_poll(user, poll))


def can_create_event_from_poll(user: AnyUser, poll: Poll) -> bool:
    from apps.events.perms import can_create_event

    return (
        can_manage_poll(user, poll)
        and poll.is_closed
        and poll.final_option_id is not None
        and poll.event_id is None
        and can_create_event(user)
    )


def access_poll(user: AnyUser, slug: str) -> Poll:
    poll = get_object_or_404(Poll.objects.select_related("final_option", "event", "created_by"), slug=slug)
    access.check(user, can_view_poll(user, poll), "Sondage introuvable.")
    return poll
