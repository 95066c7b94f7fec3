"""Who may do what with arbitrage questionnaires."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.arbitrages.models import Questionnaire
from apps.core import access

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from apps.accounts.perms import AnyUser
    from apps.directory.models import Organisation


def can_manage_questionnaires(user: AnyUser) -> bool:
    """The programme team: animators send, remind, close and export."""
    return is_animator(user)


def delegations_of(user: AnyUser, questionnaire: Questionnaire) -> QuerySet[Organisation]:
    """The delegations of `questionnaire` that `user` belongs to (through the directory)."""
    from apps.directory.models import Organisation

    if not is_member(user):
        return Organisation.objects.none()
    return questionnaire.delegations.filter(
        memberships__person__user=user, memberships__person__is_removed=False
    ).distinct()


def can_view_questionnaire(user: AnyUser, questionnaire: Questionnaire) -> bool:
    if can_manage_questionnaires(user):
        return True
    return questionnaire.status != "draft" and delegations_of(user, questionnaire).exists()


def can_answer(user: AnyUser, questionnaire: Questionnaire, delegation: Organisation) -> bool:
    """Members of the delegation, until the deadline, while the questionnaire is open."""
    if not questionnaire.accepts_answers:
        return False
    if not questionnaire.delegations.filter(pk=delegation.pk).exists():
        return False
    return delegations_of(user, questionnaire).filter(pk=delegation.pk).exists() or can_manage_questionnaires(
        user
    )


def can_view_recap(user: AnyUser, questionnaire: Questionnaire) -> bool:
    """Every delegation sees the recap across delegations (it is how they coordinate)."""
    return can_view_questionnaire(user, questionnaire)


def access_questionnaire(user: AnyUser, slug: str) -> Questionnaire:
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("programme"), slug=slug)
    access.check(user, can_view_questionnaire(user, questionnaire), "Questionnaire introuvable.")
    return questionnaire
