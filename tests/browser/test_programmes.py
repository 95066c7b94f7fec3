"""Browser tests of programmes: list, programme page, delegation page, support file form."""

import pytest
from playwright.sync_api import expect

from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory, PhaseFactory, ProgrammeFactory, SupportFileFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_programme_pages(page, live_server, assert_accessible, console_errors, login):
    programme = ProgrammeFactory(title="Parcours Territoires pilotes", description="Dix délégations.")
    phase = PhaseFactory(programme=programme, title="Sous-groupes de pairs")
    phase.events.add(EventFactory(title="Première session entre pairs"))
    support = SupportFileFactory(enrolment=EnrolmentFactory(programme=programme, label="Beauvais"))
    enrolment = support.enrolment
    user = UserFactory()
    person = PersonFactory(user=user, elu=True)
    MembershipFactory(person=person, organisation=enrolment.organisation)
    enrolment.members.add(person)
    q = QuestionnaireFactory(
        programme=programme, title="Les 8 arbitrages", delegations=[enrolment.organisation]
    )
    ArbitrageQuestionFactory(questionnaire=q)
    login(user)
    page.goto(f"{live_server.url}/parcours/")
    assert_accessible(page, "programmes-list")
    page.get_by_role("link", name="Parcours Territoires pilotes").click()
    expect(page.get_by_role("heading", name="Calendrier")).to_be_visible()
    expect(page.get_by_text("Les 8 arbitrages")).to_be_visible()
    assert_accessible(page, "programmes-detail")
    page.get_by_role("link", name="Beauvais").click()
    assert_accessible(page, "programmes-delegation")
    page.get_by_role("link", name="Compléter le dossier d’accompagnement").click()
    assert_accessible(page, "programmes-support-form")
    page.get_by_label("Note de qualification").fill("1. La commande publique responsable.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("La commande publique responsable.")).to_be_visible()
    assert not console_errors
