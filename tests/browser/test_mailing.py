"""Browser tests of the letter and the sent-messages log: every page with axe-core (zero violations)
and no horizontal scrolling at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from apps.mailing import services
from apps.mailing.models import FailedAddress
from tests.browser.helpers import check_widths
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def check_page(page, assert_accessible, name):
    check_widths(page, assert_accessible, f"mailing-{name}")


def test_coordinator_drafts_previews_and_sends_a_letter(
    page, live_server, assert_accessible, console_errors, login
):
    animator = UserFactory(animator=True, first_name="Anne", email="anne@exemple.test")
    UserFactory(email="membre@exemple.test")
    ExperienceFactory(title="Une chaufferie bois partagée entre trois communes rurales du Livradois")
    EventFactory(title="Webinaire : financer la rénovation des écoles")
    OrganisationFactory(name="Communauté de communes Thiers Dore et Montagne")
    FailedAddress.objects.create(
        address="perdue@exemple.test", reply="550 5.1.1 No such user", last_failed_at="2026-12-01T10:00:00Z"
    )
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    login(animator)

    page.goto(f"{live_server.url}/lettres/")
    check_page(page, assert_accessible, "list-empty")
    page.get_by_role("link", name="Nouvelle lettre").click()
    check_page(page, assert_accessible, "create")
    page.get_by_role("button", name="Préparer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Préparer : La lettre de")
    check_page(page, assert_accessible, "edit")
    page.get_by_role("button", name="Monter « Prochains rendez-vous »").click()
    expect(page.locator("section h3").first).to_contain_text("1. Prochains rendez-vous")
    page.get_by_label("Titre du bloc").last.fill("Le mot de l'équipe")
    page.get_by_role("button", name="Ajouter le bloc").click()
    expect(page.get_by_role("heading", name="4. Le mot de l'équipe")).to_be_visible()

    page.get_by_role("link", name="Aperçu du courriel").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("La lettre de")
    check_page(page, assert_accessible, "preview-email")
    page.go_back()
    page.get_by_role("link", name="Aperçu en page web").click()
    check_page(page, assert_accessible, "preview-web")
    page.go_back()
    page.get_by_role("button", name="M'envoyer un test").click()
    expect(page.get_by_text("Un envoi de test part vers anne@exemple.test")).to_be_visible()

    page.get_by_role("link", name="Envoyer maintenant").click()
    check_page(page, assert_accessible, "send-confirm")
    page.get_by_label("Je confirme").check(force=True)
    page.get_by_role("button", name="Envoyer la lettre").click()
    expect(page.get_by_text("membre@exemple.test")).to_be_visible()
    check_page(page, assert_accessible, "message-detail")

    page.goto(f"{live_server.url}/envois/")
    check_page(page, assert_accessible, "messages")
    page.get_by_role("link", name="Adresses en échec permanent (1)").click()
    expect(page.get_by_text("550 5.1.1 No such user")).to_be_visible()
    check_page(page, assert_accessible, "failed")

    page.goto(f"{live_server.url}/lettres/")
    check_page(page, assert_accessible, "list")
    page.get_by_role("link", name="La lettre de").first.click()
    expect(page).not_to_have_url(f"{live_server.url}/lettres/")
    check_page(page, assert_accessible, "edition")
    assert not missing and not console_errors


def test_visitor_subscribes_and_member_unsubscribes(
    page, live_server, assert_accessible, console_errors, login
):
    member = UserFactory(email="membre@exemple.test")
    page.goto(f"{live_server.url}/lettres/abonnement/")
    check_page(page, assert_accessible, "subscribe")
    page.get_by_label("Adresse électronique").fill("curieuse@exemple.test")
    page.get_by_role("button", name="S'abonner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez votre messagerie")
    check_page(page, assert_accessible, "subscribe-sent")

    page.goto(f"{live_server.url}/lettres/desinscription/{services.unsubscribe_token(member.email)}/")
    check_page(page, assert_accessible, "unsubscribe")
    page.get_by_role("button", name="Me désabonner").click()
    expect(page.get_by_text("membre@exemple.test ne recevra plus la lettre")).to_be_visible()

    login(member)
    page.goto(f"{live_server.url}/lettres/abonnement/")
    expect(page.get_by_text("Vous ne recevez pas la lettre du réseau.")).to_be_visible()
    check_page(page, assert_accessible, "subscription-member")
    page.get_by_role("button", name="Recevoir la lettre").click()
    expect(page.get_by_text("Vous recevrez la lettre du réseau.")).to_be_visible()
    assert not console_errors


def test_organiser_writes_to_registrants(page, live_server, assert_accessible, console_errors, login):
    organiser = UserFactory(first_name="Olga")
    event = EventFactory(title="Atelier sobriété foncière", created_by=organiser)
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, status="waiting")
    login(organiser)
    page.goto(f"{live_server.url}/envois/evenement/{event.slug}/")
    check_page(page, assert_accessible, "event-message")
    page.get_by_label("Liste d'attente (1)").check(force=True)
    page.get_by_label("Objet").fill("Infos pratiques")
    page.get_by_label("Message").fill("Rendez-vous **salle B**.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Message envoyé à 2 personne(s).")).to_be_visible()
    check_page(page, assert_accessible, "event-message-sent")
    assert not console_errors


def test_announcements_and_reminders(page, live_server, assert_accessible, console_errors, login):
    from apps.consultations.models import Audience
    from apps.polls.models import Poll
    from tests.consultations.factories import ConsultationFactory
    from tests.factories import PersonFactory

    animator = UserFactory(animator=True)
    organisation = OrganisationFactory(name="Mairie de Riom")
    PersonFactory(user=UserFactory(), organisation=organisation)
    consultation = ConsultationFactory(title="Feuille de route 2027", audience=Audience.ORGANISATIONS)
    consultation.invited_organisations.set([organisation])
    Poll.objects.create(title="Comité de pilotage de printemps", slug="comite", created_by=animator)
    login(animator)

    page.goto(f"{live_server.url}/annonces/")
    check_page(page, assert_accessible, "announcements-empty")
    page.get_by_role("link", name="Nouvelle annonce").click()
    page.get_by_label("Titre").fill("Assemblée générale le 12 mars à Clermont-Ferrand")
    page.locator("[name=body]").fill("Inscriptions ouvertes jusqu'au 1er mars.")
    page.locator("[name=link_url]").fill("/agenda/")
    check_page(page, assert_accessible, "announcement-form")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("En ligne")).to_be_visible()
    check_page(page, assert_accessible, "announcements")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Assemblée générale le 12 mars à Clermont-Ferrand")).to_be_visible()
    check_page(page, assert_accessible, "home-with-announcement")

    page.goto(f"{live_server.url}/envois/consultation/{consultation.slug}/")
    check_page(page, assert_accessible, "consultation-reminder")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Relance envoyée à 1 personne(s).")).to_be_visible()

    page.goto(f"{live_server.url}/envois/sondage/comite/")
    check_page(page, assert_accessible, "poll-invitation")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Invitation envoyée à")).to_be_visible()
    assert not console_errors


def test_member_follows(page, live_server, assert_accessible, console_errors, login):
    from tests.factories import ThemeFactory

    ThemeFactory(name="Mobilité")
    OrganisationFactory(name="Mairie de Riom")
    login(UserFactory())
    page.goto(f"{live_server.url}/suivis/")
    check_page(page, assert_accessible, "follows-empty")
    page.get_by_label("Une thématique").select_option(label="Mobilité")
    page.get_by_role("button", name="Suivre la thématique").click()
    expect(page.get_by_text("Vous suivez « Mobilité »")).to_be_visible()
    page.get_by_label("Une organisation ou une personne de l'annuaire").fill("riom")
    page.get_by_role("button", name="Chercher", exact=True).click()
    page.get_by_role("button", name="Suivre « Mairie de Riom »").click()
    expect(page.get_by_role("link", name="Mairie de Riom")).to_be_visible()
    check_page(page, assert_accessible, "follows")
    assert not console_errors
