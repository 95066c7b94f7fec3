"""Images in Markdown texts (issue 14, item 7): uploaded through the one file policy, inserted with
a required alternative text, kept by the sanitiser only when they are ours, and visible exactly to
whoever can see the text they are in — anonymous visitors of a public page included, nobody outside
a private group."""

import io
import re
from html import unescape
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.core import files, services
from apps.core.markdown import images_as_text, render_markdown
from apps.core.models import EditorImage
from tests.experiences.factories import ExperienceFactory
from tests.factories import UserFactory, image_bytes

pytestmark = pytest.mark.django_db
SRC = re.compile(r'<img[^>]*\ssrc="([^"]+)"')


def photo_with_gps(size=(3000, 2000)) -> bytes:
    """A JPEG as a phone makes it: large, with an EXIF block holding a GPS position."""
    image = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Téléphone"  # Make
    exif[0x8825] = {1: "N", 2: (45.0, 46.0, 12.0), 3: "E", 4: (3.0, 5.0, 2.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def upload(data=None, name="photo.jpg"):
    return SimpleUploadedFile(name, data if data is not None else image_bytes("JPEG", (40, 30)))


@pytest.fixture
def author():
    return UserFactory()


@pytest.fixture
def image(author):
    return services.editor_image_create(upload=upload(), alt="La chaufferie du village", by=author)


def status(client, url) -> int:
    """The status of a file's address, read to the end (the test client then closes the file)."""
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


def src_of(html: str) -> str:
    match = SRC.search(html)
    assert match, html
    return unescape(match.group(1))


# --- sanitiser -------------------------------------------------------------------------------


def test_external_images_are_stripped_their_alt_text_kept():
    html = render_markdown("Avant ![Logo d'ailleurs](https://pisteur.example/pixel.png) après")
    assert "<img" not in html and "pisteur" not in html
    assert "Logo d'ailleurs" in html


@pytest.mark.parametrize(
    "src",
    [
        "https://pisteur.example/fichiers/core.editorimage.file/1/",
        "/fichiers/core.editorimage.file/1/",  # no key: someone else's image by its id
        "/fichiers/core.editorimage.file/1/?k=" + "g" * 32,
        "/fichiers/experiences.experienceattachment.file/1/",  # another kind of file
        "javascript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "//pisteur.example/x.png",
    ],
)
def test_only_our_editor_images_are_kept(src):
    assert "<img" not in render_markdown(f"![x]({src})")


def test_our_image_is_kept_signed_for_the_reader(image):
    html = render_markdown(f"Texte\n\n{image.markdown}")
    src = src_of(html)
    assert src.startswith(image.reference + "&t=")
    assert 'alt="La chaufferie du village"' in html and 'loading="lazy"' in html


def test_raw_html_image_gets_no_event_handler_and_an_alt(image):
    html = render_markdown(f'<img src="{image.reference}" onerror="alert(1)">')
    assert "onerror" not in html and 'alt=""' in html and "<img" in html


def test_email_images_are_absolute_and_documents_have_none(image, settings):
    settings.MAILLAGE_SITE_URL = "https://reseau.example"
    assert src_of(render_markdown(image.markdown, images="email")).startswith(
        "https://reseau.example" + image.reference + "&t=m."
    )
    assert "<img" not in render_markdown(image.markdown, images="none")


def test_alt_text_brackets_are_escaped_and_read_back():
    markdown = files.image_markdown(alt="Plan [version 2]\nfinale", reference="/x")
    assert markdown == r"![Plan \[version 2\] finale](/x)"
    assert images_as_text(f"Voir {markdown} ici") == "Voir [Image : Plan [version 2] finale] ici"


# --- upload service --------------------------------------------------------------------------


def test_upload_is_reduced_and_loses_its_metadata(author):
    image = services.editor_image_create(
        upload=upload(photo_with_gps(), "IMG_2024.jpg"), alt="Le chantier", by=author
    )
    assert image.file.storage is files.private_storage()
    assert image.file.name.startswith("images/") and "IMG" not in image.file.name
    assert image.original_name == "IMG_2024.jpg"
    with image.file.open("rb") as stored, Image.open(stored) as reread:
        assert max(reread.size) == services.IMAGE_MAX_SIDE
        assert not reread.getexif(), "EXIF (GPS position) must be gone"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "x.svg", "ne sont pas"),
        (b"%PDF-1.4 rapport", "x.pdf", "Type de fichier non accepté"),
        (b"GIF89a pas vraiment", "x.png", "ne correspond pas"),
    ],
)
def test_upload_refuses_what_the_policy_refuses(author, data, name, message):
    with pytest.raises(services.ImageUploadRefused, match=message):
        services.editor_image_create(upload=upload(data, name), alt="Une image", by=author)
    assert not EditorImage.objects.exists()


def test_upload_requires_an_alternative_text(author):
    with pytest.raises(services.ImageUploadRefused, match="texte alternatif"):
        services.editor_image_create(upload=upload(), alt="   ", by=author)


