import re

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from apps.accounts import services
from apps.accounts.models import User
from apps.directory.models import Person, PersonCategory
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Un-mot-de-passe-tres-solide-2026"


def signup_data(**overrides):
    data = {
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "Camille.Durand@Exemple.fr",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "accept_personal_data": "on",
    }
    data.update(overrides)
    return data


def link_from(message) -> str:
    match = re.search(r"https?://\S+/compte/verification/(\S+)/", message.body)
    assert match, message.body
    return reverse("accounts:verify_email", kwargs={"token": match.group(1)})


def test_signup_page_renders_consent_unchecked(client):
    response = client.get(reverse("accounts:signup"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "J&#x27;accepte d&#x27;apparaître dans l&#x27;annuaire du réseau" in html
    checkbox = re.search(r'<input[^>]*name="directory_consent"[^>]*>', html).group(0)
    assert "checked" not in checkbox


def test_signup_verify_logs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data(directory_consent="on"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_sent")
    user = User.objects.get(email="camille.durand@exemple.fr")
    assert not user.is_active and user.email_verified_at is None
    assert user.personal_data_accepted_at is not None
    assert not Person.objects.filter(user=user).exists()  # only once the address is proven
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["camille.durand@exemple.fr"]
    assert "Confirmez votre adresse" in message.subject
    assert "http://" in message.body  # absolute link

    # Opening the link (a mail scanner does) activates nothing: the page asks for a click.
    page = client.get(link_from(message))
    assert page.status_code == 200 and "Confirmer mon adresse" in page.content.decode()
    user.refresh_from_db()
    assert not user.is_active and "_auth_user_id" not in client.session
    response = client.post(link_from(message))
    assert response.status_code == 302
    # A newcomer is led to find and join their organisation.
    assert response.url == reverse("portal:find_organisation")
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at is not None
    person = Person.objects.get(user=user)
    assert person.category == PersonCategory.OTHER
    assert person.directory_consent is True and person.consent_at is not None
    assert (person.first_name, person.last_name, person.email) == ("Camille", "Durand", user.email)

    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 200
    assert profile.context["user"] == user
    assert "Votre adresse est confirmée" in profile.content.decode()

    # The link does not work twice (a leaked mail must not open a session later).
    client.logout()
    assert client.get(link_from(message)).status_code == 400
    again = client.post(link_from(message))
    assert again.status_code == 400
    assert "_auth_user_id" not in client.session


def test_signup_without_consent_creates_hidden_person(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data())
    client.post(link_from(mail.outbox[0]))
    person = Person.objects.get(user__email="camille.durand@exemple.fr")
    assert person.directory_consent is False and person.consent_at is None
    assert person not in Person.objects.listed()


def test_signup_links_existing_imported_person(client, django_capture_on_commit_callbacks):
    imported = PersonFactory(
        email="camille.durand@exemple.fr", hidden=True, first_name="Camille", last_name="D."
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data(directory_consent="on"))
    client.post(link_from(mail.outbox[0]))
    assert Person.objects.count() == 1
    imported.refresh_from_db()
    assert imported.user.email == "camille.durand@exemple.fr"
    assert imported.directory_consent is True


def test_signup_does_not_link_person_of_another_account(client, django_capture_on_commit_callbacks):
    owner = UserFactory(email="autre@exemple.fr")
    PersonFactory(email="camille.durand@exemple.fr", user=owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data())
    client.post(link_from(mail.outbox[0]))
    assert Person.objects.count() == 2
    assert Person.objects.get(user__email="camille.durand@exemple.fr").pk != owner.person.pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"password2": "autre-chose-encore-123"}, "password2", "ne correspondent pas"),
        ({"password1": "1234567890123", "password2": "1234567890123"}, "password1", "entièrement numérique"),
        ({"password1": "court", "password2": "court"}, "password1", "trop court"),
        ({"email": "pas-une-adresse"}, "email", "adresse électronique valide"),
        ({"accept_personal_data": ""}, "accept_personal_data", "Cochez cette case"),
        ({"first_name": ""}, "first_name", "Saisissez votre prénom"),
    ],
)
def test_signup_errors_in_french(client, overrides, field, message):
    response = client.post(reverse("accounts:signup"), signup_data(**overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert message in errors
    assert not User.objects.exists()


def test_signup_existing_address_does_not_enumerate(client, django_capture_on_commit_callbacks):
    UserFactory(email="camille.durand@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:signup"), signup_data())
    # Same answer as for a new address…
    assert response.status_code == 302 and response.url == reverse("accounts:signup_sent")
    assert User.objects.count() == 1
    # …and the real owner is told, instead of the visitor.
    assert len(mail.outbox) == 1
    assert "déjà un compte" in mail.outbox[0].subject


def test_expired_token_shows_resend_page(client, django_capture_on_commit_callbacks, settings):
    user = UserFactory(unverified=True, email="lent@exemple.fr")
    token = services.user_make_verification_token(user=user)
    settings.MAILLAGE_EMAIL_VERIFICATION_MAX_AGE = -1  # every link is already expired
    response = client.get(reverse("accounts:verify_email", kwargs={"token": token}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce lien de confirmation a expiré." in html
    assert "Recevoir un nouveau lien" in html
    assert 'value="lent@exemple.fr"' in html  # prefilled from the (genuine) expired link
    user.refresh_from_db()
    assert not user.is_active and user.email_verified_at is None


def test_forged_token_is_refused(client):
    user = UserFactory(unverified=True)
    forged = signing.TimestampSigner(salt="autre-chose").sign_object({"u": user.pk, "e": user.email})
    for token in (forged, "n-importe-quoi", "a:b:c"):
        response = client.get(reverse("accounts:verify_email", kwargs={"token": token}))
        assert response.status_code == 400
        assert "n&#x27;est pas valide" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_token_for_old_address_does_not_verify_new_one(client):
    user = UserFactory(unverified=True, email="ancienne@exemple.fr")
    token = services.user_make_verification_token(user=user)
    user.email = "nouvelle@exemple.fr"
    user.save()
    response = client.get(reverse("accounts:verify_email", kwargs={"token": token}))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.email_verified_at is None


@pytest.mark.parametrize("case", ["unverified", "verified", "unknown"])
def test_resend_does_not_enumerate(client, django_capture_on_commit_callbacks, case):
    if case == "unverified":
        UserFactory(unverified=True, email="quelquun@exemple.fr")
    elif case == "verified":
        UserFactory(email="quelquun@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:verify_resend"), {"email": "Quelquun@exemple.fr"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:signup_sent")
    page = client.get(response.url).content.decode()
    assert "Si l'adresse saisie peut recevoir un lien de confirmation" in page
    if case == "unverified":
        assert len(mail.outbox) == 1
        assert "/compte/verification/" in mail.outbox[0].body
    else:
        assert mail.outbox == []


def test_resent_link_works(client, django_capture_on_commit_callbacks):
    UserFactory(unverified=True, email="quelquun@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:verify_resend"), {"email": "quelquun@exemple.fr"})
    response = client.post(link_from(mail.outbox[0]))
    assert response.status_code == 302
    assert User.objects.get(email="quelquun@exemple.fr").email_verified_at is not None


def test_signup_mail_only_after_commit(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:signup"), signup_data())
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_authenticated_user_is_sent_to_profile_from_signup(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:signup")).url == reverse("accounts:profile")


def test_verified_at_is_kept_when_activating_through_admin_action():
    user = UserFactory(unverified=True)
    services.user_activate(user=user)
    user.refresh_from_db()
    assert user.is_active and user.email_verified_at <= timezone.now()
    assert Person.objects.filter(user=user).exists()


def test_resend_is_throttled_per_address(client, django_capture_on_commit_callbacks):
    UserFactory(unverified=True, email="quelquun@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.post(reverse("accounts:verify_resend"), {"email": "quelquun@exemple.fr"})
            assert response.url == reverse("accounts:signup_sent")
    assert len(mail.outbox) == 1


def test_signup_then_immediate_resend_is_throttled(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:signup"), signup_data())
        client.post(reverse("accounts:verify_resend"), {"email": "camille.durand@exemple.fr"})
    assert len(mail.outbox) == 1
