import json
import re
import threading
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.events import perms
from apps.events.models import Event, FeedToken, PartnerFeed, Registration
from tests.events.factories import EventFactory, RegistrationFactory, event_form_data
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def make(role):
    if role == "anonymous":
        from django.contrib.auth.models import AnonymousUser

        return AnonymousUser()
    if role == "animator":
        return UserFactory(animator=True)
    user = UserFactory()
    if role == "referent":
        person = PersonFactory(user=user)
        MembershipFactory(person=person, referent=True)
    return user


@pytest.mark.parametrize(
    ("role", "create", "edit", "view_members", "register", "feeds"),
    [
        ("anonymous", False, False, False, False, False),
        ("member", False, False, True, True, False),
        ("referent", True, False, True, True, False),
        ("animator", True, True, True, True, True),
    ],
)
def test_permission_matrix(role, create, edit, view_members, register, feeds):
    user = make(role)
    event = EventFactory(members_only=True)
    assert perms.can_create_event(user) is create
    assert perms.can_edit_event(user, event) is edit
    assert perms.can_view_event(user, event) is view_members
    assert perms.can_register(user, event) is register
    assert perms.can_manage_partner_feeds(user) is feeds
    assert perms.can_view_event(user, EventFactory()) is True
    assert perms.can_view_event(user, EventFactory(draft=True)) is edit


def test_referent_edits_events_of_their_organisation():
    user = UserFactory()
    org = OrganisationFactory()
    MembershipFactory(person=PersonFactory(user=user), organisation=org, referent=True)
    assert perms.can_edit_event(user, EventFactory(organisers=[org]))
    assert not perms.can_edit_event(user, EventFactory())


def test_category_audience():
    elu = UserFactory()
    PersonFactory(user=elu, elu=True)
    agent = UserFactory()
    PersonFactory(user=agent)
    event = EventFactory(audience="category", audience_category="elected")
    assert perms.can_view_event(elu, event) and not perms.can_view_event(agent, event)
    assert list(Event.objects.visible_to(elu)) == [event]
    assert list(Event.objects.visible_to(agent)) == []


def test_agenda_list_filters_and_query_count(client, django_assert_max_num_queries):
    EventFactory.create_batch(25)
    EventFactory(title="Visite passée", past=True, kind="site_visit")
    EventFactory(title="Réservé aux membres", members_only=True)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("events:agenda"))
    assert response.status_code == 200
    assert "25 événements" in response.content.decode()
    assert "Réservé aux membres" not in response.content.decode()
    archive = client.get(reverse("events:archive")).content.decode()
    assert "Visite passée" in archive
    filtered = client.get(reverse("events:archive"), {"kind": "training"}).content.decode()
    assert "Visite passée" not in filtered
    bad = client.get(reverse("events:agenda"), {"theme": "inconnue", "kind": "zzz", "region": "99"})
    assert bad.status_code == 200


