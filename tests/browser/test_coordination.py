"""Browser tests of the coordinator pages of issue 14 (item 3): organisation form, person card,
merge, accounts and roles, invitations, programmes, event registrations, polls, aids import.
Every page: axe-core zero violations, no horizontal scrolling at 390 and 1,280 px."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from apps.events.models import RegistrationQuestion, RegistrationStatus
from apps.polls.models import Poll, PollInvitee, PollOption
from apps.programmes.models import SupportDay
from tests.browser.helpers import assert_no_horizontal_scroll
from tests.directory.factories import InvitationFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory, PhaseFactory, SupportFileFactory

pytestmark = [pytest.mark.django_db(transaction=True)]

WIDTHS = (390, 1280)


@pytest.fixture
def network(db):
    animator = UserFactory(
        animator=True, email="animatrice@exemple.test", first_name="Anne", last_name="Morel"
    )
    keep = OrganisationFactory(
        name="Communauté de communes du Pays de Lunel et de ses environs", siren="200042190"
    )
    duplicate = OrganisationFactory(name="CC Pays de Lunel")
    member = UserFactory(first_name="Bastien", last_name="Roux", email="bastien.roux@exemple.test")
    person = PersonFactory(user=member, first_name="Bastien", last_name="Roux")
    MembershipFactory(person=person, organisation=duplicate, is_referent=True)
    for index in range(3):
        PersonFactory(organisation=keep, hidden=True, email=f"importee{index}@exemple.test")
    InvitationFactory(
        organisation=keep, email="invitee.longue.adresse.electronique@exemple.test", invited_by=animator
    )
    enrolment = EnrolmentFactory(organisation=keep, label="Lunel", programme__title="Territoires pilotes")
    support = SupportFileFactory(enrolment=enrolment, used_days=0)
    SupportDay.objects.create(
        support=support,
        date=datetime.date(2026, 10, 1),
        days=Decimal(1),
        notes="Atelier de lancement **PCAET**.",
    )
    PhaseFactory(programme=enrolment.programme, title="Diagnostic partagé")
    event = EventFactory(title="Rencontre régionale des chargé·es de mission", capacity=1)
    RegistrationQuestion.objects.create(
        event=event, label="Repas", kind="choice", choices="Végétarien\nSans restriction", required=True
    )
    RegistrationFactory(event=event, user=member, share_contact=True, answers={})
    RegistrationFactory(event=event, status=RegistrationStatus.WAITING)
    poll = Poll.objects.create(title="Réunion de rentrée du réseau", created_by=animator)
    for position, label in enumerate(["Lundi 14 septembre matin", "Mardi 15 septembre après-midi"]):
        PollOption.objects.create(poll=poll, position=position, label=label)
    PollInvitee.objects.create(poll=poll, user=member)
    return {
        "animator": animator,
        "keep": keep,
        "duplicate": duplicate,
        "person": person,
        "member": member,
        "enrolment": enrolment,
        "event": event,
        "poll": poll,
    }


def _pages(n):
    programme, enrolment = n["enrolment"].programme, n["enrolment"]
    return [
        ("/annuaire/organisations/nouvelle/", "Ajouter une organisation"),
        (f"/annuaire/personnes/{n['person'].slug}/modifier/", "Modifier la fiche de Bastien Roux"),
        (f"/annuaire/organisations/{n['duplicate'].slug}/fusionner/?q=lunel", None),
        (f"/annuaire/organisations/{n['duplicate'].slug}/fusionner/{n['keep'].slug}/", None),
        ("/annuaire/invitations/", "Invitations"),
        ("/annuaire/invitations/inviter/", "Inviter des personnes"),
        ("/annuaire/invitations/personnes-importees/", "Inviter les personnes importées"),
        ("/animation/comptes/", "Comptes et rôles"),
        (f"/animation/comptes/{n['member'].pk}/", None),
        (f"/animation/comptes/{n['member'].pk}/desactiver/", None),
        ("/parcours/nouveau/", "Créer un parcours"),
        (f"/parcours/{programme.slug}/modifier/", None),
        (f"/parcours/{programme.slug}/phases/nouvelle/", "Ajouter une phase"),
        (f"/parcours/{programme.slug}/delegations/nouvelle/", "Inscrire une délégation"),
        (f"/parcours/{programme.slug}/delegations/{enrolment.pk}/", "Lunel"),
        (f"/parcours/{programme.slug}/delegations/{enrolment.pk}/modifier/", None),
        (f"/parcours/{programme.slug}/delegations/{enrolment.pk}/journees/", None),
        (f"/agenda/{n['event'].slug}/inscriptions/", None),
        (f"/agenda/{n['event'].slug}/inscriptions/questions/nouvelle/", "Ajouter une question"),
        (f"/agenda/{n['event'].slug}/participants/", None),
        (f"/sondages/{n['poll'].slug}/modifier/", None),
        (f"/sondages/{n['poll'].slug}/invites/", "Personnes invitées à répondre"),
        ("/aides/import/fichier/", "Importer des aides depuis un fichier"),
    ]


@pytest.mark.parametrize("width", WIDTHS)
def test_coordinator_pages_are_accessible_and_reflow(
    page, live_server, assert_accessible, console_errors, login, network, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(network["animator"])
    for index, (path, heading) in enumerate(_pages(network)):
        page.goto(f"{live_server.url}{path}")
        h1 = page.get_by_role("heading", level=1)
        if heading:
            expect(h1).to_have_text(heading)
        else:
            expect(h1).to_be_visible()
        assert_no_horizontal_scroll(page, width)
        assert_accessible(page, f"coordination-{index:02d}-{width}")
    assert console_errors == []


def test_merge_through_the_browser(page, live_server, login, network):
    login(network["animator"])
    page.goto(f"{live_server.url}{network['duplicate'].get_absolute_url()}")
    page.get_by_role("link", name="Fusionner avec une autre fiche").click()
    page.get_by_label("Organisation à conserver").fill("pays de lunel et")
    page.get_by_role("button", name="Chercher la fiche à conserver").click()
    page.get_by_role("link", name=f"Garder « {network['keep'].name} »").click()
    expect(page.locator(".merge-moves")).to_contain_text("Rattachements")
    page.locator("label[for=confirm-merge]").click()
    expect(page.get_by_label("Je confirme la fusion")).to_be_checked()
    page.get_by_role("button", name="Fusionner les deux fiches").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(network["keep"].name)
    expect(page.get_by_text("rien n'a été perdu")).to_be_visible()


def test_register_with_a_question_then_the_organiser_sees_the_answer(page, live_server, login, network):
    event = network["event"]
    newcomer = UserFactory(first_name="Chloé", last_name="Petit")
    MembershipFactory(person=PersonFactory(user=newcomer), organisation=network["keep"])
    login(newcomer)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_label("Repas").select_option("Végétarien")
    page.get_by_role("button", name="M’inscrire sur la liste d’attente").click()
    expect(page.get_by_text("vous êtes sur la liste d'attente")).to_be_visible()
    page.context.clear_cookies()
    login(network["animator"])
    page.goto(f"{live_server.url}/agenda/{event.slug}/participants/")
    expect(page.get_by_role("table")).to_contain_text("Végétarien")
    expect(page.get_by_role("table")).to_contain_text(network["keep"].name)
