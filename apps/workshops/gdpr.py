"""Personal data of workshop days: dot votes, the participant rows made from a person's event
registration, and who created a day or an import."""

from apps.core.gdpr import PersonalData
from apps.workshops.models import WorkshopDay, WorkshopImportBatch, WorkshopParticipant, WorkshopVote

ANONYMOUS = "Participant·e (données effacées)"


def user_export(*, user) -> dict:
    return {
        "gommettes d'atelier": [
            {"atelier": v.initiative.atelier.title, "initiative": v.initiative.title}
            for v in WorkshopVote.objects.filter(user=user)
            .select_related("initiative__atelier")
            .order_by("pk")
        ],
        "présence aux journées d'ateliers": [
            {
                "journée": p.day.title,
                "nom": p.name,
                "catégorie": p.get_category_display(),
                "organisation": p.organisation_label,
            }
            for p in WorkshopParticipant.objects.filter(registration__user=user).select_related(
                "day", "organisation"
            )
        ],
        "journées d'ateliers créées": [d.title for d in WorkshopDay.objects.filter(created_by=user)],
        "imports faits": [b.source for b in WorkshopImportBatch.objects.filter(created_by=user)],
    }


def user_erase(*, user) -> None:
    # Votes stay, anonymous: a workshop's results must not change. A participant row made from the
    # person's registration loses the name (the day's counts by category and organisation stay true).
    WorkshopVote.objects.filter(user=user).update(user=None)
    WorkshopParticipant.objects.filter(registration__user=user).update(name=ANONYMOUS, registration=None)


PERSONAL_DATA = PersonalData(
    label="Journées d'ateliers",
    models={
        "workshops.WorkshopVote": "gardées, anonymisées (les résultats ne changent pas)",
        "workshops.WorkshopDay": "gardées, sans auteur·e (SET_NULL)",
        "workshops.WorkshopImportBatch": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