def test_agenda_htmx_partial(client):
    EventFactory(title="En ligne seulement")
    EventFactory(title="Sur place", online_url="", place_name="Salle des fêtes")
    response = client.get(
        reverse("events:agenda"),
        {"mode": "in_person"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="event-results",
    )
    html = response.content.decode()
    assert "<html" not in html and "Sur place" in html and "En ligne seulement" not in html


def test_month_view(client):
    EventFactory(
        title="Session du 10 mars",
        start=datetime(2027, 3, 10, 9, tzinfo=PARIS),
        end=datetime(2027, 3, 10, 12, tzinfo=PARIS),
    )
    html = client.get(reverse("events:month", kwargs={"year": 2027, "month": 3})).content.decode()
    assert "Session du 10 mars" in html and "Mars 2027" in html
    assert client.get(reverse("events:month", kwargs={"year": 2027, "month": 13})).status_code == 404


def test_detail_has_json_ld_and_hides_link_until_registered(client):
    org = OrganisationFactory(name="ADEME Occitanie")
    event = EventFactory(title="Stockage </script> carbone", organisers=[org], place_name="Albi", capacity=30)
    html = client.get(event.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Event" and data["name"] == "Stockage </script> carbone"
    assert data["eventAttendanceMode"].endswith("MixedEventAttendanceMode")
    assert data["organizer"][0]["name"] == "ADEME Occitanie"
    assert data["startDate"] == event.local_start.isoformat()
    assert "visio.exemple.test" not in html.replace(match.group(1), "")


def test_register_and_cancel_through_views(client, commit):
    event = EventFactory(capacity=1)
    user = UserFactory()
    client.force_login(user)
    with commit():
        response = client.post(reverse("events:register", args=[event.slug]), {"share_contact": "on"})
    assert response.status_code == 302
    reg = Registration.objects.get(event=event, user=user)
    assert reg.status == "confirmed" and reg.share_contact
    assert "visio.exemple.test" in client.get(event.get_absolute_url()).content.decode()
    assert client.get(reverse("events:unregister", args=[event.slug])).status_code == 200
    client.post(reverse("events:unregister", args=[event.slug]), {})
    reg.refresh_from_db()
    assert reg.status == "confirmed"  # confirmation box not ticked
    client.post(reverse("events:unregister", args=[event.slug]), {"confirm": "on"})
    reg.refresh_from_db()
    assert reg.status == "cancelled"


def test_anonymous_cannot_register(client):
    event = EventFactory()
    response = client.post(reverse("events:register", args=[event.slug]))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_create_event_in_overseas_time_zone(client):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("events:create"),
        event_form_data(
            title="Rencontre à Saint-Denis",
            kind="meeting",
            start="2027-05-04T09:00",
            end="2027-05-04T12:00",
            timezone_name="Indian/Reunion",
            online_url="",
            place_name="Saint-Denis",
            audience="open",
            registration_open="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(title="Rencontre à Saint-Denis")
    assert event.start == datetime(2027, 5, 4, 5, 0, tzinfo=ZoneInfo("UTC"))
    assert "09h00" in client.get(event.get_absolute_url()).content.decode()


def test_create_event_form_errors_in_french(client):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("events:create"),
        event_form_data(
            title="", kind="webinar", start="demain", end="2027-01-01T10:00", audience="category"
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Indiquez le titre" in html and "Date et heure invalides" in html
    assert "Choisissez la catégorie" in html


def test_participants_page_attendance_and_csv_respects_consent(client):
    animator = UserFactory(animator=True)
    event = EventFactory()
    consenting = RegistrationFactory(
        event=event, share_contact=True, user=UserFactory(email="oui@exemple.test")
    )
    RegistrationFactory(event=event, share_contact=False, user=UserFactory(email="non@exemple.test"))
    client.force_login(UserFactory())
    assert client.get(reverse("events:participants", args=[event.slug])).status_code == 403
    assert client.get(reverse("events:participants_csv", args=[event.slug])).status_code == 403
    client.force_login(animator)
    assert client.get(reverse("events:participants", args=[event.slug])).status_code == 200
    client.post(
        reverse("events:participants", args=[event.slug]),
        {f"attendance-{consenting.pk}": "present", "attendance-x": "present"},
    )
    consenting.refresh_from_db()
    assert consenting.attended is True
    csv_text = client.get(reverse("events:participants_csv", args=[event.slug])).content.decode("utf-8-sig")
    assert "oui@exemple.test" in csv_text and "non@exemple.test" not in csv_text
    assert "non communiquée" in csv_text and "présent·e" in csv_text


def test_speakers_directory(client):
    speaker = PersonFactory(first_name="Céline", last_name="Coubard")
    event = EventFactory()
    event.speakers.add(speaker)
    html = client.get(reverse("events:speakers")).content.decode()
    assert "Céline Coubard" in html and "1 événement" in html


@pytest.fixture
def ics_server(tmp_path, settings):
    settings.MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE = True  # the test server listens on 127.0.0.1
    (tmp_path / "agenda.ics").write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Partenaire//FR\r\n"
        "BEGIN:VEVENT\r\nUID:abc-1@partenaire\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;TZID=Europe/Paris:20270310T090000\r\nDTEND;TZID=Europe/Paris:20270310T120000\r\n"
        "SUMMARY:Webinaire du partenaire\r\nLOCATION:Lyon\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:abc-1@partenaire\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART:20270310T080000Z\r\nSUMMARY:Doublon\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:abc-2@partenaire\r\nDTSTAMP:20270101T000000Z\r\n"
        "DTSTART;VALUE=DATE:20270401\r\nSUMMARY:Journée entière\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    (tmp_path / "casse.ics").write_text("pas un calendrier", encoding="utf-8")
    handler = partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_partner_feed_import_dedups_by_uid_and_marks_source(client, ics_server, commit):
    client.force_login(UserFactory(animator=True))
    with commit():
        response = client.post(
            reverse("events:partner_feeds"), {"name": "Partenaire", "url": f"{ics_server}/agenda.ics"}
        )
    assert response.status_code == 302
    feed = PartnerFeed.objects.get()
    assert feed.last_count == 2 and feed.last_error == ""
    events = Event.objects.filter(source=feed).order_by("start")
    assert [e.title for e in events] == ["Webinaire du partenaire", "Journée entière"]
    assert events[0].start == datetime(2027, 3, 10, 9, tzinfo=PARIS)
    with commit():
        call_command("events_import_feeds")
    assert Event.objects.filter(source=feed).count() == 2
    html = client.get(events[0].get_absolute_url()).content.decode()
    assert "Importé de l’agenda de Partenaire" in html


def test_broken_partner_feed_records_error(client, ics_server, commit):
    client.force_login(UserFactory(animator=True))
    with commit():
        client.post(reverse("events:partner_feeds"), {"name": "Cassé", "url": f"{ics_server}/casse.ics"})
    feed = PartnerFeed.objects.get()
    assert feed.last_error and feed.events.count() == 0
    assert "Erreur" in client.get(reverse("events:partner_feeds")).content.decode()
    bad = client.post(reverse("events:partner_feeds"), {"name": "X", "url": "ftp://exemple.test/a.ics"})
    assert "Saisissez une adresse" in bad.content.decode() or "Seules les adresses" in bad.content.decode()


def test_delete_requires_confirmation(client):
    client.force_login(UserFactory(animator=True))
    event = EventFactory()
    client.post(reverse("events:delete", args=[event.slug]), {})
    assert Event.objects.filter(pk=event.pk).exists()
    client.post(reverse("events:delete", args=[event.slug]), {"confirm": "on"})
    assert not Event.objects.filter(pk=event.pk).exists()


def test_my_registrations_page(client):
    user = UserFactory()
    RegistrationFactory(user=user, event=EventFactory(title="Mon atelier"))
    client.force_login(user)
    html = client.get(reverse("events:my_registrations")).content.decode()
    assert "Mon atelier" in html and "/agenda/flux/prive/" not in html
    # A GET writes nothing: the secret link is created by its button (a POST), once.
    assert not FeedToken.objects.exists()
    assert "Créer mon lien d'abonnement" in html
    response = client.post(reverse("events:my_registrations"), {"action": "create"})
    assert response.status_code == 302
    token = FeedToken.objects.get(user=user).token
    html = client.get(reverse("events:my_registrations")).content.decode()
    assert f"/agenda/flux/prive/{token}.ics" in html
    client.post(reverse("events:my_registrations"), {"action": "create"})
    assert FeedToken.objects.get(user=user).token == token


def test_feeds_page(client):
    assert client.get(reverse("events:feeds")).status_code == 200


def test_event_save_indexes_for_search(client):
    from apps.search.models import SearchDocument

    client.force_login(UserFactory(animator=True))
    client.post(
        reverse("events:create"),
        event_form_data(
            title="Webinaire méthanisation",
            kind="webinar",
            start="2027-02-01T10:00",
            end="2027-02-01T11:00",
            online_url="https://visio.exemple.test/a",
            audience="members",
        ),
    )
    doc = SearchDocument.objects.get(kind="event")
    assert doc.title == "Webinaire méthanisation" and doc.visibility == "members" and doc.status == "upcoming"
    event = Event.objects.get()
    client.post(reverse("events:delete", args=[event.slug]), {"confirm": "on"})
    assert not SearchDocument.objects.filter(kind="event").exists()


def test_event_form_sections_cover_every_field():
    from apps.events.forms import EventForm

    form = EventForm()
    names = [bf.name for _, fields in form.sections() for bf in fields]
    assert sorted(names) == sorted(form.fields) and len(names) == len(set(names))


def test_partner_feed_on_internal_address_is_refused(client, commit, settings):
    settings.MAILLAGE_PARTNER_FEEDS_ALLOW_PRIVATE = False
    client.force_login(UserFactory(animator=True))
    with commit():
        client.post(
            reverse("events:partner_feeds"), {"name": "Interne", "url": "http://127.0.0.1:9/agenda.ics"}
        )
    feed = PartnerFeed.objects.get()
    assert "Adresse interne refusée" in feed.last_error and feed.events.count() == 0
