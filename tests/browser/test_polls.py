"""Browser tests of date polls: creation, answering, results table, closing."""

import pytest
from playwright.sync_api import expect

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_poll_lifecycle(page, live_server, assert_accessible, console_errors, login):
    author = UserFactory(animator=True, first_name="Anne", last_name="Animatrice")
    login(author)
    page.goto(f"{live_server.url}/sondages/")
    assert_accessible(page, "polls-list-empty")
    page.get_by_role("link", name="Nouveau sondage").click()
    assert_accessible(page, "polls-create")
    page.get_by_label("Titre").fill("Session de clôture")
    page.get_by_label("Options proposées").fill("13/09/2027 18h-22h\n14/09/2027 18h-22h\nEn visio")
    page.get_by_role("button", name="Créer le sondage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session de clôture")
    page.get_by_role("group", name="14/09/2027 18:00–22:00").get_by_label("Oui").check(force=True)
    page.get_by_role("group", name="En visio").get_by_label("Si nécessaire").check(force=True)
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(page.get_by_role("table")).to_contain_text("Animatrice")
    assert_accessible(page, "polls-detail")
    page.get_by_role("link", name="Clore et choisir la date").click()
    page.get_by_label("Option retenue").select_option(label="14/09/2027 18:00–22:00")
    page.get_by_label("Je confirme la clôture").check(force=True)
    assert_accessible(page, "polls-close")
    page.get_by_role("button", name="Clore le sondage").click()
    expect(page.get_by_text("Option retenue : 14/09/2027 18:00–22:00")).to_be_visible()
    page.get_by_role("button", name="Créer l’événement à la date retenue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier « Session de clôture »")
    assert not console_errors
