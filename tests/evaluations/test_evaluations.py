"""Issue 15, item 1: the members' evaluation — audience, one answer per person or organisation,
editable until closing, results with anonymity threshold, invitations and reminders, exports."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.core import tabular
from apps.directory.models import OrganisationType, PersonCategory
from apps.evaluations import perms, selectors, services
from apps.evaluations.models import AudienceKind, EvaluationInvitation, EvaluationResponse, QuestionKind
from apps.events.models import RegistrationStatus
from tests.evaluations.factories import EvaluationQuestionFactory, SurveyFactory, member
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory, RegionFactory, UserFactory

pytestmark = pytest.mark.django_db


# --------------------------------------------------------------------------- audience


def test_all_members_audience_is_people_of_active_organisations():
    survey = SurveyFactory()
    inside = member()
    UserFactory()  # an account with no organisation
    member(organisation=OrganisationFactory(pending=True))
    unverified = member()
    unverified.email_verified_at = None
    unverified.save()
    assert list(selectors.audience_users(survey)) == [inside]


def test_segment_audience_filters_category_type_and_region():
    region = RegionFactory()
    survey = SurveyFactory(
        audience=AudienceKind.SEGMENT,
        segment_categories=[PersonCategory.ELECTED],
        segment_organisation_types=[OrganisationType.EPCI],
        segment_region=region,
    )
    good_org = OrganisationFactory(type=OrganisationType.EPCI, territory=region)
    good = member(category=PersonCategory.ELECTED, organisation=good_org)
    member(category=PersonCategory.STAFF, organisation=good_org)  # wrong category
    member(category=PersonCategory.ELECTED, org_type=OrganisationType.EPCI)  # other region
    member(
        category=PersonCategory.ELECTED,
        organisation=OrganisationFactory(type=OrganisationType.MUNICIPALITY, territory=region),
    )
    assert list(selectors.audience_users(survey)) == [good]


def test_events_audience_is_participants_not_marked_absent():
    event, other = EventFactory(past=True), EventFactory(past=True)
    survey = SurveyFactory(audience=AudienceKind.EVENTS)
    survey.events.set([event])
    came, unknown, absent, waiting, elsewhere = (UserFactory() for _ in range(5))
    RegistrationFactory(event=event, user=came, attended=True)
    RegistrationFactory(event=event, user=unknown)
    RegistrationFactory(event=event, user=absent, attended=False)
    RegistrationFactory(event=event, user=waiting, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=other, user=elsewhere, attended=True)
    assert set(selectors.audience_users(survey)) == {came, unknown}


# --------------------------------------------------------------------------- answering


def _answer(client, survey, data):
    return client.post(reverse("evaluations:answer", args=[survey.slug]), data)


def test_one_answer_per_person_editable_until_closing(client):
    survey = SurveyFactory()
    scale = EvaluationQuestionFactory(survey=survey, required=True)
    text = EvaluationQuestionFactory(survey=survey, text=True)
    user = member()
    client.force_login(user)
    response = _answer(client, survey, {f"q{text.pk}": "Plus de visites"})
    assert "Cette question demande une réponse." in response.content.decode()
    assert _answer(client, survey, {f"q{scale.pk}": "4", f"q{text.pk}": "Plus de visites"}).status_code == 302
    assert _answer(client, survey, {f"q{scale.pk}": "2", f"q{text.pk}": ""}).status_code == 302
    stored = EvaluationResponse.objects.get()
    assert {a.question_id: (a.number, a.text) for a in stored.answers.all()} == {scale.pk: (2, "")}
    assert (
        stored.person_category == PersonCategory.STAFF
        and stored.organisation_type == OrganisationType.MUNICIPALITY
    )
    form = client.get(reverse("evaluations:answer", args=[survey.slug])).context["form"]
    assert form.initial == {f"q{scale.pk}": "2"}
    survey.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    survey.opens_on = survey.closes_on - datetime.timedelta(days=10)
    survey.save()
    assert _answer(client, survey, {f"q{scale.pk}": "5"}).status_code == 404
    with pytest.raises(services.SurveyClosed):
        services.response_save(survey=survey, user=user, answers={scale.pk: 5})
    assert EvaluationResponse.objects.get().answers.get().number == 2


def test_one_answer_per_organisation_is_shared_by_colleagues(client):
    survey = SurveyFactory(per_organisation=True)
    question = EvaluationQuestionFactory(survey=survey, single=True)
    organisation = OrganisationFactory()
    first, second = member(organisation=organisation), member(organisation=organisation)
    services.response_save(survey=survey, user=first, answers={question.pk: 0})
    services.response_save(survey=survey, user=second, answers={question.pk: 1})
    response = EvaluationResponse.objects.get()
    assert response.organisation == organisation and response.user is None
    assert response.answers.get().options == [1]
    assert selectors.response_of(survey, first) == response


def test_values_out_of_range_are_form_errors(client):
    survey = SurveyFactory()
    scale = EvaluationQuestionFactory(survey=survey)
    nps = EvaluationQuestionFactory(survey=survey, nps=True)
    multiple = EvaluationQuestionFactory(survey=survey, multiple=True)
    client.force_login(member())
    html = _answer(
        client, survey, {f"q{scale.pk}": "6", f"q{nps.pk}": "11", f"q{multiple.pk}": ["7"]}
    ).content.decode()
    assert html.count("Sélectionnez un choix valide") >= 3
    assert not EvaluationResponse.objects.exists()


# --------------------------------------------------------------------------- permissions


def _role(role):
    if role == "anonymous":
        return None
    if role == "animator":
        return UserFactory(animator=True)
    if role == "outsider":
        return UserFactory()  # an account attached to no organisation
    account = member()
    if role == "referent":
        account.person.memberships.update(is_referent=True)
    return account


@pytest.mark.parametrize(
    ("role", "answer", "manage", "results"),
    [
        ("anonymous", 302, 302, 302),
        ("outsider", 404, 404, 404),
        ("member", 200, 302, 404),  # detail redirects a member to the answer page
        ("referent", 200, 302, 404),
        ("animator", 404, 200, 200),  # animators manage; they are not in the audience
    ],
)
def test_permission_matrix(client, role, answer, manage, results):
    survey = SurveyFactory()
    EvaluationQuestionFactory(survey=survey)
    user = _role(role)
    if user:
        client.force_login(user)
    assert client.get(reverse("evaluations:answer", args=[survey.slug])).status_code == answer
    assert client.get(reverse("evaluations:detail", args=[survey.slug])).status_code == manage
    assert client.get(reverse("evaluations:results", args=[survey.slug])).status_code == results
    assert client.get(reverse("evaluations:results_export", args=[survey.slug, "csv"])).status_code in (
        (302, 404) if results != 200 else (302,)
    )
    for name in ("create",):
        status = client.get(reverse(f"evaluations:{name}")).status_code
        assert status == (200 if role == "animator" else 302 if role == "anonymous" else 404)
    assert perms.can_manage_survey(user, survey) is (role == "animator")


def test_draft_surveys_take_no_answer(client):
    survey = SurveyFactory(draft=True)
    EvaluationQuestionFactory(survey=survey)
    client.force_login(member())
    assert client.get(reverse("evaluations:answer", args=[survey.slug])).status_code == 404


# --------------------------------------------------------------------------- builder


def test_question_builder_validates_orders_and_locks_after_first_answer(client):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    client.post(
        reverse("evaluations:create"),
        {
            "title": "Évaluation 2026",
            "opens_on": timezone.localdate().isoformat(),
            "closes_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
            "is_anonymous": "on",
            "audience": "all",
        },
    )
    survey = SurveyFactory._meta.model.objects.get(title="Évaluation 2026")
    assert survey.is_anonymous and survey.status == "draft" and survey.created_by == animator
    add = reverse("evaluations:question_add", args=[survey.slug])
    html = client.post(
        add, {"kind": "single", "label": "Format préféré", "choices": "Webinaire"}
    ).content.decode()
    assert "au moins deux options" in html
    html = client.post(add, {"kind": "scale", "label": "Satisfaction", "choices": "a\nb"}).content.decode()
    assert "cinq libellés" in html
    client.post(add, {"kind": "single", "label": "Format préféré", "choices": "Webinaire\n\nVisite\n"})
    client.post(add, {"kind": "nps", "label": "Recommanderiez-vous le réseau ?"})
    first, second = survey.questions.all()
    assert first.choices == ["Webinaire", "Visite"]
    client.post(reverse("evaluations:question_move", args=[survey.slug, second.pk]), {"direction": "up"})
    assert [q.label for q in survey.questions.all()] == ["Recommanderiez-vous le réseau ?", "Format préféré"]
    client.post(reverse("evaluations:publish", args=[survey.slug]))
    survey.refresh_from_db()
    assert survey.is_published
    services.response_save(survey=survey, user=member(), answers={first.pk: 0})
    assert not perms.can_edit_questions(animator, survey)
    assert client.get(reverse("evaluations:question_update", args=[survey.slug, first.pk])).status_code == 404
    client.post(add, {"kind": "text", "label": "Trop tard"})
    assert survey.questions.count() == 2


# --------------------------------------------------------------------------- results


def _fill(survey, question, values, **member_kwargs):
    for value in values:
        services.response_save(survey=survey, user=member(**member_kwargs), answers={question.pk: value})


def test_results_figures_and_anonymity_threshold(client):
    survey = SurveyFactory()
    scale = EvaluationQuestionFactory(survey=survey)
    _fill(survey, scale, [5, 4, 4], category=PersonCategory.ELECTED)
    result = selectors.results(survey)
    assert result.hidden and result.responses == 3 and result.questions == []
    _fill(survey, scale, [2, 3, 5, 4, 1], category=PersonCategory.STAFF, org_type=OrganisationType.EPCI)
    result = selectors.results(survey)
    assert not result.hidden and result.responses == 8 and result.audience == 8
    qr = result.questions[0]
    assert [row.count for row in qr.rows] == [1, 1, 1, 3, 2]
    assert qr.respondents == 8 and qr.mean == round((5 + 4 + 4 + 2 + 3 + 5 + 4 + 1) / 8, 2)
    groups = {row.label: row for row in qr.groups["Catégorie de personne"]}
    assert groups["Élu·e"].hidden and groups["Élu·e"].mean is None  # 3 answers: never shown
    assert not groups["Agent·e / technicien·ne"].hidden and groups["Agent·e / technicien·ne"].mean == 3.0
    client.force_login(UserFactory(animator=True))
    html = client.get(reverse("evaluations:results", args=[survey.slug])).content.decode()
    assert "moins de 5 : non détaillé" in html
    survey.is_anonymous = False
    survey.save()
    groups = {
        row.label: row for row in selectors.results(survey).questions[0].groups["Catégorie de personne"]
    }
    assert groups["Élu·e"].mean == round(13 / 3, 2)


def test_results_page_is_cached_until_a_service_changes_them(client):
    """The results page reads the shared cache under the survey's generation: a new answer, a
    question or a settings change bumps it, so the page never shows stale figures."""
    from django.core.cache import cache

    cache.clear()
    survey = SurveyFactory()
    scale = EvaluationQuestionFactory(survey=survey)
    _fill(survey, scale, [5, 4, 4, 3, 2])
    client.force_login(UserFactory(animator=True))
    url = reverse("evaluations:results", args=[survey.slug])
    first = client.get(url)
    assert first.context["results"].responses == 5
    generation = survey.results_generation
    # Warm: the figures come from the cache (what is left: session, user, survey, permissions).
    with CaptureQueriesContext(connection) as warm:
        client.get(url)
    assert not any('"evaluations_evaluationanswer"' in q["sql"] for q in warm.captured_queries)
    _fill(survey, scale, [1])
    survey.refresh_from_db()
    assert survey.results_generation == generation + 1
    assert client.get(url).context["results"].responses == 6
    services.question_add(survey=survey, kind=QuestionKind.NPS, label="Recommanderiez-vous le réseau ?")
    assert len(client.get(url).context["results"].questions) == 2
    services.survey_update(survey=survey, data={"is_anonymous": False}, events=[])
    survey.refresh_from_db()
    assert client.get(url).context["results"].survey.is_anonymous is False


def test_nps_choices_and_recurring_ideas():
    survey = SurveyFactory(is_anonymous=False)
    nps = EvaluationQuestionFactory(survey=survey, nps=True)
    multiple = EvaluationQuestionFactory(survey=survey, multiple=True)
    text = EvaluationQuestionFactory(survey=survey, text=True)
    answers = [
        (10, [0, 1], "Plus de visites de terrain"),
        (9, [1], "Des visites de terrain dans le sud"),
        (7, [], "Rien"),
        (3, [2], "Davantage de visites de terrain"),
    ]
    for score, options, idea in answers:
        services.response_save(
            survey=survey, user=member(), answers={nps.pk: score, multiple.pk: options, text.pk: idea}
        )
    result = selectors.results(survey)
    qn, qm, qt = result.questions
    assert qn.nps == round(100 * (2 - 1) / 4) and qn.respondents == 4
    assert [(row.label, row.count) for row in qm.rows] == [
        ("Webinaires", 1),
        ("Visites", 2),
        ("Formations", 1),
    ]
    assert qm.respondents == 3
    terms = {term["label"].lower(): term["count"] for term in qt.ideas["terms"]}
    assert terms["visites"] == 3 and terms["terrain"] == 3


# --------------------------------------------------------------------------- mail


def test_invitations_and_reminders_go_once_through_the_worker(django_capture_on_commit_callbacks):
    survey = SurveyFactory()
    question = EvaluationQuestionFactory(survey=survey)
    people = [member() for _ in range(3)]
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_invitations_enqueue(survey=survey)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    assert "repondre/" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_invitations_enqueue(survey=survey)  # again: nobody twice
    assert mail.outbox == []
    late = member()
    services.response_save(survey=survey, user=people[0], answers={question.pk: 4})
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_invitations_enqueue(survey=survey, reminder=True)
    # Reminders: invited people who have not answered; the newcomer was never invited.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[1:])
    assert "Rappel" in mail.outbox[0].subject
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_invitations_enqueue(survey=survey, reminder=True)
    assert mail.outbox == []
    assert EvaluationInvitation.objects.filter(user=late).count() == 0


def test_closed_survey_sends_nothing(django_capture_on_commit_callbacks):
    survey = SurveyFactory(closed=True)
    member()
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_invitations_enqueue(survey=survey)
    assert mail.outbox == []


# --------------------------------------------------------------------------- exports


def test_exports_anonymous_without_identity_and_named_with_it(client):
    survey = SurveyFactory()
    text = EvaluationQuestionFactory(survey=survey, text=True, label="Une idée ?")
    people = [member(first_name=f"Prénom{i}") for i in range(5)]
    for index, person in enumerate(people):
        services.response_save(survey=survey, user=person, answers={text.pk: f'=HYPERLINK("x") idée {index}'})
    client.force_login(UserFactory(animator=True))
    body = client.get(reverse("evaluations:results_export", args=[survey.slug, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Prénom" not in body and "'=HYPERLINK" in body and body.count("\r\n") == 6
    xlsx = client.get(reverse("evaluations:results_export", args=[survey.slug, "xlsx"]))
    table = tabular.read_table(xlsx.content, "r.xlsx")
    assert table.headers == ["Réponse", "Une idée ?"] and len(table.rows) == 5
    survey.is_anonymous = False
    survey.save()
    body = client.get(reverse("evaluations:results_export", args=[survey.slug, "csv"])).content.decode(
        "utf-8-sig"
    )
    assert "Prénom0" in body and "Organisation" in body


def test_anonymous_export_refused_below_threshold(client):
    survey = SurveyFactory()
    question = EvaluationQuestionFactory(survey=survey)
    _fill(survey, question, [3, 4])
    client.force_login(UserFactory(animator=True))
    response = client.get(reverse("evaluations:results_export", args=[survey.slug, "csv"]))
    assert response.status_code == 302


def test_question_kinds_cover_the_issue():
    assert {k.value for k in QuestionKind} == {"scale", "single", "multiple", "text", "nps"}


def test_reminder_command_reminds_surveys_closing_soon(django_capture_on_commit_callbacks):
    from django.core.management import call_command

    soon = SurveyFactory(closes_on=timezone.localdate() + datetime.timedelta(days=3))
    later = SurveyFactory()
    people = [member() for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        for survey in (soon, later):
            services.survey_invitations_enqueue(survey=survey)
    mail.outbox.clear()
    import io

    with django_capture_on_commit_callbacks(execute=True):
        call_command("evaluations_send_reminders", stdout=io.StringIO())
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminders_sent_at is not None and later.reminders_sent_at is None


def test_personal_data_export_and_erasure():
    from apps.accounts.services import user_erase, user_export_data

    survey = SurveyFactory(named=True)
    question = EvaluationQuestionFactory(survey=survey, single=True, label="Format préféré")
    person = member()
    services.response_save(survey=survey, user=person, answers={question.pk: 1})
    exported = user_export_data(user=person)["other_data"]["evaluations"]
    assert exported["réponses aux évaluations"][0]["réponses"] == [
        {"question": "Format préféré", "réponse": "Non"}
    ]
    user_erase(user=person)
    response = EvaluationResponse.objects.get()
    assert response.user is None and response.updated_by is None and response.answers.count() == 1
