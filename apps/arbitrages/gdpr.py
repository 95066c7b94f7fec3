"""Personal data of arbitrages: answers given for a delegation, questionnaires created."""

from apps.arbitrages.models import ArbitrageResponse, ArbitrageResponseRevision, Questionnaire
from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    return {
        "réponses enregistrées": [
            {
                "questionnaire": r.response.questionnaire.title,
                "délégation": r.response.delegation.name,
                "réponses": r.answers,
                "le": r.created_at.isoformat(),
            }
            for r in ArbitrageResponseRevision.objects.filter(created_by=user)
            .select_related("response__questionnaire", "response__delegation")
            .order_by("pk")
        ],
        "dernières réponses modifiées": [
            {"questionnaire": r.questionnaire.title, "délégation": r.delegation.name}
            for r in ArbitrageResponse.objects.filter(updated_by=user).select_related(
                "questionnaire", "delegation"
            )
        ],
        "questionnaires créés": [
            q.title for q in Questionnaire.objects.filter(created_by=user).order_by("pk")
        ],
    }


PERSONAL_DATA = PersonalData(
    label="Arbitrages",
    models={
        "arbitrages.ArbitrageResponse": "gardées (réponse de la délégation), sans la personne (SET_NULL)",
        "arbitrages.ArbitrageResponseRevision": "gardées, sans la personne (SET_NULL)",
        "arbitrages.Questionnaire": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
)
