"""The annual report's pages: permissions for every role, a period per report, texts kept when
the figures are recomputed, figures on the page equal to the data."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.reports import services
from apps.reports.models import AnnualReport
from tests.evaluations.factories import EvaluationQuestionFactory, SurveyFactory, member
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _user(role):
    if role == "anonymous":
        return None
    if role == "animator":
        return UserFactory(animator=True)
    if role == "admin":
        return UserFactory(admin=True)
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), is_referent=role == "referent")
    return user


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("member", 404), ("referent", 404), ("animator", 200), ("admin", 200)],
)
def test_permission_matrix(client, role, status):
    report = services.report_create(
        user=None, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    user = _user(role)
    if user:
        client.force_login(user)
    for name in ("index", "detail", "texts", "delete"):
        args = [] if name == "index" else [report.pk]
        assert client.get(reverse(f"reports:{name}", args=args)).status_code == status, name
    response = client.post(reverse("reports:refresh", args=[report.pk]))
    assert response.status_code == (302 if status == 200 else status)
    response = client.post(reverse("reports:index"), {"year": YEAR})
    assert response.status_code == (302 if status == 200 else status)
    response = client.post(reverse("reports:texts", args=[report.pk]), {"title": "Piraté"})
    report.refresh_from_db()
    assert (report.title == "Piraté") is (status == 200)


def test_calendar_year_by_default_and_one_report_per_period(client):
    client.force_login(UserFactory(animator=True))
    response = client.get(reverse("reports:index"))
    assert response.context["form"].fields["year"].initial == timezone.localdate().year
    client.post(reverse("reports:index"), {"year": YEAR})
    client.post(reverse("reports:index"), {"year": YEAR})
    report = AnnualReport.objects.get()
    assert (report.start, report.end, report.title) == (
        datetime.date(YEAR, 1, 1),
        datetime.date(YEAR, 12, 31),
        f"Bilan d'activité {YEAR}",
    )
    html = client.post(reverse("reports:index"), {"year": "", "start": "2025-03-01"}).content.decode()
    assert "Indiquez les deux dates" in html
    html = client.post(
        reverse("reports:index"), {"start": "2025-03-01", "end": "2025-02-01"}
    ).content.decode()
    assert "doit suivre son début" in html
    client.post(reverse("reports:index"), {"start": "2025-03-01", "end": "2025-08-31"})
    assert AnnualReport.objects.count() == 2


def test_texts_survive_new_data_and_recomputation(client):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    report = services.report_create(
        user=animator, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    client.post(
        reverse("reports:texts", args=[report.pk]),
        {
            "title": f"Rapport d'activité {YEAR}",
            "introduction": "Une année **riche** pour le réseau.",
            "highlights": "- La journée régionale",
            "proposals": "Plus de visites de terrain.",
        },
    )
    start = timezone.make_aware(datetime.datetime(YEAR, 6, 1, 9))
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2), title="Visite")
    RegistrationFactory(event=event, attended=True)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "<strong>riche</strong>" in html and "La journée régionale" in html and "Plus de visites" in html
    assert client.get(report.get_absolute_url()).context["activity"].events == 1
    start2 = start + datetime.timedelta(days=30)
    EventFactory(start=start2, end=start2 + datetime.timedelta(hours=2))
    # Cached for a few minutes; "Recalculer" takes the new data into account, texts unchanged.
    client.post(reverse("reports:refresh", args=[report.pk]))
    response = client.get(report.get_absolute_url())
    assert response.context["activity"].events == 2
    assert "<strong>riche</strong>" in response.content.decode()
    report.refresh_from_db()
    assert report.proposals == "Plus de visites de terrain." and report.updated_by == animator


def test_evaluation_of_the_year_appears_with_its_threshold(client):
    client.force_login(UserFactory(animator=True))
    report = services.report_create(
        user=None, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    survey = SurveyFactory(
        title="Évaluation annuelle des membres",
        opens_on=datetime.date(YEAR, 11, 1),
        closes_on=datetime.date(YEAR, 11, 30),
    )
    question = EvaluationQuestionFactory(survey=survey, label="Satisfaction générale")
    from apps.evaluations.models import EvaluationAnswer, EvaluationResponse

    for value in (5, 4):
        response = EvaluationResponse.objects.create(survey=survey, user=member())
        EvaluationAnswer.objects.create(response=response, question=question, number=value)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Évaluation annuelle des membres" in html and "à partir de 5 réponses" in html
    assert "Satisfaction générale" not in html
    for value in (3, 3, 5):
        response = EvaluationResponse.objects.create(survey=survey, user=member())
        EvaluationAnswer.objects.create(response=response, question=question, number=value)
    client.post(reverse("reports:refresh", args=[report.pk]))
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Satisfaction générale" in html and "moyenne 4,0 sur 5" in html


def test_report_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.force_login(UserFactory(animator=True))
    report = services.report_create(
        user=None, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    client.get(report.get_absolute_url())  # computes and caches
    with django_assert_max_num_queries(12):
        client.get(report.get_absolute_url())
