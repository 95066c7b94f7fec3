"""Browser tests of the agenda: list with filters (htmx and without), month view, event page with
map and registration, creation form, participants, speakers, feeds, partner agendas."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def agenda(db):
    org = OrganisationFactory(name="ADEME Occitanie")
    speaker = PersonFactory(first_name="Céline", last_name="Coubard")
    webinar = EventFactory(
        title="Webinaire : stockage du carbone dans les sols", organisers=[org], capacity=2
    )
    webinar.speakers.add(speaker)
    visit = EventFactory(
        title="Visite de la ferme photovoltaïque",
        kind="site_visit",
        online_url="",
        place_name="Ferme solaire",
        territory=CommuneFactory(latitude=45.75, longitude=6.32),
    )
    EventFactory(
        title="Atelier passé",
        past=True,
        replay_url="https://replay.exemple.test/1",
        report="Compte rendu **riche**.",
    )
    EventFactory(
        title="Session du 10 mars",
        start=datetime(2027, 3, 10, 9, tzinfo=PARIS),
        end=datetime(2027, 3, 10, 12, tzinfo=PARIS),
    )
    return {"webinar": webinar, "visit": visit, "org": org}


def test_agenda_list_filters_and_month(page, live_server, assert_accessible, console_errors, agenda):
    page.goto(f"{live_server.url}/agenda/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda du réseau")
    assert_accessible(page, "events-agenda")
    page.get_by_label("Format").select_option("in_person")
    expect(page.locator("#event-results")).not_to_contain_text("stockage du carbone")
    expect(page.locator("#event-results")).to_contain_text("Visite de la ferme")
    assert "mode=in_person" in page.url
    page.goto(f"{live_server.url}/agenda/archives/")
    expect(page.locator("#event-results")).to_contain_text("Atelier passé")
    assert_accessible(page, "events-archive")
    page.goto(f"{live_server.url}/agenda/mois/2027/3/")
    expect(page.get_by_role("table")).to_contain_text("Session du 10 mars")
    assert_accessible(page, "events-month")
    assert not console_errors


def test_event_page_registration_and_map(page, live_server, assert_accessible, console_errors, login, agenda):
    user = UserFactory()
    login(user)
    page.goto(f"{live_server.url}{agenda['visit'].get_absolute_url()}")
    expect(page.locator(".leaflet-container")).to_be_visible()
    assert_accessible(page, "events-detail-map")
    page.goto(f"{live_server.url}{agenda['webinar'].get_absolute_url()}")
    page.get_by_label("J'accepte que mon nom").check(force=True)
    page.get_by_role("button", name="M’inscrire").click()
    expect(page.get_by_text("Votre inscription est confirmée.")).to_be_visible()
    expect(page.get_by_role("link", name="Lien de connexion")).to_be_visible()
    assert_accessible(page, "events-detail-registered")
    page.get_by_role("link", name="Annuler mon inscription").click()
    assert_accessible(page, "events-unregister-confirm")
    page.get_by_label("Je confirme").check(force=True)
    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée.")).to_be_visible()
    page.goto(f"{live_server.url}/agenda/mes-inscriptions/")
    assert_accessible(page, "events-my-registrations")
    page.goto(f"{live_server.url}/agenda/intervenants/")
    expect(page.get_by_text("Céline Coubard")).to_be_visible()
    assert_accessible(page, "events-speakers")
    page.goto(f"{live_server.url}/agenda/flux/")
    assert_accessible(page, "events-feeds")
    assert not console_errors


def test_animator_creates_event_and_manages_participants(page, live_server, assert_accessible, login, agenda):
    animator = UserFactory(animator=True)
    RegistrationFactory(event=agenda["webinar"])
    login(animator)
    page.goto(f"{live_server.url}/agenda/nouveau/")
    assert_accessible(page, "events-create")
    page.get_by_label("Titre").fill("Rencontre annuelle")
    page.get_by_label("Type").select_option("annual_day")
    page.get_by_label("Début").fill("2027-06-10T09:30")
    page.get_by_label("Fin", exact=True).fill("2027-06-10T17:00")
    page.locator("#id_place_name").fill("Salle des fêtes")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rencontre annuelle")
    expect(page.get_by_text("jeudi 10 juin 2027, 09h30–17h00")).to_be_visible()
    page.goto(f"{live_server.url}/agenda/{agenda['webinar'].slug}/participants/")
    assert_accessible(page, "events-participants")
    page.goto(f"{live_server.url}/agenda/agendas-partenaires/")
    assert_accessible(page, "events-partner-feeds")


def test_group_event_page_and_group_feeds(page, live_server, assert_accessible, console_errors, login):
    from tests.groups.factories import GroupMembershipFactory

    membership = GroupMembershipFactory(group__name="Groupe des maires ruraux", group__access="closed")
    event = EventFactory(title="Atelier entre maires", audience="group", audience_group=membership.group)
    login(membership.user)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_role("heading", name="Agenda privé du groupe")).to_be_visible()
    # The secret link is created by a button (a POST), never by reading a page.
    page.get_by_role("button", name="Créer mon lien d'abonnement").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Agendas privés de mes groupes")).to_be_visible()
    assert_accessible(page, "events-my-registrations-groups")
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    expect(page.get_by_label("Adresse iCalendar (.ics)")).to_have_value(
        re.compile(rf"/agenda/flux/groupe/{membership.group.slug}/[\w-]+\.ics$")
    )
    assert_accessible(page, "events-group-detail")
    assert not console_errors
