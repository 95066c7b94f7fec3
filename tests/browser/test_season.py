"""Issue 14, "Done when": a coordinator runs a season — settings, invitations, moderation, events,
polls, programmes, figures — without /admin/. One walk through the browser, starting from the
cockpit each time and following its links, doing each task for real and checking what it
changed in the database; no page on the way links to /admin/, every page is axe-core clean, fits
the screen and logs no console error (strict CSP)."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.directory.models import Invitation
from apps.events.models import Event
from apps.polls.models import Poll
from apps.programmes.models import Programme
from apps.questions.models import State as QuestionState
from tests.browser.helpers import horizontal_overflow
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.questions.factories import QuestionFactory

pytestmark = [pytest.mark.django_db(transaction=True)]


@pytest.fixture
def season(db):
    animator = UserFactory(animator=True, email="coordination@exemple.test", first_name="Anne")
    organisation = OrganisationFactory(name="Communauté de communes du Thouarsais", siren="200040541")
    for n in range(25):
        OrganisationFactory(name=f"Mairie du réseau {n:02d}")
    colleague = UserFactory(email="colleague@exemple.test")
    MembershipFactory(person=PersonFactory(user=colleague), organisation=organisation)
    question = QuestionFactory(
        state=QuestionState.PENDING, title="Comment mutualiser un conseiller énergie ?"
    )
    return {"animator": animator, "organisation": organisation, "colleague": colleague, "question": question}


def test_a_coordinator_runs_a_season_without_admin(
    page, live_server, login, assert_accessible, console_errors, season
):
    page.set_viewport_size({"width": 1280, "height": 900})
    visited = []

    def check(name):
        page.wait_for_load_state()
        visited.append(page.url)
        assert page.locator("a[href^='/admin'], form[action^='/admin']").count() == 0, page.url
        assert horizontal_overflow(page) <= 0, page.url
        assert_accessible(page, f"season-{len(visited):02d}-{name}")

    def tool(name):
        """Back to the cockpit (the coordinator's starting page), then one of its tools' links (the
        panel of tools is open on the cockpit's first page)."""
        page.goto(f"{live_server.url}/animation/")
        page.get_by_role("navigation", name="Outils de l'animation").get_by_role("link", name=name).click()

    login(season["animator"])
    page.goto(f"{live_server.url}/animation/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check("figures")

    # Settings.
    page.get_by_role("link", name="Réglages du réseau").first.click()
    page.get_by_label("Nom du réseau", exact=True).fill("Réseau Transition Deux-Sèvres")
    check("settings")
    page.get_by_role("button", name="Enregistrer les réglages").click()
    expect(page.locator("main")).to_contain_text("Les réglages du réseau sont enregistrés")

    # Invitations, with a personal message.
    tool("Inviter des personnes")
    page.get_by_label("Adresses à inviter").fill("elue.thouars@exemple.test\nagent.parthenay@exemple.test")
    page.get_by_label("Organisation à rejoindre").fill("200040541")  # by SIREN
    page.get_by_label("Message personnel").fill("Bienvenue dans le réseau pour la saison 2027 !")
    check("invitations")
    page.get_by_role("button", name="Envoyer les invitations").click()
    page.wait_for_load_state()
    assert set(Invitation.objects.values_list("email", flat=True)) == {
        "elue.thouars@exemple.test",
        "agent.parthenay@exemple.test",
    }
    expect(page.locator("main")).to_contain_text("elue.thouars@exemple.test")
    check("invitation-list")

    # Moderation.
    page.get_by_role("link", name="Modération").first.click()
    check("moderation")
    page.get_by_role("button", name=f"Publier : {season['question'].title}").click()
    check("moderation-confirm")
    page.get_by_role("button", name=re.compile(r"^Confirmer")).click()
    expect(page.locator("main")).to_contain_text("1 élément(s) publiée(s).")
    season["question"].refresh_from_db()
    assert season["question"].state == QuestionState.PUBLISHED

    # An event, organised by a network organisation found with the organisation picker.
    tool("Créer un événement")
    start = timezone.localtime() + datetime.timedelta(days=30)
    page.get_by_label("Titre", exact=True).fill("Rencontre de rentrée du réseau")
    page.get_by_label("Type", exact=True).select_option(index=1)
    page.get_by_label("Début").fill(start.strftime("%Y-%m-%dT09:30"))
    page.get_by_label("Fin", exact=True).fill(start.strftime("%Y-%m-%dT17:00"))
    organisers = page.get_by_role("combobox", name="Organisateurs")
    organisers.click()
    organisers.fill("thouars")
    page.get_by_role("option", name="Communauté de communes du Thouarsais (Commune,", exact=False).click()
    page.keyboard.press("Escape")
    page.locator("input[name=place_name]").fill("Salle des fêtes de Thouars")
    page.get_by_label("Nombre de places").fill("40")
    check("event-form")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_load_state()
    assert page.locator(".fr-error-text, .fr-alert--error").all_inner_texts() == []
    event = Event.objects.get(title="Rencontre de rentrée du réseau")
    assert list(event.organisers.all()) == [season["organisation"]]
    check("event")

    # A date poll, then its invitees: all the people of an organisation.
    tool("Sondages de dates")
    page.get_by_role("link", name="Nouveau sondage").click()
    page.get_by_label("Titre", exact=True).fill("Comité de pilotage de printemps")
    day = (timezone.localdate() + datetime.timedelta(days=60)).isoformat()
    page.locator("input[name=option_1_date]").fill(day)
    page.locator("input[name=option_2_date]").fill(
        (timezone.localdate() + datetime.timedelta(days=61)).isoformat()
    )
    check("poll-form")
    page.get_by_role("button", name="Créer le sondage").click()
    page.wait_for_load_state()
    poll = Poll.objects.get(title="Comité de pilotage de printemps")
    assert poll.options.count() == 2
    page.get_by_role("link", name="Personnes invitées").first.click()
    invitees = page.get_by_role("combobox", name="Et toutes les personnes de ces organisations")
    invitees.click()
    invitees.fill("200040")  # by SIREN
    page.get_by_role("option", name="Communauté de communes du Thouarsais (Commune,", exact=False).click()
    page.keyboard.press("Escape")
    check("poll-invitees")
    page.get_by_role("button", name="Ajouter aux personnes invitées").click()
    page.wait_for_load_state()
    assert set(poll.invitees.values_list("user_id", flat=True)) == {season["colleague"].pk}

    # A programme and its first phase.
    tool("Créer un parcours")
    page.get_by_label("Titre", exact=True).fill("Territoires pilotes 2027")
    check("programme-form")
    page.get_by_role("button", name="Créer le parcours").click()
    page.wait_for_load_state()
    programme = Programme.objects.get(title="Territoires pilotes 2027")
    page.get_by_role("link", name="Ajouter une phase").click()
    page.get_by_label("Titre", exact=True).fill("Diagnostic partagé")
    page.get_by_role("button", name="Enregistrer la phase").click()
    page.wait_for_load_state()
    assert list(programme.phases.values_list("title", flat=True)) == ["Diagnostic partagé"]
    check("programme")

    # The figures again, and the season's figures export as CSV.
    page.goto(f"{live_server.url}/animation/")
    check("figures-end")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger tous les chiffres de la période (CSV)").click()
    assert download.value.suggested_filename.endswith(".csv")

    assert all("/admin" not in url for url in visited)
    assert console_errors == []
