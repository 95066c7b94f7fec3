import pytest

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
    # No CSP violation, no broken script: the console stays clean.
    assert console_errors == []


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
    assert (
        page.get_by_role("navigation", name="Menu principal")
        .get_by_role("link", name="Annuaire")
        .is_visible()
    )
