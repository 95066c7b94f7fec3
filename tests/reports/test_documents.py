"""The report's PDF, ODT and DOCX: produced in the worker through the shared document builder,
downloaded by the animation team only, and saying when they are outdated."""

import datetime
import io
import zipfile

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.reports import services
from apps.reports.models import ReportFile
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


@pytest.fixture
def report(django_capture_on_commit_callbacks):
    animator = UserFactory(animator=True)
    report = services.report_create(
        user=animator, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )
    services.report_texts_update(
        report=report,
        user=animator,
        texts={
            "introduction": "Une année **riche** en rencontres.",
            "proposals": "- Plus de visites de terrain",
        },
    )
    start = timezone.make_aware(datetime.datetime(YEAR, 6, 1, 9))
    event = EventFactory(start=start, end=start + datetime.timedelta(hours=2), title="Visite")
    RegistrationFactory(event=event, attended=True)
    return report


def _produce(client, report, capture):
    with capture(execute=True):
        response = client.post(reverse("reports:documents", args=[report.pk]))
    assert response.status_code == 302


def test_worker_produces_three_real_files_that_keep_the_texts(
    client, report, django_capture_on_commit_callbacks
):
    client.force_login(UserFactory(animator=True))
    _produce(client, report, django_capture_on_commit_callbacks)
    files = {item.format: item for item in ReportFile.objects.filter(report=report)}
    assert set(files) == {"pdf", "odt", "docx"}
    pdf = client.get(reverse("reports:document_file", args=[report.pk, "pdf"]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    docx = b"".join(client.get(reverse("reports:document_file", args=[report.pk, "docx"])).streaming_content)
    body = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "riche" in body and "Plus de visites de terrain" in body and "Événements par type" in body
    odt = b"".join(client.get(reverse("reports:document_file", args=[report.pk, "odt"])).streaming_content)
    assert zipfile.ZipFile(io.BytesIO(odt)).read("mimetype") == b"application/vnd.oasis.opendocument.text"
    html = client.get(report.get_absolute_url()).content.decode()
    assert html.count("à jour") == 3 and "périmé" not in html


def test_files_say_when_they_are_outdated(client, report, django_capture_on_commit_callbacks):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    _produce(client, report, django_capture_on_commit_callbacks)
    services.report_texts_update(report=report, user=animator, texts={"highlights": "La journée régionale"})
    html = client.get(report.get_absolute_url()).content.decode()
    assert html.count("périmé") == 3
    _produce(client, report, django_capture_on_commit_callbacks)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "périmé" not in html
    report.refresh_from_db()
    assert report.highlights == "La journée régionale" and report.introduction.startswith("Une année")
    # New data: the figures change, the files are outdated once the figures are recomputed.
    start = timezone.make_aware(datetime.datetime(YEAR, 7, 1, 9))
    EventFactory(start=start, end=start + datetime.timedelta(hours=2))
    client.post(reverse("reports:refresh", args=[report.pk]))
    assert "périmé" in client.get(report.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("member", 404), ("animator", 200)])
def test_files_are_for_the_animation_team(client, report, django_capture_on_commit_callbacks, role, status):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    _produce(client, report, django_capture_on_commit_callbacks)
    client.logout()
    if role == "member":
        user = UserFactory()
        MembershipFactory(person=PersonFactory(user=user))
        client.force_login(user)
    elif role == "animator":
        client.force_login(animator)
    assert client.get(reverse("reports:document_file", args=[report.pk, "docx"])).status_code == status
    response = client.post(reverse("reports:documents", args=[report.pk]))
    assert response.status_code == (302 if status == 200 else status)
