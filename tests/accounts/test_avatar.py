"""Profile: the avatar is resized and stripped of metadata; « Mes organisations » are links."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.directory.models import Person
from tests.accounts.test_profile import post_card
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = UserFactory(first_name="Nadia", last_name="Martin")
    PersonFactory(user=user, first_name="Nadia", last_name="Martin", email=user.email)
    return user


def phone_photo(size=(2000, 1000)) -> SimpleUploadedFile:
    """A JPEG as phones take them: large, rotated by its EXIF orientation, with a GPS tag."""
    image = Image.new("RGB", size, "green")
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x010F] = "TéléphoneCorp"  # make
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile("IMG_0001.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_avatar_is_resized_upright_without_metadata(client, member):
    client.force_login(member)
    response = post_card(client, member.person, **{"fiche-photo": phone_photo()})
    assert response.status_code == 302
    person = Person.objects.get(user=member)
    assert person.photo.name.startswith("photos/") and person.photo.name.endswith(".jpg")
    with person.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.size == (256, 512)  # upright (the EXIF rotation applied), 512 px at most
        assert not image.getexif()
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'src="{person.photo.url}"' in html and "Changer ma photo" in html


def test_transparent_png_stays_png(client, member):
    buffer = io.BytesIO()
    Image.new("RGBA", (800, 800), (0, 0, 0, 0)).save(buffer, format="PNG")
    client.force_login(member)
    post_card(client, member.person, **{"fiche-photo": SimpleUploadedFile("logo.png", buffer.getvalue())})
    person = Person.objects.get(user=member)
    with person.photo.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "PNG" and image.size == (512, 512) and image.mode == "RGBA"


def test_my_organisations_are_links(client, member):
    active = OrganisationFactory(name="Mairie de Vimy")
    pending = OrganisationFactory(name="Association en attente", pending=True)
    for organisation in (active, pending):
        member.person.memberships.create(organisation=organisation)
    client.force_login(member)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert f'<a href="{active.get_absolute_url()}">Mairie de Vimy</a>' in html
    assert f'<a href="{pending.get_absolute_url()}">Association en attente</a>' in html
    assert "Ajouter une photo" in html
