"""Personal data of programmes: the delegations a person is a member of."""

from apps.core.gdpr import PersonalData


def user_export(*, user) -> dict:
    from apps.programmes.models import SupportDay

    person = getattr(user, "person", None)
    return {
        "journées d'accompagnement saisies": SupportDay.objects.filter(created_by=user).count(),
        "délégations": [
            {"parcours": e.programme.title, "délégation": e.label or e.organisation.name}
            for e in person.delegations.select_related("programme", "organisation").order_by("pk")
        ]
        if person
        else [],
    }


def user_erase(*, user) -> None:
    person = getattr(user, "person", None)
    if person is not None:
        person.delegations.clear()


PERSONAL_DATA = PersonalData(
    label="Parcours",
    models={
        "programmes.Enrolment": "la personne est retirée des délégations",
        "programmes.SupportDay": "gardées, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
