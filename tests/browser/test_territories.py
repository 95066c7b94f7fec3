import pytest

from apps.territories.models import Kind, Territory
from tests.factories import CommuneFactory, EpciFactory, UserFactory
from tests.territories.factories import ProjectTerritoryFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def places():
    epci = EpciFactory(name="CA du Grand Annecy", population=200_000)
    annecy = CommuneFactory(name="Annecy", code="74010", postcodes="74000", population=130_000, epci=epci)
    CommuneFactory(name="Annemasse", code="74012", postcodes="74100", population=36_000, epci=epci)
    CommuneFactory(name="Anthy-sur-Léman", code="74013", population=2_000, epci=epci)
    project = ProjectTerritoryFactory(name="Pays du lac d'Annecy", members=[annecy, epci])
    return {"annecy": annecy, "epci": epci, "project": project}


def test_project_list_and_detail_pages_are_accessible(
    page, live_server, assert_accessible, console_errors, places
):
    page.goto(f"{live_server.url}/territoires/")
    assert page.get_by_role("heading", level=1).inner_text() == "Territoires"
    assert page.get_by_role("link", name="Pays du lac d'Annecy").is_visible()
    assert_accessible(page, "territories-list")

    search = page.get_by_role("search", name="Trouver un territoire")
    search.get_by_label("Rechercher un territoire").fill("annecy")
    search.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Annecy (").first.wait_for()
    assert_accessible(page, "territories-search")

    page.goto(f"{live_server.url}{places['annecy'].get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Annecy"
    assert page.get_by_role("link", name="CA du Grand Annecy").first.is_visible()
    assert_accessible(page, "territories-commune")

    page.goto(f"{live_server.url}{places['project'].get_absolute_url()}")
    assert page.get_by_role("heading", name="Membres (2)").is_visible()
    assert_accessible(page, "territories-project")
    assert console_errors == []


def test_animator_uses_the_picker_with_the_keyboard(
    page, live_server, login, assert_accessible, console_errors, places
):
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/territoires/projets/nouveau/")
    assert_accessible(page, "territories-project-form")
    page.get_by_label("Nom", exact=True).fill("Bassin annécien")

    picker = page.get_by_role("combobox", name="Ajouter un membre")
    picker.focus()
    page.keyboard.type("anne", delay=50)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    assert picker.get_attribute("aria-expanded") == "true"
    options = listbox.get_by_role("option")
    assert options.first.inner_text().startswith("Annecy (")
    assert_accessible(page, "territories-picker-open")

    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    active = picker.get_attribute("aria-activedescendant")
    assert active and page.locator(f"#{active}").get_attribute("aria-selected") == "true"
    assert page.locator(f"#{active}").inner_text().startswith("Annemasse")
    page.keyboard.press("Enter")  # chooses, does not submit
    assert picker.input_value() == places["annecy"].label.replace("Annecy", "Annemasse")
    assert picker.get_attribute("aria-expanded") == "false"

    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url("**/territoires/projet/**")
    project = Territory.objects.get(kind=Kind.PROJECT, name="Bassin annécien")
    assert [m.name for m in project.members.all()] == ["Annemasse"]
    assert console_errors == []


def test_picker_escape_closes_the_list(page, live_server, login, places):
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/territoires/projets/nouveau/")
    picker = page.get_by_role("combobox", name="Ajouter un membre")
    picker.focus()
    page.keyboard.type("74010", delay=30)
    page.get_by_role("listbox").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert picker.get_attribute("aria-expanded") == "false"
    assert page.get_by_role("listbox").is_hidden()
