"""Browser tests of issue 15: event follow-up and attendance, the members' evaluation (builder,
answer, results) and the annual report. Every page: axe-core zero violations, no horizontal
scrolling at 390 and 1,280 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.evaluations import services as evaluation_services
from apps.events.models import EventKind
from apps.reports import services as report_services
from tests.browser.helpers import assert_no_horizontal_scroll
from tests.evaluations.factories import EvaluationQuestionFactory, SurveyFactory, member
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1280)
YEAR = timezone.localdate().year - 1


@pytest.fixture
def network(db):
    animator = UserFactory(animator=True, email="animatrice@exemple.test", first_name="Anne")
    respondent = member(email="membre@exemple.test", first_name="Mona")
    start = timezone.make_aware(datetime.datetime(YEAR, 6, 12, 9))
    event = EventFactory(
        kind=EventKind.SITE_VISIT,
        title="Visite de la chaufferie bois de la communauté de communes du Haut-Allier",
        start=start,
        end=start + datetime.timedelta(hours=3),
    )
    for index in range(6):
        RegistrationFactory(event=event, attended=[True, False, None][index % 3])
    from apps.events import services as event_services

    event_services.followup_item_create(
        event=event,
        user=animator,
        kind="video",
        title="Replay de la visite",
        url="https://video.exemple.test/v",
    )
    survey = SurveyFactory(title="Évaluation annuelle du réseau par ses membres", introduction="Dix minutes.")
    scale = EvaluationQuestionFactory(survey=survey, label="Êtes-vous satisfait·e des rencontres du réseau ?")
    nps = EvaluationQuestionFactory(survey=survey, nps=True)
    text = EvaluationQuestionFactory(survey=survey, text=True)
    multiple = EvaluationQuestionFactory(
        survey=survey, multiple=True, label="Quels formats vous sont utiles ?"
    )
    for index in range(6):
        evaluation_services.response_save(
            survey=survey,
            user=member(),
            answers={
                scale.pk: 1 + index % 5,
                nps.pk: 4 + index,
                text.pk: "Davantage de visites de terrain entre territoires voisins",
                multiple.pk: [index % 3],
            },
        )
    # Organisations that joined in a département, with active members: the report's maps.
    for code, name in (("34", "Hérault"), ("29", "Finistère"), ("974", "La Réunion")):
        departement = DepartementFactory(code=code, name=name)
        organisation = OrganisationFactory(
            territory=CommuneFactory(epci=None, departement=departement, region=departement.region)
        )
        type(organisation).objects.filter(pk=organisation.pk).update(
            created_at=timezone.make_aware(datetime.datetime(YEAR, 3, 3))
        )
        active = UserFactory()
        type(active).objects.filter(pk=active.pk).update(
            last_login=timezone.make_aware(datetime.datetime(YEAR, 4, 4))
        )
        MembershipFactory(person=PersonFactory(user=active), organisation=organisation)
    report = report_services.report_create(
        user=animator, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    report_services.report_texts_update(
        report=report,
        user=animator,
        texts={"introduction": "Une année **riche** en rencontres.", "proposals": "- Plus de visites"},
    )
    return {
        "animator": animator,
        "respondent": respondent,
        "event": event,
        "survey": survey,
        "report": report,
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_animator_pages_are_accessible_and_reflow(
    page, live_server, assert_accessible, console_errors, login, network, width
):
    page.set_viewport_size({"width": width, "height": 900})
    login(network["animator"])
    event, survey, report = network["event"], network["survey"], network["report"]
    for path, name, heading in [
        (f"/agenda/{event.slug}/participants/", "participants", f"Participants — {event.title}"),
        (f"/agenda/{event.slug}/suites/", "followup", f"Replays, liens et photos — {event.title}"),
        ("/evaluations/", "evaluations", "Évaluation du réseau"),
        ("/evaluations/nouvelle/", "evaluation-new", "Nouvelle évaluation"),
        (f"/evaluations/{survey.slug}/", "evaluation", survey.title),
        (f"/evaluations/{survey.slug}/resultats/", "evaluation-results", f"Résultats — {survey.title}"),
        ("/bilans/", "reports", "Bilans d'activité"),
        (f"/bilans/{report.pk}/", "report", report.title),
        (f"/bilans/{report.pk}/textes/", "report-texts", f"Textes du bilan — {report.title}"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        assert_no_horizontal_scroll(page, width)
        assert_accessible(page, f"report-{name}-{width}")
    assert console_errors == []


@pytest.mark.parametrize("width", WIDTHS)
def test_member_answers_the_survey(page, live_server, assert_accessible, login, network, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(network["respondent"])
    survey = network["survey"]
    page.goto(f"{live_server.url}/evaluations/")
    page.get_by_role("link", name=f"Répondre à « {survey.title} »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(survey.title)
    assert_no_horizontal_scroll(page, width)
    assert_accessible(page, f"report-evaluation-answer-{width}")
    # DSFR draws its own radios and checkboxes: people click the label.
    page.get_by_text("4 — Satisfait·e").click()
    page.locator("fieldset", has_text="Recommanderiez-vous").get_by_text("9", exact=True).click()
    page.get_by_label("Que faudrait-il changer ?").fill("Des visites plus fréquentes")
    page.locator("fieldset", has_text="Quels formats").get_by_text("Visites", exact=True).click()
    page.get_by_role("button", name="Envoyer ma réponse").click()
    expect(page.get_by_text("Merci : votre réponse est enregistrée")).to_be_visible()
    expect(page.get_by_label("4 — Satisfait·e")).to_be_checked()
    assert_accessible(page)


def test_attendance_is_recorded_in_the_browser(page, live_server, login, network):
    login(network["animator"])
    event = network["event"]
    page.goto(f"{live_server.url}/agenda/{event.slug}/participants/")
    page.locator("label", has_text="Absent·e").first.click()
    page.get_by_role("button", name="Enregistrer les présences").click()
    expect(page.get_by_text("Présences enregistrées")).to_be_visible()
    expect(page.get_by_role("radio", name="Absent·e").first).to_be_checked()
