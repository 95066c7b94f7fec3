from datetime import timedelta

import factory
from django.utils import timezone

from apps.events.models import Audience, Event, EventKind, EventStatus, Registration, RegistrationStatus
from tests.factories import UserFactory


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Webinaire numéro {n}")
    kind = EventKind.WEBINAR
    status = EventStatus.PUBLISHED
    summary = "Un temps d'échange du réseau."
    description = "Programme **détaillé**."
    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=2))
    online_url = "https://visio.exemple.test/salle"
    audience = Audience.OPEN

    class Params:
        past = factory.Trait(
            start=factory.LazyFunction(lambda: timezone.now() - timedelta(days=10)),
        )
        members_only = factory.Trait(audience=Audience.MEMBERS)
        draft = factory.Trait(status=EventStatus.DRAFT)

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def organisers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organisers.set(extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED


def event_form_data(**extra) -> dict[str, str]:
    """The fields of the event form for a published online peer session, `extra` overriding them."""
    return {
        "title": "Atelier entre pairs",
        "kind": "peer_session",
        "status": "published",
        "start": "2027-03-01T10:00",
        "end": "2027-03-01T12:00",
        "timezone_name": "Europe/Paris",
        "online_url": "https://visio.exemple.test/pairs",
        **extra,
    }
