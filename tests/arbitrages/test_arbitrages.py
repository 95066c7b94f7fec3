import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.arbitrages import perms, services
from apps.arbitrages.models import ArbitrageResponse
from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    annecy, arras = OrganisationFactory(name="Annecy"), OrganisationFactory(name="Arras")
    member = UserFactory(email="agent@annecy.test")
    MembershipFactory(person=PersonFactory(user=member), organisation=annecy)
    colleague = UserFactory(email="elu@annecy.test")
    MembershipFactory(person=PersonFactory(user=colleague, elu=True), organisation=annecy)
    arras_member = UserFactory(email="agent@arras.test")
    MembershipFactory(person=PersonFactory(user=arras_member), organisation=arras)
    q = QuestionnaireFactory(delegations=[annecy, arras], deadline=timezone.now() + timedelta(days=2))
    yes_no = ArbitrageQuestionFactory(questionnaire=q, position=1, short_label="AGORA")
    grid = ArbitrageQuestionFactory(
        questionnaire=q, position=2, grid=True, short_label="Sessions entre pairs"
    )
    text = ArbitrageQuestionFactory(questionnaire=q, position=3, free_text=True, short_label="Alimentation")
    single = ArbitrageQuestionFactory(questionnaire=q, position=4, single_choice=True, short_label="Format")
    multi = ArbitrageQuestionFactory(questionnaire=q, position=5, multiple_choice=True, short_label="Thèmes")
    date_q = ArbitrageQuestionFactory(questionnaire=q, position=6, date_answer=True, short_label="Clôture")
    return {
        "q": q,
        "annecy": annecy,
        "arras": arras,
        "member": member,
        "colleague": colleague,
        "arras_member": arras_member,
        "yes_no": yes_no,
        "grid": grid,
        "text": text,
        "single": single,
        "multi": multi,
        "date": date_q,
    }


@pytest.mark.parametrize(
    ("role", "view", "answer_annecy", "manage"),
    [
        ("anonymous", False, False, False),
        ("outsider", False, False, False),
        ("member", True, True, False),
        ("arras_member", True, False, False),
        ("animator", True, True, True),
    ],
)
def test_permission_matrix(setup, role, view, answer_annecy, manage):
    user = {
        "anonymous": AnonymousUser(),
        "outsider": UserFactory(),
        "member": setup["member"],
        "arras_member": setup["arras_member"],
        "animator": UserFactory(animator=True),
    }[role]
    q = setup["q"]
    assert perms.can_view_questionnaire(user, q) is view
    assert perms.can_answer(user, q, setup["annecy"]) is answer_annecy
    assert perms.can_manage_questionnaires(user) is manage


def test_after_deadline_nobody_edits(setup):
    q = setup["q"]
    q.deadline = timezone.now() - timedelta(minutes=1)
    q.save()
    assert not perms.can_answer(setup["member"], q, setup["annecy"])
    assert not perms.can_answer(UserFactory(animator=True), q, setup["annecy"])


def post_answer(client, s, **overrides):
    data = {
        f"q{s['yes_no'].pk}": "yes",
        f"q{s['grid'].pk}_r0": ["Techniciens", "Élus"],
        f"q{s['grid'].pk}_r2": ["DDT"],
        f"q{s['text'].pk}": "Relations urbain/rural",
        f"q{s['single'].pk}": "Visio",
        f"q{s['multi'].pk}": ["Énergie"],
        f"q{s['date'].pk}": "2027-09-14",
        **overrides,
    }
    return client.post(reverse("arbitrages:answer", args=[s["q"].slug, s["annecy"].slug]), data)


def test_one_answer_per_delegation_with_history_and_recap(client, setup):
    s = setup
    client.force_login(s["member"])
    assert post_answer(client, s).status_code == 302
    client.force_login(s["colleague"])
    post_answer(client, s, **{f"q{s['yes_no'].pk}": "no"})
    response = ArbitrageResponse.objects.get()
    assert response.answers[str(s["yes_no"].pk)] == "no"
    assert response.answers[str(s["grid"].pk)] == {
        "10 mars": ["Techniciens", "Élus"],
        "24 mars": [],
        "7 avril": ["DDT"],
    }
    assert response.revisions.count() == 2 and response.updated_by == s["colleague"]
    html = client.get(reverse("arbitrages:answer", args=[s["q"].slug, s["annecy"].slug])).content.decode()
    assert "Historique" in html
    # Another delegation's member cannot write Annecy's answer.
    client.force_login(s["arras_member"])
    assert post_answer(client, s).status_code == 403
    recap = client.get(reverse("arbitrages:recap", args=[s["q"].slug])).content.decode()
    assert "10 mars : Techniciens, Élus ; 7 avril : DDT" in recap
    assert "Pas de réponse" in recap and "Complète" in recap


