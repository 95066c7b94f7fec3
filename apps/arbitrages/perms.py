"""Who may do what with arbitrage questionnaires."""

from apps.accounts.perms import is_animator, is_member


def can_manage_questionnaires(user) -> bool:
    """The programme team: animators send, remind, close and export."""
    return is_animator(user)


def delegations_of(user, questionnaire):
    """The delegations of `questionnaire` that `user` belongs to (through the directory)."""
    from apps.directory.models import Organisation

    if not is_member(user):
        return Organisation.objects.none()
    return questionnaire.delegations.filter(
        memberships__person__user=user, memberships__person__is_removed=False
    ).distinct()


def can_view_questionnaire(user, questionnaire) -> bool:
    if can_manage_questionnaires(user):
        return True
    return questionnaire.status != "draft" and delegations_of(user, questionnaire).exists()


def can_answer(user, questionnaire, delegation) -> bool:
    """Members of the delegation, until the deadline, while the questionnaire is open."""
    if not questionnaire.accepts_answers:
        return False
    if not questionnaire.delegations.filter(pk=delegation.pk).exists():
        return False
    return delegations_of(user, questionnaire).filter(pk=delegation.pk).exists() or can_manage_questionnaires(
        user
    )


def can_view_recap(user, questionnaire) -> bool:
    """Every delegation sees the recap across delegations (it is how they coordinate)."""
    return can_view_questionnaire(user, questionnaire)