def test_upload_is_limited_per_hour(author):
    with mock.patch.object(services, "IMAGE_HOURLY_LIMIT", 2):
        for _ in range(2):
            services.editor_image_create(upload=upload(), alt="Une image", by=author)
        with pytest.raises(services.ImageUploadRefused, match="beaucoup"):
            services.editor_image_create(upload=upload(), alt="Une image", by=author)


# --- upload view -----------------------------------------------------------------------------


def test_editor_upload_answers_json_with_the_markdown(client, author):
    client.force_login(author)
    response = client.post(
        reverse("core:image_upload"),
        {"image": upload(), "alt": "Vue du marais"},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    image = EditorImage.objects.get()
    assert response.json()["markdown"] == f"![Vue du marais]({image.reference})"
    assert image.uploaded_by == author


def test_editor_upload_errors_are_json_in_french(client, author):
    client.force_login(author)
    response = client.post(
        reverse("core:image_upload"), {"image": upload(), "alt": ""}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert "texte alternatif est obligatoire" in response.json()["error"]


def test_without_javascript_the_page_gives_the_line_to_copy(client, author):
    client.force_login(author)
    response = client.post(reverse("core:image_upload"), {"image": upload(), "alt": "Vue du marais"})
    image = EditorImage.objects.get()
    assert response.status_code == 302 and f"image={image.pk}" in response.url
    page = client.get(response.url).content.decode()
    assert f">{image.markdown}</textarea>" in unescape(page)
    # Someone else's image id in the address shows nothing.
    client.force_login(UserFactory())
    assert image.reference not in client.get(response.url).content.decode()


def test_anonymous_visitors_cannot_upload(client):
    response = client.post(reverse("core:image_upload"), {"image": upload(), "alt": "x"})
    assert response.status_code == 302 and "/compte/connexion/" in response.url
    assert not EditorImage.objects.exists()


# --- who sees the image ----------------------------------------------------------------------


def test_the_bare_reference_opens_for_the_uploader_only(client, image, author):
    client.force_login(author)
    assert status(client, image.reference) == 200
    client.force_login(UserFactory())
    assert status(client, image.reference) == 404
    client.logout()
    assert status(client, image.reference) == 302


def test_image_in_a_public_experience_is_seen_by_anonymous_visitors(client, image):
    experience = ExperienceFactory(context=f"Notre chaufferie :\n\n{image.markdown}")
    page = client.get(experience.get_absolute_url())
    assert page.status_code == 200
    src = src_of(page.content.decode())
    response = client.get(src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg" and response["Content-Disposition"].startswith("inline")
    b"".join(response.streaming_content)


def test_image_in_a_private_group_stays_in_the_group(client, image):
    from apps.groups.models import Discussion, DiscussionMessage
    from tests.groups.factories import GroupMembershipFactory

    membership = GroupMembershipFactory()
    discussion = Discussion.objects.create(group=membership.group, subject="Photos", author=membership.user)
    DiscussionMessage.objects.create(discussion=discussion, author=membership.user, body=image.markdown)
    url = reverse("groups:discussion", args=[membership.group.slug, discussion.pk])
    client.force_login(membership.user)
    src = src_of(client.get(url).content.decode())
    assert status(client, src) == 200
    outsider = UserFactory()
    client.force_login(outsider)
    assert status(client, url) == 404  # never gets a signed address
    assert status(client, image.reference) == 404


def test_signatures_expire_and_bind_the_image_and_its_key(client, image):
    src = render_markdown(image.markdown)
    src = src_of(src)
    client.force_login(UserFactory())
    assert status(client, src) == 200
    with mock.patch.object(files, "_today", return_value=files._today() + files.EMBED_DAYS):
        assert status(client, src) == 404
    other = services.editor_image_create(upload=upload(), alt="Autre", by=UserFactory())
    # The signature of one image does not open another, even with the other's key.
    token = src.split("&t=")[1]
    assert status(client, f"{other.reference}&t={token}") == 404
    # A signature made for a wrong key (a forged reference rendered in a public text) opens nothing.
    forged = src_of(render_markdown(f"![x](/fichiers/core.editorimage.file/{image.pk}/?k={'0' * 32})"))
    assert status(client, forged) == 404


def test_email_signatures_do_not_expire(client, image):
    src = src_of(render_markdown(image.markdown, images="email"))
    path = src.split("://", 1)[1].split("/", 1)[1]
    with mock.patch.object(files, "_today", return_value=files._today() + 400):
        response = client.get("/" + path)
    assert response.status_code == 200
    b"".join(response.streaming_content)


def test_personal_data_export_lists_the_images(image, author):
    from apps.core.gdpr import _core_export

    exported = _core_export(user=author)["images déposées dans l'éditeur"]
    assert [row["texte alternatif"] for row in exported] == ["La chaufferie du village"]
