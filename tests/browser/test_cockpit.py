"""Browser tests of the cockpit: figures with their charts and tables, the moderation queue with a
confirmed bulk action (with and without JavaScript), the network's settings. Every page: axe-core
zero violations, no horizontal scrolling at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from apps.directory.models import JoinRequest
from apps.questions.models import State as QState
from apps.resources.models import ResourceStatus
from tests.browser.helpers import assert_no_horizontal_scroll, log_in
from tests.directory.factories import JoinRequestFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.questions.factories import AnswerFactory, QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)


@pytest.fixture
def network(db):
    animator = UserFactory(animator=True, email="animatrice@exemple.test", first_name="Anne")
    for index in range(3):
        OrganisationFactory(name=f"Communauté de communes numéro {index} du Pays de Grasse")
    event = EventFactory(past=True, capacity=20, title="Journée de rencontre du réseau")
    for index in range(6):
        RegistrationFactory(event=event, attended=index < 4)
    question = QuestionFactory(title="Comment financer une chaufferie bois ?")
    AnswerFactory(question=question)
    JoinRequestFactory(
        organisation__name="Syndicat mixte du bassin de l'Orb", motivation="Partager nos retours."
    )
    JoinRequestFactory(organisation__name="PETR Albigeois et Bastides")
    QuestionFactory(state=QState.PENDING, title="Première question d'une nouvelle membre")
    ResourceFactory(suggested=True, title="Guide méthodologique de la concertation dans les plans climat")
    return {"animator": animator}


@pytest.mark.parametrize("width", WIDTHS)
def test_cockpit_pages_are_accessible_and_reflow(
    page, live_server, assert_accessible, console_errors, login, network, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(network["animator"])
    for path, name, heading in [
        ("/animation/", "index", "Animation du réseau"),
        ("/animation/chiffres/evenements/", "figure-events", "Événements de la période"),
        (
            "/animation/chiffres/organisations/",
            "figure-organisations",
            "Organisations qui ont rejoint le réseau",
        ),
        ("/animation/moderation/", "moderation", "Modération"),
        ("/animation/moderation/?type=adhesions", "moderation-adhesions", "Modération"),
        ("/animation/reglages/", "settings", "Réglages du réseau"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_horizontal_scroll(page, width)
        assert_accessible(page, f"cockpit-{name}-{width}")
    assert console_errors == []


def test_figures_chart_has_its_data_table_and_links_to_the_list(page, live_server, login, network):
    login(network["animator"])
    page.goto(f"{live_server.url}/animation/")
    chart = page.locator("figure.cockpit-chart").first
    expect(chart.locator("svg[role=img] title").first).to_contain_text("au total")
    chart.get_by_text("Données du graphique (tableau)").click()
    expect(chart.locator("table")).to_be_visible()
    page.get_by_role("link", name="événements").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Événements de la période")
    expect(page.locator("table")).to_contain_text("Journée de rencontre du réseau")
    expect(page.locator("table")).to_contain_text("30 %")  # 6 confirmed out of 20 seats


@pytest.mark.parametrize("width", WIDTHS)
def test_bulk_refusal_with_confirmation(page, live_server, assert_accessible, login, network, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(network["animator"])
    page.goto(f"{live_server.url}/animation/moderation/?type=adhesions")
    expect(page.locator("header a", has_text="Modération (4 en attente)").first).to_be_attached()
    page.get_by_text("Sélectionner").first.click()
    page.get_by_text("Sélectionner").nth(1).click()
    page.get_by_role("button", name="Refuser (éléments cochés)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Refuser : 2 éléments")
    assert_no_horizontal_scroll(page, width)
    assert_accessible(page, f"cockpit-moderation-confirm-{width}")
    page.get_by_label("Message à la personne").fill("Votre organisation relève du réseau régional.")
    page.get_by_role("button", name="Confirmer : refuser").click()
    expect(page.locator("main")).to_contain_text("2 élément(s) refusée(s).")
    assert JoinRequest.objects.filter(status=JoinRequest.Status.REFUSED).count() == 2
    expect(page.locator("header a", has_text="Modération (2 en attente)").first).to_be_attached()


def test_moderation_works_without_javascript(nojs_page, live_server, network):
    page = nojs_page
    log_in(page, live_server.url, network["animator"])
    page.goto(f"{live_server.url}/animation/moderation/?type=suggestions")
    page.get_by_role("button", name="Refuser : Guide méthodologique").click()
    page.get_by_label("Motif du refus").fill("Déjà dans le centre de ressources.")
    page.get_by_role("button", name="Confirmer : refuser").click()
    expect(page.locator("main")).to_contain_text("1 élément(s) refusée(s).")
    from apps.resources.models import Resource

    assert (
        Resource.objects.get(status=ResourceStatus.REFUSED).refusal_reason
        == "Déjà dans le centre de ressources."
    )


def test_settings_change_the_whole_site(page, live_server, login, network):
    login(network["animator"])
    page.goto(f"{live_server.url}/animation/reglages/")
    page.get_by_label("Nom du réseau", exact=True).fill("Réseau Climat Occitanie")
    page.get_by_label("Liens du pied de page").fill("Notre lettre | https://lettre.example/")
    page.get_by_label("Page « À propos »").fill(
        "## Qui sommes-nous\n\nLe réseau des acteurs du climat en Occitanie."
    )
    page.get_by_text("Afficher « Le réseau en chiffres »").click()  # hide it
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator("main")).to_contain_text("Les réglages du réseau sont enregistrés")
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Réseau Climat Occitanie")
    expect(page.locator("footer")).to_contain_text("Notre lettre")
    expect(page.locator("main")).not_to_contain_text("Le réseau en chiffres")
    expect(page.locator(".fr-header .fr-logo")).to_have_count(0)
    page.locator("footer").get_by_role("link", name="À propos").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("À propos de Réseau Climat Occitanie")


@pytest.mark.parametrize("width", WIDTHS)
def test_about_page_is_accessible_and_reflows(page, live_server, assert_accessible, width):
    from apps.core.services import network_settings_update

    network_settings_update(
        by=None,
        name="Réseau Climat Occitanie",
        tagline="Les acteurs du climat en Occitanie",
        operator="Direction régionale de l'ADEME",
        contact_email="reseau@occitanie.example",
        about="## Qui sommes-nous\n\nUn lieu de partage d'information, de veille et d'expériences.",
        footer_links=[("Notre lettre", "https://lettre.example/")],
    )
    from apps.core.network import network_settings_forget

    network_settings_forget()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/a-propos/")
    expect(page.locator("main h2")).to_have_text("Qui sommes-nous")
    assert_no_horizontal_scroll(page, width)
    assert_accessible(page, f"cockpit-about-{width}")
