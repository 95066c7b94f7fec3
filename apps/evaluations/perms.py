"""Who may do what with the members' evaluation. The network's animators build surveys, send them
and read the results; members answer the surveys they are invited to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from apps.accounts.perms import is_animator, is_member

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.evaluations.models import Survey


def can_view_surveys(user: AnyUser) -> bool:
    return is_member(user)


def can_manage_surveys(user: AnyUser) -> bool:
    return is_animator(user)


def can_manage_survey(user: AnyUser, survey: Survey) -> bool:
    return is_animator(user)


def can_edit_questions(user: AnyUser, survey: Survey) -> bool:
    """Questions change only before the first answer: results would mix two questionnaires."""
    return can_manage_survey(user, survey) and not survey.responses.exists()


def can_view_results(user: AnyUser, survey: Survey) -> bool:
    return is_animator(user)


def can_answer(user: AnyUser, survey: Survey) -> bool:
    from apps.evaluations.selectors import in_audience, respondent_organisation

    if not (is_member(user) and survey.is_open and in_audience(survey, user)):
        return False
    return not survey.per_organisation or respondent_organisation(survey, user) is not None


def can_send_invitations(user: AnyUser, survey: Survey) -> bool:
    return can_manage_survey(user, survey) and survey.is_open
