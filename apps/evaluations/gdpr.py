"""Personal data of the evaluation (apps.accounts.services collects these functions)."""

from apps.core.gdpr import PersonalData
from apps.evaluations.exports import _cell
from apps.evaluations.models import EvaluationAnswer, EvaluationInvitation, EvaluationResponse, Survey


def user_export(*, user) -> dict:
    responses = EvaluationResponse.objects.filter(user=user).select_related("survey").order_by("pk")
    answers = (
        EvaluationAnswer.objects.filter(response__in=responses)
        .select_related("question")
        .order_by("question__position")
    )
    by_response: dict[int, list] = {}
    for answer in answers:
        by_response.setdefault(answer.response_id, []).append(
            {"question": answer.question.label, "réponse": _cell(answer.question, answer)}
        )
    return {
        "réponses aux évaluations": [
            {
                "évaluation": response.survey.title,
                "modifiée le": response.updated_at.isoformat(),
                "réponses": by_response.get(response.pk, []),
            }
            for response in responses
        ],
        "évaluations créées": [
            survey.title for survey in Survey.objects.filter(created_by=user).order_by("pk")
        ],
        "invitations": [
            {"évaluation": invitation.survey.title, "invitée le": invitation.invited_at.isoformat()}
            for invitation in EvaluationInvitation.objects.filter(user=user).select_related("survey")
        ],
    }


def user_erase(*, user) -> None:
    # Answers stay in the results (they count in the network's evaluation), without their author:
    # once the account is gone, nothing links them to a person.
    EvaluationResponse.objects.filter(user=user).update(user=None)
    EvaluationResponse.objects.filter(updated_by=user).update(updated_by=None)
    EvaluationInvitation.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Évaluation du réseau",
    models={
        "evaluations.EvaluationResponse": "gardées dans les résultats, sans lien avec la personne",
        "evaluations.EvaluationInvitation": "supprimées",
        "evaluations.Survey": "gardées, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
