import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = [
    ("/", "home", "Communauté COMETE"),
    ("/accessibilite/", "accessibilite", "Déclaration d'accessibilité"),
    ("/mentions-legales/", "mentions-legales", "Mentions légales"),
    ("/donnees-personnelles/", "donnees-personnelles", "Données personnelles"),
    ("/plan-du-site/", "plan-du-site", "Plan du site"),
    ("/page-inconnue/", "404", "Page introuvable"),
]


@pytest.mark.parametrize(("path", "name", "heading"), PAGES)
def test_shell_pages_are_accessible_without_console_errors(
    page, live_server, assert_accessible, console_errors, path, name, heading
):
    page.goto(f"{live_server.url}{path}")
    assert page.get_by_role("heading", level=1).first.inner_text().strip().startswith(heading)
    assert_accessible(page, f"core-{name}")
    # No CSP violation, no broken script: the console stays clean (a 404 page reports its own status).
    expected = (
        ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
        if name == "404"
        else []
    )
    assert console_errors == expected


def test_skip_link_reaches_the_content(page, live_server):
    page.goto(live_server.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Contenu"
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")


def test_mobile_menu_opens(page, live_server):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url)
    page.get_by_role("button", name="Menu").click()
    nav = page.get_by_role("navigation", name="Menu principal")
    # The DSFR opens the modal and the dropdown with transitions: wait for them, do not poll once.
    expect(nav).to_be_visible()
    nav.get_by_role("button", name="Annuaire").click()
    expect(nav.get_by_role("link", name="Carte des membres")).to_be_visible()
