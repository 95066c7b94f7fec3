import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.directory.models import Person, Visibility
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

ACCOUNT_URLS = ["profile", "profile_edit", "export", "erase", "password_change"]


def image_file(fmt="PNG", size=(40, 40), name="photo.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, format=fmt)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def card_data(person, **overrides):
    data = {
        "first_name": "Nadia",
        "last_name": "Martin",
        "fiche-directory_consent": "on" if person.directory_consent else "",
        "fiche-contact_visibility": person.contact_visibility,
        "fiche-function": "Chargée de mission climat",
        "fiche-category": "staff",
        "fiche-phone": "04 67 00 00 00",
        "fiche-bio": "Je travaille sur le **PCAET**.",
        "fiche-competences": "Animation de réseaux",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


def post_card(client, person, **fields):
    """Post the profile form of the logged-in `person`: their card, `fields` ("fiche-…") overriding."""
    return client.post(reverse("accounts:profile_edit"), card_data(person, **fields))


@pytest.fixture
def member():
    user = UserFactory(first_name="Nadia", last_name="Martin")
    PersonFactory(user=user, first_name="Nadia", last_name="Martin", email=user.email)
    return user


@pytest.mark.parametrize("name", ACCOUNT_URLS)
def test_account_pages_require_login(client, name):
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")


@pytest.mark.parametrize("name", ACCOUNT_URLS)
def test_account_pages_render_for_member(client, member, name):
    client.force_login(member)
    response = client.get(reverse(f"accounts:{name}"))
    assert response.status_code == 200


def test_profile_shows_own_data_only(client, member, django_assert_max_num_queries):
    other = PersonFactory(with_user=True, function="Maire de Trifouilly")
    org = OrganisationFactory(name="Commune de Saint-Test")
    member.person.memberships.create(organisation=org, is_referent=True, function="Élue")
    client.force_login(member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("accounts:profile"))
    html = response.content.decode()
    assert member.email in html
    assert "Commune de Saint-Test" in html
    assert "Référent·e d&#x27;une organisation" in html
    assert other.user.email not in html and "Trifouilly" not in html


def test_edit_updates_account_and_card(client, member):
    theme = ThemeFactory(name="Énergie")
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile_edit"),
        card_data(
            member.person,
            first_name="Nadège",
            **{
                "fiche-themes": [theme.pk],
                "fiche-resource_themes": [theme.pk],
                "fiche-contact_visibility": "public",
            },
        ),
    )
    assert response.status_code == 302, response.context and response.context["card_form"].errors
    member.refresh_from_db()
    person = Person.objects.get(user=member)
    assert member.first_name == "Nadège" and person.first_name == "Nadège"
    assert person.function == "Chargée de mission climat"
    assert person.phone == "04 67 00 00 00"
    assert person.contact_visibility == Visibility.PUBLIC
    assert list(person.themes.all()) == [theme] and list(person.resource_themes.all()) == [theme]


def test_edit_only_touches_own_records(client, member):
    """There is no id in the URL: whatever is posted, only the logged-in person's records change."""
    victim = PersonFactory(with_user=True, function="Intacte")
    client.force_login(member)
    client.post(
        reverse("accounts:profile_edit"),
        {
            **card_data(member.person),
            "user": victim.user.pk,
            "person": victim.pk,
            "fiche-user": victim.user.pk,
        },
    )
    victim.refresh_from_db()
    victim.user.refresh_from_db()
    assert victim.function == "Intacte"
    assert victim.user.first_name != "Nadia" or victim.user.last_name != "Martin"
    assert Person.objects.get(user=member).function == "Chargée de mission climat"


def test_edit_without_person_card(client):
    user = UserFactory()
    client.force_login(user)
    response = client.get(reverse("accounts:profile_edit"))
    assert response.context["card_form"] is None
    response = client.post(reverse("accounts:profile_edit"), {"first_name": "Solo", "last_name": "Compte"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.get_full_name() == "Solo Compte"


def test_consent_withdrawal_hides_at_once(client, member):
    person = member.person
    assert person in Person.objects.listed()
    client.force_login(member)
    response = post_card(client, person, **{"fiche-directory_consent": ""})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.directory_consent is False and person.consent_at is None
    assert person not in Person.objects.listed()
    assert not Person.objects.listed().filter(user=member).exists()
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "n&#x27;apparaît plus dans l&#x27;annuaire" in page


def test_giving_consent_sets_date(client):
    user = UserFactory()
    person = PersonFactory(user=user, hidden=True)
    client.force_login(user)
    post_card(client, person, **{"fiche-directory_consent": "on"})
    person.refresh_from_db()
    assert person.directory_consent and person.consent_at is not None
    assert person in Person.objects.listed()


def test_photo_upload_and_removal(client, member):
    client.force_login(member)
    response = post_card(client, member.person, **{"fiche-photo": image_file()})
    assert response.status_code == 302
    person = Person.objects.get(user=member)
    assert person.photo.name.startswith("photos/")
    response = post_card(client, person, **{"fiche-remove_photo": "on"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.photo


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("cv.pdf", b"%PDF-1.4 pas une image", content_type="application/pdf"),
            "pas une image valide",
        ),
        ("too_big", "2 Mo au plus"),
        ("bmp", "Type de fichier non accepté (« .bmp »)"),
    ],
)
def test_photo_errors_in_french(client, member, upload, message):
    if upload == "too_big":
        upload = image_file()
        upload.size = 3 * 1024 * 1024
        upload.file.seek(0)
        content = upload.file.read() + b"\0" * (3 * 1024 * 1024)
        upload = SimpleUploadedFile("grosse.png", content, content_type="image/png")
    elif upload == "bmp":
        upload = image_file("BMP", name="photo.bmp")
    client.force_login(member)
    response = post_card(client, member.person, **{"fiche-photo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Person.objects.get(user=member).photo


def test_bad_phone_french_error(client, member):
    client.force_login(member)
    response = post_card(client, member.person, **{"fiche-phone": "appelez-moi"})
    assert response.status_code == 200
    assert "numéro de téléphone n&#x27;est pas valide" in response.content.decode()


def test_export_contains_my_data_and_nothing_of_others(client, member):
    from apps.directory.models import Invitation, JoinRequest

    org = OrganisationFactory(name="Mon EPCI")
    other_org = OrganisationFactory(name="Organisation étrangère")
    member.person.memberships.create(organisation=org, function="Chargée de mission", is_referent=True)
    member.person.themes.add(ThemeFactory(name="Mobilité"))
    JoinRequest.objects.create(organisation=org, requested_by=member, motivation="Nous voulons rejoindre")
    Invitation.objects.create(organisation=org, email="collegue@exemple.fr", invited_by=member, token="t1")
    stranger = PersonFactory(with_user=True, organisation=other_org, function="Secrète")
    JoinRequest.objects.create(
        organisation=other_org, requested_by=stranger.user, motivation="Autre motivation"
    )
    Invitation.objects.create(
        organisation=other_org, email="ailleurs@exemple.fr", invited_by=stranger.user, token="t2"
    )

    client.force_login(member)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    raw = response.content.decode()
    data = json.loads(raw)
    assert data["account"]["email"] == member.email
    directory = data["other_data"]["directory"]
    assert directory["directory_card"]["first_name"] == "Nadia"
    assert directory["directory_card"]["themes"] == ["Mobilité"]
    assert directory["memberships"] == [
        {
            "organisation": "Mon EPCI",
            "function": "Chargée de mission",
            "is_referent": True,
            "created_at": directory["memberships"][0]["created_at"],
        }
    ]
    assert [jr["motivation"] for jr in directory["join_requests"]] == ["Nous voulons rejoindre"]
    assert [inv["email"] for inv in directory["invitations_sent"]] == ["collegue@exemple.fr"]
    for secret in (
        stranger.user.email,
        "Secrète",
        "Autre motivation",
        "ailleurs@exemple.fr",
        "Organisation étrangère",
    ):
        assert secret not in raw
    assert "password" not in raw


def test_export_includes_login_logs(client, member):
    client.post(reverse("accounts:login"), {"username": member.email, "password": "motdepasse-solide-42"})
    data = json.loads(client.get(reverse("accounts:export")).content)
    assert len(data["login_attempts"]) == 1
    assert data["login_attempts"][0]["ip_address"] == "127.0.0.1"
