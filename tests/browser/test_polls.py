"""Browser tests of date polls: creation with date pickers, answering Framadate-style (nothing
pre-set), results grouped by day (a table on wide screens, a list on phones), closing."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_widths
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_poll_lifecycle(page, live_server, assert_accessible, console_errors, login):
    author = UserFactory(animator=True, first_name="Anne", last_name="Animatrice")
    login(author)
    page.goto(f"{live_server.url}/sondages/")
    assert_accessible(page, "polls-list-empty")
    page.get_by_role("link", name="Nouveau sondage").click()
    check_widths(page, assert_accessible, "polls-create")
    page.get_by_label("Titre").fill("Session de clôture")
    first = page.get_by_role("group", name="Date 1")
    first.get_by_label("Date").fill("2027-09-13")
    first.get_by_label("De", exact=False).fill("18:00")
    first.get_by_label("À", exact=False).fill("22:00")
    second = page.get_by_role("group", name="Date 2")
    second.get_by_label("Date").fill("2027-09-14")
    second.get_by_label("De", exact=False).fill("18:00")
    second.get_by_label("À", exact=False).fill("22:00")
    third = page.get_by_role("group", name="Date 3")
    third.get_by_label("Date").fill("2027-09-14")
    third.get_by_label("Précision").fill("en visio")
    page.get_by_role("button", name="Créer le sondage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session de clôture")
    # Nothing is pre-set: submitting without choosing is refused, with the dates left to answer.
    assert page.locator("form[action$='/repondre/'] input[type=radio]:checked").count() == 0
    page.locator("form[action$='/repondre/'] input[type=radio]").first.evaluate(
        "el => el.form.noValidate = true"
    )
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(page.get_by_text("3 dates sans réponse")).to_be_visible()
    check_widths(page, assert_accessible, "polls-answer-error")
    page.get_by_role("group", name="lundi 13 septembre 2027, 18h00–22h00").get_by_label("Non").check(
        force=True
    )
    page.get_by_role("group", name="mardi 14 septembre 2027, 18h00–22h00").get_by_label("Oui").check(
        force=True
    )
    page.get_by_role("group", name="mardi 14 septembre 2027, Toute la journée — en visio").get_by_label(
        "Si besoin"
    ).check(force=True)
    page.get_by_role("button", name="Enregistrer ma réponse").click()
    expect(page.get_by_text("Votre réponse est enregistrée")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.get_by_role("table")).to_contain_text("Animatrice")
    expect(page.get_by_role("columnheader", name="mardi 14 septembre 2027")).to_be_visible()
    check_widths(page, assert_accessible, "polls-detail")
    page.set_viewport_size({"width": 390, "height": 900})
    expect(page.get_by_role("table")).to_be_hidden()
    expect(page.locator(".poll-slot--best")).to_contain_text("Meilleur créneau")
    page.get_by_role("link", name="Modifier le sondage").click()
    new = page.get_by_role("group", name="Date 1")
    new.get_by_label("Date").fill("2027-09-16")
    new.get_by_label("Précision").fill("à la mairie")
    check_widths(page, assert_accessible, "polls-edit")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("jeudi 16 septembre 2027").first).to_be_visible()
    page.get_by_role("link", name="Clore et choisir la date").click()
    page.get_by_label("Option retenue").select_option(label="mardi 14 septembre 2027, 18h00–22h00")
    page.get_by_label("Je confirme la clôture").check(force=True)
    assert_accessible(page, "polls-close")
    page.get_by_role("button", name="Clore le sondage").click()
    expect(page.get_by_text("Option retenue : mardi 14 septembre 2027, 18h00–22h00")).to_be_visible()
    page.get_by_role("button", name="Créer l’événement à la date retenue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Modifier « Session de clôture »")
    # The refused answer is a 400 (the form with its errors), logged by the browser; nothing else.
    assert [e for e in console_errors if "status of 400" not in e] == []
