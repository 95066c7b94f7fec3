"""Who may do what with experience reports. Members draft, référents of the organisations involved
and animators review, animators publish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.core import access
from apps.core.files import PrivateFile
from apps.experiences.models import Audience, Experience, State

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.experiences.models import ExperienceAttachment


__all__ = [
    "access_experience",
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


def is_referent_for(user: AnyUser, experience: Experience) -> bool:
    """Référent·e of one of the organisations the experience involves (the one rule of
    accounts.perms.is_referent: a removed directory card is no référent·e)."""
    if not is_member(user):
        return False
    return experience.organisations.filter(
        memberships__person__user=user, memberships__person__is_removed=False, memberships__is_referent=True
    ).exists()


def is_author(user: AnyUser, experience: Experience) -> bool:
    return is_member(user) and experience.author_id == user.pk


def can_create(user: AnyUser) -> bool:
    return is_member(user)


def can_view(user: AnyUser, experience: Experience) -> bool:
    if experience.state == State.PUBLISHED:
        return experience.audience == Audience.PUBLIC or is_member(user)
    if is_animator(user) or is_author(user, experience):
        return True
    return experience.state in (State.SUBMITTED, State.REVIEWED) and is_referent_for(user, experience)


def can_edit(user: AnyUser, experience: Experience) -> bool:
    if is_animator(user):
        return True
    # Once submitted, the text belongs to the reviewers until it is sent back or published.
    return is_author(user, experience) and experience.state == State.DRAFT


def can_submit(user: AnyUser, experience: Experience) -> bool:
    return experience.state == State.DRAFT and (is_author(user, experience) or is_animator(user))


def can_review(user: AnyUser, experience: Experience) -> bool:
    if experience.state != State.SUBMITTED:
        return False
    if is_animator(user):
        return True
    return is_referent_for(user, experience) and not is_author(user, experience)


def can_publish(user: AnyUser, experience: Experience) -> bool:
    return is_animator(user) and experience.state in (State.SUBMITTED, State.REVIEWED)


def can_unpublish(user: AnyUser, experience: Experience) -> bool:
    return is_animator(user) and experience.state == State.PUBLISHED


def can_delete(user: AnyUser, experience: Experience) -> bool:
    return is_animator(user) or (is_author(user, experience) and experience.state == State.DRAFT)


def can_view_history(user: AnyUser, experience: Experience) -> bool:
    return is_animator(user) or is_author(user, experience) or is_referent_for(user, experience)


def can_offer_question(user: AnyUser, experience: Experience) -> bool:
    """ "Ask the network about it" on a published experience: shown to visitors (the question form
    asks them to log in first) and to whoever may ask a question — members, the rule of
    `questions.perms.can_ask`. Experiences sit below questions and do not import them; a test
    keeps the two rules equal."""
    return experience.is_published and (not user.is_authenticated or is_member(user))


def can_manage_attachments(user: AnyUser, experience: Experience) -> bool:
    return can_edit(user, experience)


def can_read_attachment(user: AnyUser, attachment: ExperienceAttachment) -> bool:
    """Whoever may read the experience: a draft's or a members-only report's files are as
    private as its text."""
    return can_view(user, attachment.experience)


FILES = [PrivateFile("experiences.ExperienceAttachment", "file", can_read=can_read_attachment, inline=True)]


def access_experience(user: AnyUser, slug: str) -> Experience:
    """The experience `user` may read: a draft does not exist for others (404; the login page
    for an anonymous visitor)."""
    experience = get_object_or_404(Experience.objects.select_related("territory", "author"), slug=slug)
    access.check(user, can_view(user, experience), "Retour d'expérience introuvable.")
    return experience
