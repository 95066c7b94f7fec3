from apps.core.gdpr import PersonalData
from apps.notifications.models import Notification, Preference


def user_export(*, user) -> dict:
    return {
        "notifications": [
            {"titre": n.title, "nature": n.kind, "créée": n.created_at.isoformat(), "lue": bool(n.read_at)}
            for n in Notification.objects.filter(recipient=user)
        ],
        "préférences": dict(Preference.objects.filter(user=user).values_list("kind", "frequency")),
    }


def user_erase(*, user) -> None:
    Notification.objects.filter(recipient=user).delete()
    Preference.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Notifications",
    models={"notifications.Notification": "supprimées", "notifications.Preference": "supprimées"},
    export=user_export,
    erase=user_erase,
)
