"""Images in the letter (issue 13, item 1: "completes with editorial text and images"): written
with the same editor in the editorial and the text blocks, sent as absolute addresses that any
mail client may load, with their alternative text (and "[Image : …]" in the text twin), shown by
the web archive."""

import re
from html import unescape
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.core import files
from apps.core import services as core_services
from apps.mailing import rendering, services
from apps.mailing.models import Edition, EditionStatus
from tests.factories import UserFactory, image_bytes

pytestmark = pytest.mark.django_db
SRC = re.compile(r'<img[^>]*\ssrc="([^"]+)"[^>]*>')


@pytest.fixture
def animator(client):
    user = UserFactory(animator=True)
    client.force_login(user)
    return user


@pytest.fixture
def edition(animator):
    return services.edition_create(title="La lettre de décembre", created_by=animator)


def test_a_block_with_an_image_goes_out_absolute_with_its_alt(client, animator, edition, settings):
    settings.MAILLAGE_SITE_URL = "https://reseau.example"
    response = client.post(
        reverse("core:image_upload"),
        {
            "image": SimpleUploadedFile("x.png", image_bytes("PNG", (30, 20))),
            "alt": "Visite de la chaufferie",
        },
        headers={"Accept": "application/json"},
    )
    markdown = response.json()["markdown"]
    client.post(
        reverse("mailing:edition_block", args=[edition.pk]),
        {"action": "add", "new-title": "Retour en images", "new-text": f"La visite.\n\n{markdown}"},
    )
    edition.refresh_from_db()
    assert any(markdown in (block.get("text") or "") for block in edition.blocks)

    _subject, text, html = rendering.edition_email(edition)
    images = SRC.findall(html)
    assert len(images) == 1
    src = unescape(images[0])
    assert src.startswith("https://reseau.example/fichiers/core.editorimage.file/") and "&t=m." in src
    assert 'alt="Visite de la chaufferie"' in html
    assert "[Image : Visite de la chaufferie]" in text and "/fichiers/" not in text
    # Any mail client, with no session, long after the sending.
    client.logout()
    with mock.patch.object(files, "_today", return_value=files._today() + 365):
        answer = client.get(src.removeprefix("https://reseau.example"))
    assert answer.status_code == 200 and answer["Content-Type"] == "image/jpeg"  # re-encoded without metadata
    b"".join(answer.streaming_content)


def test_the_editorial_image_shows_in_the_web_archive(client, animator, edition):
    image = core_services.editor_image_create(
        upload=SimpleUploadedFile("x.jpg", image_bytes("JPEG", (30, 20))), alt="L'équipe", by=animator
    )
    Edition.objects.filter(pk=edition.pk).update(
        intro=f"Bonjour !\n\n{image.markdown}",
        is_public=True,
        status=EditionStatus.SENT,
        sent_at=timezone.now(),
    )
    edition.refresh_from_db()
    client.logout()  # the public archive, read by an anonymous visitor
    page = client.get(edition.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    src = unescape(SRC.search(html).group(1))
    assert src.startswith(image.reference + "&t=") and "&t=m." not in src
    answer = client.get(src)
    assert answer.status_code == 200
    b"".join(answer.streaming_content)


def test_the_block_and_editorial_fields_use_the_markdown_editor(client, animator, edition):
    html = client.get(reverse("mailing:edition_edit", args=[edition.pk])).content.decode()
    assert html.count("data-markdown-editor") >= 2
    assert html.count('data-markdown-image="') >= 2  # the image link (the "Image" button with JavaScript)
