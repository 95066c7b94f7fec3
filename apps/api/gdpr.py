"""Personal data of the API: a person's access tokens (never the secret itself, only its hash is kept)."""

from apps.api.models import ApiToken
from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    return {
        "jetons d'accès": [
            {
                "nom": t.name,
                "début": t.prefix,
                "créé le": t.created_at.isoformat(),
                "dernière utilisation": t.last_used_at.isoformat() if t.last_used_at else None,
                "révoqué le": t.revoked_at.isoformat() if t.revoked_at else None,
            }
            for t in ApiToken.objects.filter(user=user).order_by("pk")
        ]
    }


def user_erase(*, user) -> None:
    ApiToken.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="API",
    models={"api.ApiToken": "supprimés"},
    export=user_export,
    erase=user_erase,
)
