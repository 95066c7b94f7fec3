"""Personal data of the resource centre: resources owned, suggested or moderated, collections."""

from apps.core.gdpr import PersonalData
from apps.resources.models import Collection, Resource


def user_export(*, user) -> dict:
    def rows(qs):
        return [
            {"titre": r.title, "statut": r.get_status_display(), "adresse": r.url} for r in qs.order_by("pk")
        ]

    return {
        "ressources suivies": rows(Resource.objects.filter(owner=user)),
        "ressources proposées": rows(Resource.objects.filter(suggested_by=user)),
        "ressources modérées": rows(Resource.objects.filter(moderated_by=user)),
        "blocs créés": [c.title for c in Collection.objects.filter(created_by=user).order_by("pk")],
    }


PERSONAL_DATA = PersonalData(
    label="Ressources",
    models={
        "resources.Resource": "gardées, sans la personne (SET_NULL)",
        "resources.Collection": "gardés, sans auteur·e (SET_NULL)",
    },
    export=user_export,
)
