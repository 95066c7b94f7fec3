"""Who may do what with experience reports. Members draft, référents of the organisations involved
and animators review, animators publish."""

from apps.accounts.perms import is_animator, is_member
from apps.experiences.models import Audience, State

__all__ = [
    "can_create",
    "can_delete",
    "can_edit",
    "can_publish",
    "can_review",
    "can_submit",
    "can_unpublish",
    "can_view",
    "can_view_history",
    "is_animator",
    "is_member",
]


def is_referent_for(user, experience) -> bool:
    """Référent·e of one of the organisations the experience involves."""
    if not is_member(user):
        return False
    return experience.organisations.filter(
        memberships__person__user=user, memberships__is_referent=True
    ).exists()


def is_author(user, experience) -> bool:
    return is_member(user) and experience.author_id == user.pk


def can_create(user) -> bool:
    return is_member(user)


def can_view(user, experience) -> bool:
    if experience.state == State.PUBLISHED:
        return experience.audience == Audience.PUBLIC or is_member(user)
    if is_animator(user) or is_author(user, experience):
        return True
    return experience.state in (State.SUBMITTED, State.REVIEWED) and is_referent_for(user, experience)


def can_edit(user, experience) -> bool:
    if is_animator(user):
        return True
    # Once submitted, the text belongs to the reviewers until it is sent back or published.
    return is_author(user, experience) and experience.state == State.DRAFT


def can_submit(user, experience) -> bool:
    return experience.state == State.DRAFT and (is_author(user, experience) or is_animator(user))


def can_review(user, experience) -> bool:
    if experience.state != State.SUBMITTED:
        return False
    if is_animator(user):
        return True
    return is_referent_for(user, experience) and not is_author(user, experience)


def can_publish(user, experience) -> bool:
    return is_animator(user) and experience.state in (State.SUBMITTED, State.REVIEWED)


def can_unpublish(user, experience) -> bool:
    return is_animator(user) and experience.state == State.PUBLISHED


def can_delete(user, experience) -> bool:
    return is_animator(user) or (is_author(user, experience) and experience.state == State.DRAFT)


def can_view_history(user, experience) -> bool:
    return is_animator(user) or is_author(user, experience) or is_referent_for(user, experience)


def can_manage_attachments(user, experience) -> bool:
    return can_edit(user, experience)
