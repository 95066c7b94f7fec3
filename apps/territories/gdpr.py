"""Personal data of territories: project territories a person created."""

from apps.core.gdpr import PersonalData
from apps.territories.models import Territory


def user_export(*, user) -> dict:
    return {
        "territoires de projet créés": [
            t.name for t in Territory.objects.filter(created_by=user).order_by("pk")
        ]
    }


PERSONAL_DATA = PersonalData(
    label="Territoires",
    models={"territories.Territory": "gardés, sans auteur·e (SET_NULL)"},
    export=user_export,
)
