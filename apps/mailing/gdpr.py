"""Personal data of the mailing app: the messages sent to a person (one delivery per address), their
letter subscription, their follows, and an address the mail server refused."""

from django.db.models import Count, Q

from apps.core.gdpr import PersonalData
from apps.mailing.models import Delivery, FailedAddress, Kind, Message, SubjectFollow, Subscription


def _deliveries(user):
    return Delivery.objects.filter(Q(user=user) | Q(address__iexact=user.email))


def user_export(*, user) -> dict:
    return {
        "courriels envoyés": [
            {
                "objet": d.message.subject,
                "adresse": d.address,
                "statut": d.get_status_display(),
                "envoyé le": d.sent_at.isoformat() if d.sent_at else None,
            }
            for d in _deliveries(user).select_related("message").order_by("pk")
        ],
        "abonnement à la lettre": [
            {"adresse": s.address, "statut": s.get_status_display(), "depuis": s.created_at.isoformat()}
            for s in Subscription.objects.filter(Q(user=user) | Q(address__iexact=user.email)).order_by("pk")
        ],
        "suivis": [
            {"nature": f.get_kind_display(), "objet": f.object_id, "depuis": f.created_at.isoformat()}
            for f in SubjectFollow.objects.filter(user=user).order_by("pk")
        ],
        "adresse refusée par le serveur de messagerie": [
            f.address for f in FailedAddress.objects.filter(address__iexact=user.email)
        ],
    }


def user_erase(*, user) -> None:
    deliveries = _deliveries(user)
    # A message nobody else received was written for this person (their name, their link, their
    # notifications): it goes with their delivery. Letters and messages to several people stay.
    personal = (
        Message.objects.exclude(kind=Kind.NEWSLETTER)
        .filter(deliveries__in=deliveries)
        .annotate(recipients=Count("deliveries", distinct=True))
        .filter(recipients=1)
        .values_list("pk", flat=True)
    )
    personal_ids = list(personal)
    deliveries.delete()
    Message.objects.filter(pk__in=personal_ids).delete()
    Subscription.objects.filter(Q(user=user) | Q(address__iexact=user.email)).delete()
    SubjectFollow.objects.filter(user=user).delete()
    FailedAddress.objects.filter(address__iexact=user.email).delete()


PERSONAL_DATA = PersonalData(
    label="Courriels et lettre du réseau",
    models={
        "mailing.Delivery": "supprimés (adresse, variables personnelles)",
        "mailing.Message": "messages adressés à la seule personne supprimés ; les autres gardés, "
        "sans auteur·e (SET_NULL)",
        "mailing.Subscription": "supprimés",
        "mailing.SubjectFollow": "supprimés",
        "mailing.Edition": "gardées, sans auteur·e (SET_NULL)",
        "mailing.Announcement": "gardées, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
