"""Browser tests of issue 16's pages: aid imports (list and report), personal API tokens, the
open-data page and the login page with ProConnect. (The API docs are checked in
tests/api/test_v1.py: local assets only, under the CSP.)
axe-core: zero violations; no horizontal scrolling at 390 and 1,280 px."""

import pytest
from playwright.sync_api import expect

from apps.aids.models import AidImport, ImportStatus
from tests.aids.factories import AidFactory
from tests.browser.helpers import check_widths
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_aid_import_pages(page, live_server, assert_accessible, console_errors, login):
    animator = UserFactory(animator=True)
    aid_import = AidImport.objects.create(
        url="https://aides-territoires.beta.gouv.fr/api/aids/?perimeter=70973&targeted_audiences=commune&page_size=50",
        format="aides-territoires",
        status=ImportStatus.DONE,
        created_count=2,
        rejected_count=1,
        details={
            "created": [
                "Fonds vert (aides-territoires 1004)",
                "Végétaliser les cours (aides-territoires 1003)",
            ],
            "updated": [],
            "closed": ["Ancien appel (aides-territoires 12)"],
            "rejected": [
                [
                    "n° 3 (id 1009)",
                    "périmètre inconnu : « Atlantide (Département) » (département absent du COG).",
                ]
            ],
            "perimeters": ["Bassin Rhône-Méditerranée"],
        },
    )
    AidImport.objects.filter(pk=aid_import.pk).update(ran_at=aid_import.created_at)
    login(animator)
    page.goto(f"{live_server.url}/aides/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imports d'aides")
    check_widths(page, assert_accessible, "aids-import-list")
    page.get_by_label("Adresse de l'API Aides-territoires").fill("https://ailleurs.example/api/aids/")
    page.get_by_role("button", name="Lancer l'import").click()
    expect(page.locator("body")).to_contain_text("Hôte non autorisé")
    assert_accessible(page, "aids-import-list-error")
    page.goto(f"{live_server.url}/aides/import/{aid_import.pk}/")
    expect(page.locator("main")).to_contain_text("Atlantide")
    expect(page.locator("main")).to_contain_text("Bassin Rhône-Méditerranée")
    check_widths(page, assert_accessible, "aids-import-report")
    assert console_errors == []


def test_api_token_page(page, live_server, assert_accessible, console_errors, login):
    login(UserFactory())
    page.goto(f"{live_server.url}/compte/")
    page.get_by_role("link", name="Gérer mes jetons d'API").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jetons d'API")
    check_widths(page, assert_accessible, "api-tokens-empty")
    page.get_by_label("Nom du jeton").fill("Tableur de suivi")
    page.get_by_role("button", name="Créer un jeton").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("mlg_")
    check_widths(page, assert_accessible, "api-tokens-created")
    page.get_by_role("link", name="Révoquer le jeton Tableur de suivi").click()
    page.get_by_role("button", name="Révoquer le jeton").click()
    expect(page.locator("main")).to_contain_text("Révoqué le")
    assert console_errors == []


def test_open_data_page(page, live_server, assert_accessible, console_errors):
    AidFactory(title="Fonds vert")
    page.goto(f"{live_server.url}/donnees/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes")
    expect(page.get_by_role("link", name="Données ouvertes et API")).to_have_attribute("href", "/donnees/")
    check_widths(page, assert_accessible, "open-data")
    href = page.get_by_role("link", name="Aides et dispositifs — CSV").get_attribute("href")
    assert href == "/donnees/aides.csv"
    # The files themselves (streamed) are checked in tests/api/test_opendata.py.
    assert console_errors == []


def test_login_page_with_proconnect(page, live_server, assert_accessible, settings):
    settings.MAILLAGE_PROCONNECT_ISSUER = "http://localhost:8422"
    settings.MAILLAGE_PROCONNECT_CLIENT_ID = "maillage"
    settings.MAILLAGE_PROCONNECT_SECRET = "secret"
    page.goto(f"{live_server.url}/compte/connexion/")
    expect(page.get_by_role("button", name="S'identifier avec ProConnect")).to_be_visible()
    check_widths(page, assert_accessible, "login-proconnect")
