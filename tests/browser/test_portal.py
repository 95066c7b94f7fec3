"""Browser tests of the home page, "Mon espace", finding one's organisation and the login wall.
Every page: axe-core zero violations, no horizontal scrolling at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from apps.directory.models import JoinRequest
from tests.browser.helpers import assert_no_horizontal_scroll
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import CommuneFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.groups.factories import GroupMembershipFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)


@pytest.fixture
def content(db):
    commune = CommuneFactory(name="Autun", code="71014")
    organisation = OrganisationFactory(name="Ville d'Autun", territory=commune)
    OrganisationFactory(name="Communauté de communes du Grand Autunois Morvan", territory=commune)
    EventFactory(title="Webinaire : stockage carbone dans les sols")
    EventFactory(title="Journée de rencontre du réseau à Dijon", members_only=True)
    ExperienceFactory(title="Une légumerie intercommunale pour les cantines", territory=commune)
    ResourceFactory(title="Guide méthodologique de la concertation dans les plans climat")
    person = PersonFactory(with_user=True, organisation=organisation, user__first_name="Camille")
    RegistrationFactory(user=person.user, event=EventFactory(title="Atelier mobilité rurale"))
    GroupMembershipFactory(user=person.user, group__name="Élu·es des petites villes")
    return {"member": person.user, "organisation": organisation}


@pytest.mark.parametrize("width", WIDTHS)
def test_home_for_visitors(page, live_server, assert_accessible, console_errors, content, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url)
    main = page.locator("main")
    expect(main).to_contain_text("Webinaire : stockage carbone dans les sols")
    expect(main).not_to_contain_text("Journée de rencontre du réseau à Dijon")
    expect(main).to_contain_text("Une légumerie intercommunale pour les cantines")
    expect(main).to_contain_text("Le réseau en chiffres")
    assert_no_horizontal_scroll(page, width)
    assert_accessible(page, f"portal-home-visitor-{width}")
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_member_pages(page, live_server, assert_accessible, console_errors, login, content, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(content["member"])
    assert page.url == f"{live_server.url}/mon-espace/"
    for path, name, heading in [
        ("/mon-espace/", "my-space", "Mon espace"),
        ("/mon-espace/activite/", "activity", "L'activité du réseau"),
        ("/mon-espace/mon-organisation/?nom=autun", "find-organisation", "Trouver mon organisation"),
        ("/", "home-member", None),
    ]:
        page.goto(f"{live_server.url}{path}")
        if heading:
            expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_no_horizontal_scroll(page, width)
        assert_accessible(page, f"portal-{name}-{width}")
    assert console_errors == []


def test_my_space_content(page, live_server, login, content):
    login(content["member"])
    main = page.locator("main")
    expect(main).to_contain_text("Bonjour Camille")
    expect(main).to_contain_text("Ville d'Autun")
    expect(main).to_contain_text("Atelier mobilité rurale")
    expect(main).to_contain_text("Élu·es des petites villes")


def test_newcomer_finds_and_asks_to_join_their_organisation(
    page, live_server, assert_accessible, login, content
):
    newcomer = UserFactory(first_name="Inès")
    login(newcomer)
    expect(page.get_by_role("heading", name="Rattachez-vous à votre organisation")).to_be_visible()
    page.get_by_role("link", name="Trouver mon organisation").first.click()
    page.get_by_role("combobox", name="Commune").fill("71014")
    page.get_by_role("button", name="Rechercher mon organisation").click()
    expect(page.locator("main")).to_contain_text("2 organisations trouvées")
    assert_accessible(page, "portal-find-results")
    page.get_by_role("link", name="Demander à rejoindre Ville d'Autun").click()
    page.get_by_label("Votre catégorie").select_option("elected")
    page.get_by_role("button", name="Envoyer ma demande").click()
    expect(page.locator("main")).to_contain_text("Votre demande de rattachement est envoyée")
    assert JoinRequest.objects.filter(requested_by=newcomer, organisation=content["organisation"]).exists()


@pytest.mark.parametrize("width", WIDTHS)
def test_login_wall(page, live_server, assert_accessible, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/questions/")
    expect(page.locator("main")).to_contain_text("« Questions au réseau » est réservé aux membres du réseau")
    expect(page.get_by_role("link", name="créez votre compte")).to_be_visible()
    assert_no_horizontal_scroll(page, width)
    assert_accessible(page, f"portal-login-wall-{width}")
