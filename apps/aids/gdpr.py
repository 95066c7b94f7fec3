"""Personal data of aids: alerts (saved searches), aids and imports made."""

from apps.aids.models import Aid, AidImport, SavedSearch
from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    return {
        "alertes": [
            {
                "nom": s.name,
                "recherche": s.query,
                "territoire": str(s.territory) if s.territory_id else None,
                "bénéficiaire": s.beneficiary,
                "thématique": s.theme.name if s.theme_id else None,
                "créée le": s.created_at.isoformat(),
                "dernier envoi": s.last_sent_at.isoformat() if s.last_sent_at else None,
            }
            for s in SavedSearch.objects.filter(user=user).select_related("territory", "theme").order_by("pk")
        ],
        "aides créées": [a.title for a in Aid.objects.filter(created_by=user).order_by("pk")],
        "imports déposés": AidImport.objects.filter(uploaded_by=user).count(),
    }


def user_erase(*, user) -> None:
    SavedSearch.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Aides",
    models={
        "aids.SavedSearch": "supprimées",
        "aids.Aid": "gardées, sans auteur·e (SET_NULL)",
        "aids.AidImport": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
