"""Who may do what with date polls. Polls are for members of the network."""

from apps.accounts.perms import is_animator, is_member

__all__ = ["is_animator", "is_member"]


def can_view_poll(user, poll=None) -> bool:
    return is_member(user)


def can_create_poll(user) -> bool:
    return is_member(user)


def can_manage_poll(user, poll) -> bool:
    """Close, pick the final option, export, turn into an event: its author and animators."""
    return is_animator(user) or (is_member(user) and poll.created_by_id == user.pk)


def can_answer_poll(user, poll) -> bool:
    return is_member(user) and poll.is_open


def can_comment_poll(user, poll) -> bool:
    return is_member(user) and not poll.is_closed


def can_see_answers(user, poll) -> bool:
    """Who answered what; with hidden answers, others see totals only (and their own line)."""
    return is_member(user) and (not poll.hidden_answers or can_manage_poll(user, poll))


def can_create_event_from_poll(user, poll) -> bool:
    from apps.events.perms import can_create_event

    return (
        can_manage_poll(user, poll)
        and poll.is_closed
        and poll.final_option_id is not None
        and poll.event_id is None
        and can_create_event(user)
    )
