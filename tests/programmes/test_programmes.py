from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from apps.programmes import perms
from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory, PhaseFactory, ProgrammeFactory, SupportFileFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "view", "edit_support", "manage"),
    [
        ("anonymous", False, False, False),
        ("member", True, False, False),
        ("delegation", True, True, False),
        ("animator", True, True, True),
    ],
)
def test_permission_matrix(role, view, edit_support, manage):
    enrolment = EnrolmentFactory()
    user = {
        "anonymous": AnonymousUser(),
        "member": UserFactory(),
        "animator": UserFactory(animator=True),
    }.get(role)
    if role == "delegation":
        user = UserFactory()
        MembershipFactory(person=PersonFactory(user=user), organisation=enrolment.organisation)
    assert perms.can_view_programme(user, enrolment.programme) is view
    assert perms.can_edit_support(user, enrolment) is edit_support
    assert perms.can_manage_programme(user) is manage


def test_programme_page(client, django_assert_max_num_queries):
    programme = ProgrammeFactory(title="Territoires pilotes")
    phase = PhaseFactory(programme=programme, title="Sessions entre pairs")
    phase.events.add(EventFactory(title="Première session entre pairs"))
    for i in range(5):
        enrolment = EnrolmentFactory(programme=programme, label=f"Territoire {i}")
        enrolment.members.add(PersonFactory(), PersonFactory(elu=True))
        SupportFileFactory(enrolment=enrolment, subject=f"Sujet {i}")
    q = QuestionnaireFactory(
        programme=programme,
        title="Les 8 arbitrages",
        delegations=[e.organisation for e in programme.enrolments.all()],
    )
    ArbitrageQuestionFactory(questionnaire=q)
    client.force_login(UserFactory())
    with django_assert_max_num_queries(20):
        html = client.get(programme.get_absolute_url()).content.decode()
    assert "Première session entre pairs" in html and "Sujet 3" in html
    assert "Élu·e : 1" in html and "10 jours consommés sur 40" in html.replace(",", ".")
    assert "Les 8 arbitrages" in html and "0 délégation sur 5" in html
    assert client.get(reverse("programmes:list")).status_code == 200
    client.logout()
    assert client.get(programme.get_absolute_url()).status_code == 302


def test_delegation_edits_note_but_not_budget(client):
    support = SupportFileFactory()
    enrolment = support.enrolment
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), organisation=enrolment.organisation)
    client.force_login(user)
    url = reverse("programmes:support_edit", args=[enrolment.programme.slug, enrolment.pk])
    response = client.post(
        url, {"subject": "Cantine durable", "qualification_note": "1. Le projet…", "budget_days": "99"}
    )
    assert response.status_code == 302
    support.refresh_from_db()
    assert support.subject == "Cantine durable" and support.budget_days == Decimal(8)
    html = client.get(enrolment.get_absolute_url()).content.decode()
    assert "Cantine durable" in html and "Pourquoi ce choix ?" in html
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_animator_edits_budget_with_clear_errors(client):
    support = SupportFileFactory()
    enrolment = support.enrolment
    client.force_login(UserFactory(animator=True))
    url = reverse("programmes:support_edit", args=[enrolment.programme.slug, enrolment.pk])
    html = client.post(
        url, {"subject": "x", "budget_days": "beaucoup", "used_days": "-1", "status": "qualified"}
    ).content.decode()
    assert "Indiquez un nombre de jours" in html and "ne peut pas être négatif" in html
    client.post(url, {"subject": "x", "budget_days": "8", "used_days": "4.5", "status": "in_progress"})
    support.refresh_from_db()
    assert support.used_days == Decimal("4.5") and support.progress == 56


def test_opening_the_support_form_writes_nothing(client):
    """A delegation without a support file sees the empty form; the first save creates it."""
    from apps.programmes.models import SupportFile

    enrolment = EnrolmentFactory()
    client.force_login(UserFactory(animator=True))
    url = reverse("programmes:support_edit", args=[enrolment.programme.slug, enrolment.pk])
    assert client.get(url).status_code == 200
    assert not SupportFile.objects.filter(enrolment=enrolment).exists()
    response = client.post(
        url, {"subject": "Mobilité", "budget_days": "6", "used_days": "0", "status": "qualified"}
    )
    assert response.status_code == 302
    support = SupportFile.objects.get(enrolment=enrolment)
    assert support.subject == "Mobilité" and support.budget_days == Decimal(6)
