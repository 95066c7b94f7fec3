"""Browser tests of the aid directory: eligibility search (with and without htmx), detail,
editing, alerts. Every page goes through axe-core."""

import pytest
from playwright.sync_api import expect

from apps.aids.models import SavedSearch
from apps.territories.models import Kind, Territory
from tests.aids.factories import AidFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def aids_world(db):
    region = RegionFactory(name="Hauts-de-France", code="32")
    dept = DepartementFactory(name="Oise", code="60", region=region)
    epci = EpciFactory(name="CA de la Région de Compiègne", code="200067965", departement=dept, region=region)
    other = EpciFactory(name="CC des Deux Vallées", code="246000749", departement=dept, region=region)
    CommuneFactory(name="Compiègne", code="60159", epci=epci, departement=dept, region=region)
    Territory.objects.filter(kind=Kind.MUNICIPALITY).update(population=40000)
    energy = ThemeFactory(name="Énergie", slug="energie")
    AidFactory(
        title="Fonds de participation de l'agglomération",
        perimeter=epci,
        beneficiaries=",association,municipality,",
        rate_max=50,
        amount_max=1500,
        budget=50000,
        themes=[energy],
    )
    AidFactory(title="Aide des Deux Vallées", perimeter=other, beneficiaries=",municipality,")
    AidFactory(title="Fonds vert", perimeter=None, beneficiaries=",municipality,epci,", themes=[energy])
    return {"energy": energy}


def test_eligibility_search_without_and_with_htmx(
    page, live_server, assert_accessible, console_errors, aids_world
):
    page.goto(f"{live_server.url}/aides/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Aides et dispositifs")
    assert_accessible(page, "aids-list")
    page.get_by_label("Je suis").select_option("municipality")
    page.get_by_label("Mon territoire").fill("60159")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(page.locator("#aid-results")).to_contain_text("Fonds de participation")
    expect(page.locator("#aid-results")).not_to_contain_text("Deux Vallées")
    assert "territoire=60159" in page.url  # hx-push-url keeps the search shareable
    assert_accessible(page, "aids-list-search")
    assert console_errors == []

    # Without JavaScript the same search works as a plain GET form.
    context = page.context.browser.new_context(java_script_enabled=False)
    nojs = context.new_page()
    nojs.goto(f"{live_server.url}/aides/?beneficiaire=municipality&territoire=60159")
    expect(nojs.locator("#aid-results")).to_contain_text("Fonds vert")
    expect(nojs.locator("#aid-results")).not_to_contain_text("Deux Vallées")
    context.close()


def test_detail_page(page, live_server, assert_accessible, aids_world):
    page.goto(f"{live_server.url}/aides/")
    page.get_by_role("link", name="Fonds de participation de l'agglomération").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fonds de participation de l'agglomération")
    expect(page.locator("main")).to_contain_text("50 % maximum")
    assert_accessible(page, "aids-detail")


def test_animator_creates_an_aid(page, live_server, assert_accessible, login, aids_world):
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/aides/nouvelle/")
    assert_accessible(page, "aids-form")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("Indiquez l'intitulé de l'aide.")
    assert_accessible(page, "aids-form-errors")
    page.get_by_label("Intitulé").fill("Aide au vélo")
    page.get_by_label("Nature de l'aide").select_option("grant")
    page.locator("label[for=id_beneficiary_choices_0]").click()
    page.get_by_label("Périmètre").fill("60")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aide au vélo")
    expect(page.locator("main")).to_contain_text("Oise (60)")


def test_member_saves_an_alert(page, live_server, assert_accessible, login, aids_world):
    user = UserFactory()
    login(user)
    page.goto(f"{live_server.url}/aides/?beneficiaire=municipality&territoire=60159&thematique=energie")
    page.get_by_label("Nom de l'alerte").fill("Énergie à Compiègne")
    page.get_by_role("button", name="Créer une alerte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes alertes aides")
    expect(page.locator("main")).to_contain_text("Énergie à Compiègne")
    assert_accessible(page, "aids-alerts")
    saved = SavedSearch.objects.get(user=user)
    assert saved.theme == aids_world["energy"] and saved.territory.code == "60159"
    page.get_by_role("link", name="Supprimer l'alerte Énergie à Compiègne").click()
    assert_accessible(page, "aids-alert-delete")