def test_form_errors(client, setup):
    s = setup
    client.force_login(s["member"])
    response = post_answer(
        client, s, **{f"q{s['yes_no'].pk}": "", f"q{s['single'].pk}": "Autre", f"q{s['date'].pk}": "31/02"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Répondez à cette question" in html and "Choisissez une des réponses proposées" in html
    assert "Saisissez une date valide" in html
    assert not ArbitrageResponse.objects.exists()


def test_exports(client, setup):
    s = setup
    client.force_login(s["member"])
    post_answer(client, s)
    assert client.get(reverse("arbitrages:export", args=[s["q"].slug, "xlsx"])).status_code == 403
    client.force_login(UserFactory(animator=True))
    csv_text = client.get(reverse("arbitrages:export", args=[s["q"].slug, "csv"])).content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("Délégation;État;AGORA;Sessions entre pairs")
    assert "Annecy;complète;Oui" in csv_text and "Arras;pas de réponse" in csv_text
    xlsx = client.get(reverse("arbitrages:export", args=[s["q"].slug, "xlsx"]))
    ws = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("Délégation", "État", "AGORA")
    assert rows[1][0] == "Annecy" and rows[1][7] == "14/09/2027"
    assert client.get(reverse("arbitrages:export", args=[s["q"].slug, "pdf"])).status_code == 404


def test_send_and_reminders(client, setup, django_capture_on_commit_callbacks):
    s = setup
    q = s["q"]
    q.status = "draft"
    q.save()
    client.force_login(UserFactory(animator=True))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("arbitrages:send", args=[q.slug]), {"confirm": "on"})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "agent@annecy.test",
        "agent@arras.test",
        "elu@annecy.test",
    ]
    services.response_save(
        questionnaire=q,
        delegation=s["annecy"],
        answers={str(s["yes_no"].pk): "yes", str(s["grid"].pk): {}, str(s["single"].pk): "Visio"},
        by=s["member"],
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("arbitrages_send_reminders")
    assert [m.to for m in mail.outbox] == [["agent@arras.test"]]
    assert "Relance" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        call_command("arbitrages_send_reminders")
    assert len(mail.outbox) == 1  # once a day


def test_close(client, setup):
    client.force_login(UserFactory(animator=True))
    q = setup["q"]
    client.post(reverse("arbitrages:close", args=[q.slug]), {"confirm": "on"})
    q.refresh_from_db()
    assert q.status == "closed" and not q.accepts_answers


def test_list_pages(client, setup, django_assert_max_num_queries):
    client.force_login(setup["member"])
    with django_assert_max_num_queries(10):
        html = client.get(reverse("arbitrages:list")).content.decode()
    assert setup["q"].title in html
    client.force_login(UserFactory())
    assert setup["q"].title not in client.get(reverse("arbitrages:list")).content.decode()
    # Not one of its delegations: the questionnaire does not exist for them (404, never 403).
    assert client.get(reverse("arbitrages:detail", args=[setup["q"].slug])).status_code == 404


def formset_data(questions, prefix="questions"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(questions)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "1",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, q in enumerate(questions):
        for key, value in q.items():
            data[f"{prefix}-{i}-{key}"] = value
    return data


def test_animator_writes_questionnaire_then_sends_it(client):
    from apps.arbitrages.models import Questionnaire
    from tests.programmes.factories import EnrolmentFactory

    enrolment = EnrolmentFactory()
    EnrolmentFactory(programme=enrolment.programme)
    client.force_login(UserFactory())
    assert client.get(reverse("arbitrages:create")).status_code == 403
    client.force_login(UserFactory(animator=True))
    assert client.get(reverse("arbitrages:create")).status_code == 200
    base = {"title": "Arbitrages de printemps", "programme": enrolment.programme.pk, "whole_programme": "on"}
    bad = client.post(
        reverse("arbitrages:create"),
        {
            **base,
            **formset_data(
                [
                    {
                        "position": "1",
                        "kind": "single",
                        "short_label": "Format",
                        "label": "Quel format ?",
                        "choices": "Visio",
                        "required": "on",
                    }
                ]
            ),
        },
    )
    assert "Proposez au moins deux choix" in bad.content.decode()
    grid = {
        "position": "2",
        "kind": "grid",
        "short_label": "Dispos",
        "label": "Vos disponibilités",
        "grid_rows": "10 mars\n24 mars",
        "grid_columns": "Élus\nTechniciens",
        "required": "on",
    }
    empty_extra = {
        "position": "0",
        "grid_columns": "Techniciens\r\nÉlus\r\nPartenaires\r\nDDT",
        "required": "on",
    }
    response = client.post(
        reverse("arbitrages:create"),
        {
            **base,
            **formset_data(
                [
                    {
                        "position": "1",
                        "kind": "yes_no",
                        "short_label": "AGORA",
                        "label": "AGORA ?",
                        "required": "on",
                    },
                    grid,
                    empty_extra,
                ]
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    q = Questionnaire.objects.get(title="Arbitrages de printemps")
    assert q.status == "draft" and q.delegations.count() == 2
    assert [x.short_label for x in q.questions.all()] == ["AGORA", "Dispos"]
    assert q.questions.get(short_label="Dispos").row_list == ["10 mars", "24 mars"]
    client.post(reverse("arbitrages:send", args=[q.slug]), {"confirm": "on"})
    q.refresh_from_db()
    assert q.status == "open"
    # Sent: no more edits.
    assert client.get(reverse("arbitrages:update", args=[q.slug])).status_code == 302
