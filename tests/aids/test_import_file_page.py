"""The aids import from a file in the UI: permission matrix, a real Aides-territoires shaped file
imported through the existing importer, bad files refused in French."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.aids.models import Aid, AidImport
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "aides_territoires_sample.json"
URL = reverse("aids:import_file")


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("member", 403), ("animator", 200), ("admin", 200)]
)
def test_import_page_is_for_the_animation_team(client, role, status):
    if role != "anonymous":
        client.force_login(UserFactory(**({role: True} if role != "member" else {})))
    assert client.get(URL).status_code == status
    upload = SimpleUploadedFile("aides.json", SAMPLE.read_bytes(), content_type="application/json")
    client.post(URL, {"file": upload, "format": "aides-territoires"})
    assert AidImport.objects.exists() is (status == 200)


def test_upload_imports_and_shows_the_report(client, geo):
    client.force_login(UserFactory(animator=True))
    upload = SimpleUploadedFile("aides.json", SAMPLE.read_bytes(), content_type="application/json")
    response = client.post(URL, {"file": upload, "format": "aides-territoires"}, follow=True)
    aid_import = AidImport.objects.get()
    assert Aid.objects.filter(source="aides-territoires").count() == 2
    assert (aid_import.created_count, aid_import.rejected_count) == (2, 3)
    html = response.content.decode()
    assert "2 créée(s)" in html and "Atlantide" in html
    # Importing the same file again updates nothing and creates nothing.
    upload = SimpleUploadedFile("aides.json", SAMPLE.read_bytes(), content_type="application/json")
    client.post(URL, {"file": upload, "format": "aides-territoires"})
    assert Aid.objects.filter(source="aides-territoires").count() == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("aides.csv", b"a;b\n1;2\n", "json"),
        ("aides.json", b"", "vide"),
        ("aides.json", b"<html><script>alert(1)</script></html>", ""),
    ],
)
def test_bad_files_are_refused_in_french(client, name, content, message):
    client.force_login(UserFactory(animator=True))
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    response = client.post(URL, {"file": upload, "format": "neutral"})
    assert response.status_code == 200
    assert 'class="fr-error-text"' in response.content.decode() or "rejetée" in response.content.decode()
    assert message.lower() in response.content.decode().lower()
    assert not Aid.objects.exists()


def test_a_file_that_is_not_json_is_reported_not_crashed(client):
    client.force_login(UserFactory(animator=True))
    upload = SimpleUploadedFile("aides.json", b'{"source": "x", "aides": [', content_type="application/json")
    response = client.post(URL, {"file": upload, "format": "neutral"}, follow=True)
    assert "lecture impossible" in response.content.decode()
