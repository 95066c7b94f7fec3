"""Browser tests of the directory: lists with htmx filters, map, join workflow, detail and
management pages, themes. Every page goes through axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from apps.directory.models import JoinRequest, Organisation, OrganisationStatus, OrganisationType
from tests.browser.helpers import PASSWORD, log_in
from tests.directory.factories import EngagementFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def network():
    bretagne = RegionFactory(name="Bretagne", code="53")
    occitanie = RegionFactory(name="Occitanie", code="76")
    finistere = DepartementFactory(name="Finistère", code="29", region=bretagne)
    herault = DepartementFactory(name="Hérault", code="34", region=occitanie)
    energie = ThemeFactory(name="Énergie", slug="energie")
    mobilite = ThemeFactory(name="Mobilité", slug="mobilite")

    def commune(departement, name, index, latitude, longitude):
        return CommuneFactory(
            name=f"{name} {index}",
            code=f"{departement.code}{index:03d}",
            epci__departement=departement,  # and the région of the département
            latitude=latitude,
            longitude=longitude,
        )

    orgs = [
        OrganisationFactory(
            name=f"Commune bretonne {i}",
            territory=commune(finistere, "Plouguerneau", i, 48.3 + i * 0.2, -4.3 + i * 0.3),
            themes=[energie],
        )
        for i in range(6)
    ]
    orgs += [
        OrganisationFactory(
            name=f"Association héraultaise {i}",
            type=OrganisationType.ASSOCIATION,
            territory=commune(herault, "Sète", i, 43.4 + i * 0.1, 3.6 + i * 0.2),
            themes=[mobilite],
        )
        for i in range(4)
    ]
    main = orgs[0]
    main.description = "Nous menons une **démarche** de sobriété énergétique."
    main.competences = "Animation de groupes de travail."
    main.save()
    EngagementFactory(organisation=main)
    referent_user = UserFactory(first_name="Rose", last_name="Le Gall")
    referent = PersonFactory(
        user=referent_user, first_name="Rose", last_name="Le Gall", contact_visibility="public"
    )
    MembershipFactory(person=referent, organisation=main, referent=True)
    PersonFactory(organisation=main, first_name="Yann", last_name="Kerjean", elu=True)
    PersonFactory(organisation=main, first_name="Secret", last_name="Caché", hidden=True)
    return {
        "orgs": orgs,
        "main": main,
        "referent_user": referent_user,
        "herault": herault,
        "bretagne": bretagne,
    }


def test_directory_list_filters_with_htmx_and_table_view(
    page, live_server, assert_accessible, console_errors, network
):
    page.goto(f"{live_server.url}/annuaire/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des organisations")
    expect(page.locator("#results [role=status]")).to_contain_text("10 organisations")
    assert_accessible(page, "directory-list")
    # A marker on window survives an htmx swap but not a full page load.
    page.evaluate("window.__noReload = true")
    page.get_by_label("Type d'organisation").select_option("association")
    expect(page.locator("#results [role=status]")).to_contain_text("4 organisations")
    # Empty fields are left out of the pushed URL.
    expect(page).to_have_url(re.compile(r"/annuaire/\?type=association$"))
    assert page.evaluate("window.__noReload") is True
    expect(page.locator("#results")).not_to_contain_text("Commune bretonne")
    # Accent-insensitive name search.
    page.get_by_label("Nom de l'organisation").fill("heraultaise 2")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#results [role=status]")).to_contain_text("1 organisation")
    page.get_by_label("Nom de l'organisation").fill("")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#results [role=status]")).to_contain_text("4 organisations")
    page.get_by_role("link", name="Vue en tableau").click()
    expect(page.locator("#results table")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/annuaire/\?type=association&vue=tableau$"))
    expect(page.locator("#results table tbody tr")).to_have_count(4)
    assert_accessible(page, "directory-list-table")
    # Filtering afterwards keeps the view chosen in the results (the panel was not reloaded).
    page.get_by_label("Type d'organisation").select_option(index=0)
    expect(page.locator("#results [role=status]")).to_contain_text("10 organisations")
    expect(page.locator("#results table")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/annuaire/\?vue=tableau$"))
    assert page.evaluate("window.__noReload") is True
    assert console_errors == []


def test_directory_list_works_without_javascript(nojs_page, live_server, network):
    page = nojs_page
    page.goto(f"{live_server.url}/annuaire/")
    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#results [role=status]")).to_contain_text("4 organisations")
    assert "region=76" in page.url
    # The table view survives a filter without JavaScript too.
    page.goto(f"{live_server.url}/annuaire/?vue=tableau")
    page.get_by_label("Région").select_option(label="Occitanie")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#results table tbody tr")).to_have_count(4)
    assert "region=76" in page.url and "vue=tableau" in page.url


def test_map_renders_clusters_and_follows_filters(
    page, live_server, assert_accessible, console_errors, network
):
    page.goto(f"{live_server.url}/annuaire/carte/")
    map_el = page.locator("#members-map")
    expect(map_el).to_have_attribute("data-loaded-count", "10")
    # Offline (no tile server): France's régions and départements drawn from the committed outline.
    expect(map_el).to_have_attribute("data-outline", "loaded")
    assert page.locator("#members-map path.leaflet-interactive, #members-map svg path").count() > 100
    expect(
        page.locator("#members-map .maillage-cluster, #members-map .maillage-marker").first
    ).to_be_visible()
    expect(page.locator("#map-status")).to_contain_text("10 organisations")
    # Metropolitan France first; an overseas département through the selector.
    view = page.get_by_label("Territoire affiché sur la carte")
    expect(view).to_have_value("metropole")
    assert_accessible(page, "directory-map")
    page.get_by_label("Région").select_option(label="Occitanie")
    expect(map_el).to_have_attribute("data-loaded-count", "4")
    expect(page.locator("#map-counts")).to_contain_text("4 organisations membres")
    assert "region=76" in page.url
    # Zooming in breaks clusters into single organisations; a click opens the popup with a link,
    # and the approximation (placed at the commune's centre) is said.
    for _ in range(8):
        if page.locator("#members-map .maillage-marker").count():
            break
        page.locator("#members-map .maillage-cluster").first.click()
        page.wait_for_timeout(400)
    page.locator("#members-map .maillage-marker").first.click()
    expect(page.locator(".leaflet-popup-content a")).to_contain_text("Association héraultaise")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Position approximative : centre de")
    view.select_option(label="La Réunion")
    bounds = page.evaluate("() => document.querySelector('#members-map').getAttribute('data-view')")
    assert bounds == "974"
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/annuaire/carte/?region=76")
    expect(map_el).to_have_attribute("data-outline", "loaded")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, "directory-map-390")
    assert console_errors == []


def test_organisation_and_person_pages(page, live_server, assert_accessible, console_errors, network):
    main = network["main"]
    page.goto(f"{live_server.url}{main.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(main.name)
    expect(page.locator("main")).to_contain_text("démarche")
    expect(page.locator("main strong", has_text="démarche")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Yann Kerjean")
    expect(page.locator("main")).not_to_contain_text("Secret Caché")
    expect(page.locator("#organisation-minimap .leaflet-interactive")).to_have_count(1)
    assert_accessible(page, "directory-organisation")
    page.get_by_role("link", name="Rose Le Gall").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rose Le Gall")
    # Public contact details are shown to anonymous visitors.
    expect(page.locator("main")).to_contain_text(network["referent_user"].person.email)
    assert_accessible(page, "directory-person")
    assert console_errors == []


def test_people_trombinoscope_and_who_does_what(
    page, live_server, assert_accessible, console_errors, network
):
    page.goto(f"{live_server.url}/annuaire/personnes/")
    expect(page.locator("#results")).to_contain_text("Yann Kerjean")
    expect(page.locator("#results")).not_to_contain_text("Secret")
    page.get_by_label("Catégorie").select_option("elected")
    expect(page.locator("#results [role=status]")).to_contain_text("1 personne")
    assert_accessible(page, "directory-people")
    page.goto(f"{live_server.url}/annuaire/trombinoscope/")
    expect(page.get_by_role("heading", name="Élu·e")).to_be_visible()
    expect(page.locator(".trombi-initials").first).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("Secret")
    assert_accessible(page, "directory-trombinoscope")
    page.goto(f"{live_server.url}/annuaire/qui-fait-quoi/")
    expect(page.locator("table caption")).to_contain_text("Thématiques travaillées")
    page.get_by_label("Région").select_option(label="Bretagne")
    expect(page.locator("#results [role=status]")).to_contain_text("6 organisations")
    assert_accessible(page, "directory-who-does-what")
    assert console_errors == []


def test_join_request_then_animator_approves(browser, live_server, assert_accessible, network):
    commune = CommuneFactory(name="Quimper", code="29232", latitude=48.0, longitude=-4.1)
    requester = UserFactory(first_name="Anne", last_name="Morvan")
    animator = UserFactory(animator=True)

    requester_context = browser.new_context(locale="fr-FR")
    page = requester_context.new_page()
    log_in(page, live_server.url, requester)
    page.goto(f"{live_server.url}/annuaire/adhesion/")
    assert_accessible(page, "directory-join")
    page.get_by_role("textbox", name="Nom de l'organisation").fill("Ville de Quimper")
    page.get_by_label("Type d'organisation").select_option("municipality")
    page.get_by_label("Territoire", exact=False).first.fill(commune.code)
    page.get_by_label("SIREN").fill("732829320")
    page.get_by_label("Pourquoi souhaitez-vous rejoindre le réseau ?").fill("Partager notre PCAET.")
    page.get_by_label("Votre catégorie").select_option("staff")
    page.locator("label[for=id_directory_consent]").click()
    expect(page.locator("#id_directory_consent")).to_be_checked()
    page.get_by_role("button", name="Envoyer la demande d'adhésion").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("demande d'adhésion est enregistrée")
    organisation = Organisation.objects.get(name="Ville de Quimper")
    assert organisation.status == OrganisationStatus.PENDING
    requester_context.close()

    animator_context = browser.new_context(locale="fr-FR")
    page = animator_context.new_page()
    log_in(page, live_server.url, animator)
    page.goto(f"{live_server.url}/annuaire/animation/")
    expect(page.locator("main")).to_contain_text("Ville de Quimper")
    assert_accessible(page, "directory-animation")
    jr = JoinRequest.objects.get(organisation=organisation)
    form = page.locator(f"#decision-{jr.pk}")
    form.get_by_text("Accepter").click()
    form.get_by_label("Message au demandeur").fill("Bienvenue !")
    form.get_by_role("button", name="Valider la décision").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("acceptée")
    organisation.refresh_from_db()
    assert organisation.status == OrganisationStatus.ACTIVE
    assert any(requester.email in m.to and "Bienvenue" in m.body for m in mail.outbox)
    animator_context.close()


def test_referent_edits_organisation_and_manages_members(
    page, live_server, assert_accessible, login, console_errors, network
):
    main = network["main"]
    login(network["referent_user"])
    page.goto(f"{live_server.url}{main.get_absolute_url()}")
    page.get_by_role("link", name="Modifier la fiche").click()
    assert_accessible(page, "directory-organisation-edit")
    page.get_by_label("Ce que nous cherchons").fill("Des retours sur les réseaux de chaleur.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("mise à jour")
    expect(page.locator("main")).to_contain_text("réseaux de chaleur")
    page.get_by_role("link", name="Gérer les membres").click()
    expect(page.locator("table")).to_contain_text("Yann Kerjean")
    assert_accessible(page, "directory-organisation-members")
    page.get_by_label("Adresse électronique de votre collègue").fill("collegue@exemple.test")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Invitation envoyée")
    assert any("collegue@exemple.test" in m.to for m in mail.outbox)
    page.get_by_role("link", name=re.compile("Retirer Yann Kerjean")).click()
    assert_accessible(page, "directory-membership-remove")
    page.get_by_role("button", name="Oui, retirer").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("ne fait plus partie")
    assert console_errors == []


def test_themes_pages(page, live_server, assert_accessible, login, console_errors, network):
    page.goto(f"{live_server.url}/thematiques/")
    expect(page.locator("table")).to_contain_text("Énergie")
    assert_accessible(page, "themes-list")
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/thematiques/")
    page.get_by_role("link", name="Nouvelle thématique").click()
    assert_accessible(page, "themes-create")
    page.get_by_label("Nom").fill("Eau et milieux aquatiques")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("est créée")
    page.get_by_role("link", name="Désactiver « Mobilité »").click()
    assert_accessible(page, "themes-delete")
    page.get_by_role("button", name="Oui, désactiver").click()
    expect(page.locator("#theme-" + str(network["orgs"][-1].themes.get().pk))).to_contain_text("Désactivée")
    assert_accessible(page, "themes-list-manage")
    assert console_errors == []


def test_invitation_link_login_then_accept(page, live_server, assert_accessible, console_errors, network):
    from tests.directory.factories import InvitationFactory

    invitation = InvitationFactory(organisation=network["main"], invited_by=network["referent_user"])
    colleague = UserFactory(email=invitation.email)
    page.goto(f"{live_server.url}/annuaire/invitations/{invitation.token}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(network["main"].name)
    assert_accessible(page, "directory-invitation")
    page.locator("main").get_by_role("link", name="Se connecter").click()
    page.get_by_label("Adresse électronique").fill(colleague.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Se connecter").click()
    # Back on the invitation, now logged in.
    expect(page.get_by_role("button", name=f"Rejoindre {network['main'].name}")).to_be_visible()
    page.locator("label[for=id_directory_consent]").click()
    expect(page.locator("#id_directory_consent")).to_be_checked()
    page.get_by_role("button", name=f"Rejoindre {network['main'].name}").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Vous faites désormais partie")
    assert network["main"].memberships.filter(person__user=colleague, person__directory_consent=True).exists()
    assert console_errors == []
