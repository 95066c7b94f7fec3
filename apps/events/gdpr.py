"""Personal data of the agenda: registrations (with the consent to share contact details), the
private feed's token, events created, talks given."""

from apps.core.gdpr import PersonalData
from apps.events.models import Event, FeedToken, FollowupItem, PartnerFeed, Registration


def user_export(*, user) -> dict:
    person = getattr(user, "person", None)
    return {
        "inscriptions": [
            {
                "événement": r.event.title,
                "date": r.event.start.isoformat(),
                "statut": r.get_status_display(),
                "accepte de transmettre ses coordonnées aux organisateurs": r.share_contact,
                "présence": r.attended,
                "inscrit·e le": r.created_at.isoformat(),
                "annulée le": r.cancelled_at.isoformat() if r.cancelled_at else None,
                "réponses aux questions d'inscription": {
                    q.label: q.display_answer(r)
                    for q in r.event.registration_questions.all()
                    if q.display_answer(r)
                },
            }
            for r in Registration.objects.filter(user=user)
            .select_related("event")
            .prefetch_related("event__registration_questions")
            .order_by("pk")
        ],
        "jeton de flux privé": bool(FeedToken.objects.filter(user=user).exists()),
        "événements créés": [e.title for e in Event.objects.filter(created_by=user).order_by("pk")],
        "agendas partenaires ajoutés": [f.name for f in PartnerFeed.objects.filter(created_by=user)],
        "replays, liens et photos ajoutés": [
            f"{item.event.title} — {item.title}"
            for item in FollowupItem.objects.filter(created_by=user).select_related("event").order_by("pk")
        ],
        "interventions": [e.title for e in person.speaker_events.order_by("pk")] if person else [],
    }


def user_erase(*, user) -> None:
    # Registrations and the feed token are the person's own: deleted, seats of upcoming events
    # given to the waiting list (no mail to the person being erased).
    from apps.events.services import registrations_erase

    registrations_erase(user=user)
    FeedToken.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    label="Agenda",
    models={
        "events.Registration": "supprimées (places rendues à la liste d'attente)",
        "events.FeedToken": "supprimé",
        "events.Event": "gardés, sans auteur·e (SET_NULL) ; intervenant·e : fiche anonymisée",
        "events.PartnerFeed": "gardés, sans auteur·e (SET_NULL)",
        "events.FollowupItem": "replays, liens et photos gardés avec l'événement, sans auteur·e (SET_NULL)",
    },
    export=user_export,
    erase=user_erase,
)
