"""Writing widgets in a real browser, under the strict CSP: the Markdown editor (toolbar, preview
rendered by the server), the searchable multi-select of the profile's themes, the DSFR upload
component; at 390 and 1,280 px, axe-core clean, no console error (CSP violations show there)."""

import pytest
from playwright.sync_api import expect

from apps.directory.models import Person
from apps.themes.models import Theme
from tests.browser.helpers import log_in
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_profile_editor_and_theme_multiselect(
    page, live_server, login, assert_accessible, console_errors, width
):
    page.set_viewport_size({"width": width, "height": 900})
    for name in ("Énergie", "Mobilité", "Alimentation et agriculture"):
        Theme.objects.get_or_create(name=name, defaults={"slug": name.lower()[:8]})
    user = UserFactory(email="redaction@exemple.fr")
    PersonFactory(user=user, email=user.email)
    login(user)
    page.goto(f"{live_server.url}/compte/modifier/")

    # The Markdown editor: a toolbar acting on the real textarea, and a preview that is the
    # server's sanitised rendering.
    toolbar = page.get_by_role("toolbar", name="Mise en forme")
    expect(toolbar).to_be_visible()
    bio = page.get_by_label("Présentation")
    bio.fill("Élue à la mobilité <script>x</script>")
    bio.evaluate("el => el.setSelectionRange(10, 18)")  # « mobilité »
    toolbar.get_by_role("button", name="Gras").click()
    expect(bio).to_have_value("Élue à la **mobilité** <script>x</script>")
    toolbar.get_by_role("button", name="Aperçu").click()
    preview = page.locator("#id_fiche-bio-apercu")
    expect(preview.locator("strong")).to_have_text("mobilité")
    expect(preview).not_to_contain_text("<script>")
    expect(bio).to_be_hidden()
    toolbar.get_by_role("button", name="Aperçu").click()
    expect(bio).to_be_visible()

    # Themes: a searchable multi-select instead of 21 checkboxes.
    assert page.locator("input[type=checkbox][name='fiche-themes']").count() == 0
    search = page.get_by_role("combobox", name="Mes thématiques")
    search.click()
    search.fill("mobi")
    page.locator("#id_fiche-themes-ts-dropdown").get_by_role("option", name="Mobilité").click()
    page.keyboard.press("Escape")
    expect(page.locator(".maillage-multiselect .item").first).to_contain_text("Mobilité")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page, f"writing-profile-{width}")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    person = Person.objects.get(user=user)
    assert list(person.themes.values_list("name", flat=True)) == ["Mobilité"]
    assert "**mobilité**" in person.bio and "<script>" in person.bio  # stored as typed, escaped on display
    assert console_errors == []


def test_profile_without_javascript_is_a_plain_form(nojs_page, live_server):
    Theme.objects.get_or_create(name="Énergie", defaults={"slug": "energie"})
    user = UserFactory(email="sansjs@exemple.fr")
    PersonFactory(user=user, email=user.email)
    page = nojs_page
    log_in(page, live_server.url, user)
    page.goto(f"{live_server.url}/compte/modifier/")
    page.get_by_label("Mes thématiques").select_option(label="Énergie")
    page.get_by_label("Présentation").fill("Sans **JavaScript**")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    person = Person.objects.get(user=user)
    assert list(person.themes.values_list("name", flat=True)) == ["Énergie"]
    assert person.bio == "Sans **JavaScript**"
