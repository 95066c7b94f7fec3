"""Personal data of the annual reports: only who created and last edited a report's texts."""

from apps.core.gdpr import PersonalData
from apps.reports.models import AnnualReport


def user_export(*, user) -> dict:
    return {
        "bilans créés": [r.title for r in AnnualReport.objects.filter(created_by=user).order_by("pk")],
        "bilans modifiés en dernier": [
            r.title for r in AnnualReport.objects.filter(updated_by=user).order_by("pk")
        ],
    }


PERSONAL_DATA = PersonalData(
    label="Bilans d'activité",
    models={"reports.AnnualReport": "gardés, sans auteur·e (SET_NULL)"},
    export=user_export,
)
