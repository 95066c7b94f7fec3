"""Personal data of mentoring: a person's offer and the pairs they are part of."""

from apps.core.gdpr import PersonalData
from apps.mentoring.models import MentorProfile, Mentorship


def user_export(*, user) -> dict:
    profile = MentorProfile.objects.filter(user=user).first()
    return {
        "proposition d'accompagnement": None
        if profile is None
        else {
            "thématiques": [t.name for t in profile.themes.all()],
            "capacité": profile.capacity,
            "pause jusqu'au": profile.paused_until.isoformat() if profile.paused_until else None,
            "ce que je peux partager": profile.offer,
        },
        "parrainages": [
            {
                "rôle": "filleul·e" if m.mentee_id == user.pk else "marraine ou parrain",
                "thématique": m.theme.name,
                "état": m.get_status_display(),
                "objectif": m.goal,
                "note de clôture": m.closing_note,
                "demandé le": m.created_at.isoformat(),
            }
            for m in Mentorship.objects.involving(user).select_related("theme")
        ],
        "parrainages clos par la personne": Mentorship.objects.filter(closed_by=user).count(),
    }


def user_erase(*, user) -> None:
    # A pair names two people: it goes with either of them.
    Mentorship.objects.involving(user).delete()
    MentorProfile.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Parrainages",
    models={
        "mentoring.MentorProfile": "supprimée",
        "mentoring.Mentorship": "supprimés (un binôme nomme deux personnes) ; clôture : SET_NULL",
    },
    export=user_export,
    erase=user_erase,
)
