"""Personal data of consultations: contributions and comments (workshop days: apps.workshops.gdpr)."""

from apps.consultations.models import Consultation, Contribution, ContributionComment
from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    return {
        "contributions": [
            {
                "consultation": c.action.objective.consultation.title,
                "action": c.action.title,
                "organisation": c.organisation.name if c.organisation else c.author_label,
                "texte": c.body,
                "écrite le": c.created_at.isoformat(),
            }
            for c in Contribution.objects.filter(author_user=user)
            .select_related("action__objective__consultation", "organisation")
            .order_by("pk")
        ],
        "commentaires": [
            {"sur": c.contribution.action.title, "texte": c.body, "écrit le": c.created_at.isoformat()}
            for c in ContributionComment.objects.filter(author=user)
            .select_related("contribution__action")
            .order_by("pk")
        ],
        "consultations créées": [c.title for c in Consultation.objects.filter(created_by=user)],
    }


def user_erase(*, user) -> None:
    # Contributions are signed by organisations and comments answer other people: they stay, without
    # the person (SET_NULL).
    Contribution.objects.filter(author_user=user).update(author_user=None)
    ContributionComment.objects.filter(author=user).update(author=None)


PERSONAL_DATA = PersonalData(
    label="Consultations",
    models={
        "consultations.Contribution": "gardées (signées par l'organisation), sans la personne",
        "consultations.ContributionComment": "gardés, anonymisés",
        "consultations.Consultation": "gardées, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
