"""Personal data of experience reports: texts written, versions, files, reviews."""

from apps.core.gdpr import PersonalData
from apps.experiences.models import Experience, ExperienceAttachment, ExperienceVersion


def user_export(*, user) -> dict:
    person = getattr(user, "person", None)
    return {
        "retours d'expérience écrits": [
            {
                "titre": e.title,
                "état": e.get_state_display(),
                "résumé": e.summary,
                "adresse": e.get_absolute_url(),
            }
            for e in Experience.objects.filter(author=user).order_by("pk")
        ],
        "versions enregistrées": [
            {"retour d'expérience": v.experience.title, "version": v.number, "note": v.note}
            for v in ExperienceVersion.objects.filter(author=user).select_related("experience").order_by("pk")
        ],
        "fichiers déposés": [
            {"retour d'expérience": a.experience.title, "titre": a.title}
            for a in ExperienceAttachment.objects.filter(uploaded_by=user)
            .select_related("experience")
            .order_by("pk")
        ],
        "relectures": [e.title for e in Experience.objects.filter(reviewed_by=user).order_by("pk")],
        "cité·e dans": [e.title for e in person.experiences.order_by("pk")] if person else [],
    }


def user_erase(*, user) -> None:
    # Published reports are shared knowledge of the network: they stay, without their author
    # (SET_NULL on the account's deletion); the directory card is anonymised by accounts.
    pass


PERSONAL_DATA = PersonalData(
    label="Retours d'expérience",
    models={
        "experiences.Experience": "gardés, sans auteur·e ni relecteur·rice (SET_NULL) ; personnes citées : fiche anonymisée",
        "experiences.ExperienceVersion": "gardées, sans auteur·e (SET_NULL)",
        "experiences.ExperienceAttachment": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
