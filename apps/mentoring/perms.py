"""Who may do what with mentoring. Never raises; anonymous users get False."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member
from apps.mentoring.models import Status

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.mentoring.models import Mentorship


def is_listed(user: AnyUser) -> bool:
    person = getattr(user, "person", None) if is_member(user) else None
    return bool(person and person.directory_consent and not person.is_removed)


def can_request_mentoring(user: AnyUser) -> bool:
    return is_member(user)


def can_offer_mentoring(user: AnyUser) -> bool:
    """Mentors are proposed by name: only people who consented to appear in the directory."""
    return is_listed(user)


def can_view_mentorship(user: AnyUser, mentorship: Mentorship) -> bool:
    return is_member(user) and (user.pk in (mentorship.mentee_id, mentorship.mentor_id) or is_animator(user))


def can_answer(user: AnyUser, mentorship: Mentorship) -> bool:
    return is_member(user) and user.pk == mentorship.mentor_id and mentorship.status == Status.REQUESTED


def can_withdraw(user: AnyUser, mentorship: Mentorship) -> bool:
    return is_member(user) and user.pk == mentorship.mentee_id and mentorship.status == Status.REQUESTED


def can_follow(user: AnyUser, mentorship: Mentorship) -> bool:
    """Say whether they could talk, close with a note: the two people of a mentorship in progress."""
    return (
        is_member(user)
        and user.pk in (mentorship.mentee_id, mentorship.mentor_id)
        and mentorship.status == Status.ACCEPTED
    )


def can_see_contacts(user: AnyUser, mentorship: Mentorship) -> bool:
    """E-mail addresses once the mentor accepted, for the pair (and the coordinators)."""
    return can_view_mentorship(user, mentorship) and mentorship.status in (Status.ACCEPTED, Status.CLOSED)


def can_coordinate(user: AnyUser) -> bool:
    return is_animator(user)
