"""Personal data in table plans: where a person sat, and their name on the lists."""

from apps.core.gdpr import PersonalData
from apps.rotations.models import Participant, RotationPlan


def user_export(*, user) -> dict:
    return {
        "plans créés": [p.title for p in RotationPlan.objects.filter(created_by=user)],
        "places": _seats(user),
    }


def _seats(user) -> list[dict]:
    return [
        {
            "événement": p.plan.event.title,
            "format": p.plan.title,
            "nom": p.name,
            "organisation": p.organisation_name,
            "tables": [{"tour": s.round, "table": s.table} for s in p.seats.order_by("round")],
        }
        for p in Participant.objects.filter(user=user).select_related("plan", "plan__event")
    ]


def user_erase(*, user) -> None:
    # The seats stay (the other participants' plans must not change), the person does not.
    Participant.objects.filter(user=user).update(
        user=None, name="Personne effacée", email="", organisation=None, organisation_name=""
    )


PERSONAL_DATA = PersonalData(
    label="Plans de tables",
    models={
        "rotations.Participant": "gardées (les plans des autres ne changent pas), anonymisées",
        "rotations.RotationPlan": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
