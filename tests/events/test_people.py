"""Events: address with an itinerary link, map only for a real place, the connection link for
registrants only (page, JSON-LD, iCalendar), no repeated summary, visitors told about members-only events."""

import pytest

from apps.events.models import Audience, RegistrationStatus
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CommuneFactory, PersonFactory, UserFactory
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db

LINK = "https://visio.exemple.test/salle-secrete"


def test_place_with_itinerary_and_map(client):
    commune = CommuneFactory(name="Faverges-Seythenex")
    event = EventFactory(
        place_name="Salle des fêtes",
        address="12 place de la Mairie, 74210 Faverges-Seythenex",
        territory=commune,
        latitude=45.7485,
        longitude=6.2936,
        online_url="",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "12 place de la Mairie" in html
    assert "https://www.openstreetmap.org/directions?route=%3B45.748500%2C6.293600" in html
    assert 'id="organisation-minimap"' in html
    assert "https://www.openstreetmap.org/?mlat=45.748500&amp;mlon=6.293600" in html


def test_no_map_without_a_place(client):
    # An online event of a territory gets the territory's centre as coordinates: no map for that.
    event = EventFactory(territory=CommuneFactory(), place_name="", address="")
    assert event.has_coordinates
    html = client.get(event.get_absolute_url()).content.decode()
    assert 'id="organisation-minimap"' not in html and "Itinéraire" not in html


def test_address_without_coordinates_searches_it():
    event = EventFactory(address="3 rue des Écoles", territory=None, latitude=None, longitude=None)
    assert event.itinerary_url == "https://www.openstreetmap.org/search?query=3+rue+des+%C3%89coles"


def test_online_link_for_registrants_only(client):
    event = EventFactory(online_url=LINK)
    assert LINK not in client.get(event.get_absolute_url()).content.decode()
    assert LINK not in client.get(f"{event.get_absolute_url()}evenement.ics").content.decode()
    member = UserFactory()
    client.force_login(member)
    assert LINK not in client.get(event.get_absolute_url()).content.decode()
    RegistrationFactory(event=event, user=member, status=RegistrationStatus.CONFIRMED)
    assert LINK in client.get(event.get_absolute_url()).content.decode()


def test_summary_not_repeated(client):
    event = EventFactory(
        summary="Une matinée sur les mobilités rurales.",
        description="Une matinée sur les mobilités rurales. Programme : …",
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "<p>Une matinée sur les mobilités rurales.</p>" not in html
    assert "<p>Une matinée sur les mobilités rurales. Programme : …</p>" in html
    other = EventFactory(summary="Court résumé.", description="Programme complet.")
    assert other.shows_summary


def test_visitors_see_how_many_events_are_for_members(client):
    EventFactory(title="Ouvert")
    EventFactory(members_only=True)
    EventFactory(members_only=True)
    EventFactory(audience=Audience.GROUP, audience_group=GroupFactory())  # never counted
    EventFactory(members_only=True, past=True)
    html = client.get("/agenda/").content.decode()
    assert "2 autres événements à venir sont réservés aux membres du réseau" in html
    assert 'href="/compte/inscription/"' in html
    client.force_login(PersonFactory(with_user=True).user)
    assert "réservés aux membres du réseau" not in client.get("/agenda/").content.decode()
