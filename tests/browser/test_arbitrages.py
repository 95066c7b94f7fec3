"""Browser tests of arbitrage questionnaires: a delegation member answers, the recap shows it."""

import pytest
from playwright.sync_api import expect

from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegation_answers_and_recap(page, live_server, assert_accessible, console_errors, login):
    faverges, vimy = OrganisationFactory(name="Faverges"), OrganisationFactory(name="Vimy")
    member = UserFactory()
    MembershipFactory(person=PersonFactory(user=member), organisation=faverges)
    q = QuestionnaireFactory(title="Les 8 arbitrages", delegations=[faverges, vimy])
    ArbitrageQuestionFactory(
        questionnaire=q,
        position=1,
        short_label="A1",
        grid=True,
        label="Sessions entre pairs",
        grid_rows="10 mars\n24 mars",
    )
    ArbitrageQuestionFactory(questionnaire=q, position=2, short_label="A2", label="AGORA à Paris ?")
    ArbitrageQuestionFactory(
        questionnaire=q, position=3, short_label="A3", free_text=True, label="Retour d'expérience"
    )
    login(member)
    page.goto(f"{live_server.url}/arbitrages/")
    assert_accessible(page, "arbitrages-list")
    page.get_by_role("link", name="Les 8 arbitrages").click()
    assert_accessible(page, "arbitrages-detail")
    page.get_by_role("link", name="Faverges").click()
    assert_accessible(page, "arbitrages-answer")
    page.get_by_role("group", name="A1 — 10 mars : disponibles").get_by_label("Techniciens").check(force=True)
    page.get_by_role("group", name="AGORA à Paris ?").get_by_label("Oui").check(force=True)
    page.get_by_label("Retour d'expérience").fill("Ferme photovoltaïque et boucle Volte Face.")
    page.get_by_role("button", name="Enregistrer la réponse de la délégation").click()
    expect(page.get_by_text("La réponse de la délégation est enregistrée.")).to_be_visible()
    page.goto(f"{live_server.url}/arbitrages/{q.slug}/recapitulatif/")
    expect(page.get_by_role("table")).to_contain_text("10 mars : Techniciens")
    expect(page.get_by_role("table")).to_contain_text("Pas de réponse")
    assert_accessible(page, "arbitrages-recap")
    assert not console_errors


def test_questionnaire_form_is_accessible(page, live_server, assert_accessible, login):
    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/arbitrages/nouveau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouveau questionnaire d'arbitrages")
    assert_accessible(page, "arbitrages-form")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Choisissez au moins une délégation.")).to_be_visible()
    expect(page.get_by_text("Écrivez la question.")).to_have_count(1)
    assert_accessible(page, "arbitrages-form-errors")
