"""The programme team runs programmes without /admin/: programmes, phases, delegations and
accompaniment days, with the permission matrix of every management page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.programmes import services
from apps.programmes.models import Enrolment, Phase, Programme, SupportDay
from tests.events.factories import EventFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.programmes.factories import EnrolmentFactory, PhaseFactory, SupportFileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    enrolment = EnrolmentFactory()
    support = SupportFileFactory(enrolment=enrolment, used_days=0)
    day = SupportDay.objects.create(support=support, date="2026-10-01", days=Decimal(1))
    delegate = UserFactory()
    MembershipFactory(person=PersonFactory(user=delegate), organisation=enrolment.organisation)
    return {
        "programme": enrolment.programme,
        "enrolment": enrolment,
        "phase": PhaseFactory(programme=enrolment.programme),
        "day": day,
        "users": {
            "anonymous": None,
            "member": UserFactory(),
            "delegation": delegate,
            "animator": UserFactory(animator=True),
        },
    }


def _urls(setup):
    slug, pk = setup["programme"].slug, setup["enrolment"].pk
    return [
        reverse("programmes:create"),
        reverse("programmes:edit", args=[slug]),
        reverse("programmes:phase_create", args=[slug]),
        reverse("programmes:phase_edit", args=[slug, setup["phase"].pk]),
        reverse("programmes:phase_delete", args=[slug, setup["phase"].pk]),
        reverse("programmes:enrolment_create", args=[slug]),
        reverse("programmes:enrolment_edit", args=[slug, pk]),
        reverse("programmes:enrolment_delete", args=[slug, pk]),
        reverse("programmes:support_day_add", args=[slug, pk]),
        reverse("programmes:support_day_delete", args=[slug, pk, setup["day"].pk]),
    ]


@pytest.mark.parametrize("role", ["anonymous", "member", "delegation", "animator"])
def test_management_pages_are_for_the_programme_team(client, setup, role):
    user = setup["users"][role]
    if user:
        client.force_login(user)
    for url in _urls(setup):
        status = client.get(url).status_code
        expected = {"anonymous": 302, "animator": 200}.get(role, 403)
        assert status == expected, url
        if role != "animator":
            client.post(url, {"confirm": "on", "title": "x"})
    # Nothing was written by the refused posts.
    assert Phase.objects.filter(pk=setup["phase"].pk).exists()
    assert Enrolment.objects.filter(pk=setup["enrolment"].pk).exists()
    assert Programme.objects.count() == 1


def test_list_links_to_the_form_not_to_the_admin(client):
    client.force_login(UserFactory(animator=True))
    html = client.get(reverse("programmes:list")).content.decode()
    assert "/admin/" not in html and reverse("programmes:create") in html


def test_animator_creates_a_programme_with_a_phase_and_a_delegation(client):
    organiser = OrganisationFactory(name="Réseau régional de la transition", siren="200067106")
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("programmes:create"),
        {
            "title": "Territoires pilotes 2027",
            "organiser": "reseau regional de la TRANSITION",
            "start_date": "2027-01-10",
            "end_date": "2027-12-10",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302 and programme.organiser == organiser
    start = datetime.datetime(2027, 2, 1, 10, tzinfo=datetime.UTC)
    session = EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    client.post(
        reverse("programmes:phase_create", args=[programme.slug]),
        {"title": "Lancement", "position": "1", "events": [session.pk]},
    )
    assert list(programme.phases.get().events.all()) == [session]
    delegation = OrganisationFactory(name="Communauté d'agglomération d'Annecy")
    people = [PersonFactory(organisation=delegation) for _ in range(2)]
    client.post(
        reverse("programmes:enrolment_create", args=[programme.slug]),
        {"organisation": "200067106", "label": "Pilote"},
    )
    assert programme.enrolments.get().organisation == organiser  # found by its SIREN
    client.post(
        reverse("programmes:enrolment_create", args=[programme.slug]),
        {"organisation": delegation.name, "label": "Annecy"},
    )
    enrolment = programme.enrolments.get(organisation=delegation)
    assert enrolment.label == "Annecy"
    assert set(enrolment.members.all()) == set(people)
    response = client.post(
        reverse("programmes:enrolment_create", args=[programme.slug]), {"organisation": delegation.name}
    )
    assert "déjà inscrite" in response.content.decode()


def test_programme_form_errors_are_french(client):
    client.force_login(UserFactory(animator=True))
    html = client.post(
        reverse("programmes:create"),
        {"title": "", "organiser": "Inconnue", "start_date": "2027-05-01", "end_date": "2027-01-01"},
    ).content.decode()
    assert "Indiquez le titre." in html
    assert "Aucune organisation de l&#x27;annuaire ne s&#x27;appelle" in html
    assert "ne peut pas précéder son début" in html
    assert not Programme.objects.exists()


def test_accompaniment_days_make_the_used_days(client, setup):
    enrolment = setup["enrolment"]
    client.force_login(setup["users"]["animator"])
    url = reverse("programmes:support_day_add", args=[enrolment.programme.slug, enrolment.pk])
    client.post(url, {"date": "2026-11-03", "days": "0,5", "expert": "Claire", "notes": "Atelier **PAT**"})
    enrolment.support.refresh_from_db()
    assert enrolment.support.used_days == Decimal("1.5")
    html = client.get(enrolment.get_absolute_url()).content.decode()
    assert "<strong>PAT</strong>" in html and "avec Claire" in html
    delete = reverse(
        "programmes:support_day_delete", args=[enrolment.programme.slug, enrolment.pk, setup["day"].pk]
    )
    client.post(delete, {"confirm": "on"})
    enrolment.support.refresh_from_db()
    assert enrolment.support.used_days == Decimal("0.5")


def test_days_counted_before_the_log_are_kept():
    support = SupportFileFactory(used_days=Decimal(3))
    services.support_day_add(enrolment=support.enrolment, date="2026-11-03", days=Decimal(1))
    support.refresh_from_db()
    assert support.used_days == Decimal(4) and support.days.count() == 2


def test_removing_a_delegation_needs_the_checkbox(client, setup):
    enrolment = setup["enrolment"]
    client.force_login(setup["users"]["animator"])
    url = reverse("programmes:enrolment_delete", args=[enrolment.programme.slug, enrolment.pk])
    assert "1 journée saisie" in client.get(url).content.decode()
    client.post(url, {})
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    client.post(url, {"confirm": "on"})
    assert not Enrolment.objects.filter(pk=enrolment.pk).exists()
