import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"


@pytest.fixture(autouse=True)
def _axes_clean():
    from axes.models import AccessAttempt

    AccessAttempt.objects.all().delete()


def post_login(client, email, password, **extra):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, **extra)


def test_login_page_has_french_labels(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert re.search(r'<label for="id_username" class="fr-label">\s*Adresse électronique', html)
    assert re.search(r'<label for="id_password" class="fr-label">\s*Mot de passe', html)
    assert 'name="username"' in html  # django-axes reads this field name
    assert "Se connecter</button>" in html


def test_login_with_email_case_insensitive(client):
    user = UserFactory(email="alice@exemple.fr")
    response = post_login(client, "  Alice@Exemple.FR ", PASSWORD)
    assert response.status_code == 302
    # Members land on "Mon espace" (LOGIN_REDIRECT_URL).
    assert response.url == reverse("portal:my_space")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_login_respects_safe_next(client):
    UserFactory(email="alice@exemple.fr")
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@exemple.fr", "password": PASSWORD, "next": "/compte/modifier/"},
    )
    assert response.url == "/compte/modifier/"
    client.logout()
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice@exemple.fr", "password": PASSWORD, "next": "https://evil.test/"},
    )
    assert response.url == reverse("portal:my_space")


def test_bad_credentials_french_message(client):
    UserFactory(email="alice@exemple.fr")
    response = post_login(client, "alice@exemple.fr", "mauvais-mot-de-passe")
    assert response.status_code == 200
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_unknown_and_wrong_password_answer_alike(client):
    UserFactory(email="alice@exemple.fr")
    known = post_login(client, "alice@exemple.fr", "mauvais-mot-de-passe").context["form"].non_field_errors()
    unknown = (
        post_login(client, "personne@exemple.fr", "mauvais-mot-de-passe").context["form"].non_field_errors()
    )
    assert list(known) == list(unknown)


def test_unverified_account_gets_link_again(client, django_capture_on_commit_callbacks):
    UserFactory(email="bob@exemple.fr", unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_login(client, "bob@exemple.fr", PASSWORD)
    assert response.status_code == 200
    assert "Confirmez d&#x27;abord votre adresse : lien renvoyé" in response.content.decode()
    assert len(mail.outbox) == 1 and "/compte/verification/" in mail.outbox[0].body
    assert "_auth_user_id" not in client.session


def test_unverified_with_wrong_password_learns_nothing(client, django_capture_on_commit_callbacks):
    UserFactory(email="bob@exemple.fr", unverified=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_login(client, "bob@exemple.fr", "mauvais-mot-de-passe")
    assert "Adresse électronique ou mot de passe incorrect" in response.content.decode()
    assert mail.outbox == []


def test_deactivated_account_message(client):
    UserFactory(email="carole@exemple.fr", is_active=False)  # verified, then deactivated by the team
    response = post_login(client, "carole@exemple.fr", PASSWORD)
    assert "Ce compte est désactivé" in response.content.decode()


def test_lockout_after_five_failures(client):
    UserFactory(email="alice@exemple.fr")
    for _ in range(4):
        response = post_login(client, "alice@exemple.fr", "mauvais")
        assert response.status_code == 200
    response = post_login(client, "alice@exemple.fr", "mauvais")
    assert response.status_code in (403, 429)
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "Patientez 15 minutes avant de réessayer" in html
    # Even the right password is refused while locked.
    response = post_login(client, "alice@exemple.fr", PASSWORD)
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_ip(client):
    UserFactory(email="alice@exemple.fr")
    UserFactory(email="bob@exemple.fr")
    for _ in range(5):
        post_login(client, "alice@exemple.fr", "mauvais")
    # Another account from the same address, and the same account from elsewhere, still work.
    assert post_login(client, "bob@exemple.fr", PASSWORD).status_code == 302
    client.logout()
    assert post_login(client, "alice@exemple.fr", PASSWORD, REMOTE_ADDR="10.0.0.9").status_code == 302


def test_logout_is_post_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_authenticated_user_skips_login_page(client):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:login")).url == reverse("portal:my_space")


def test_lockout_counts_case_variants_of_the_address_together(client):
    """The form normalises the address before authenticating, so axes sees one username."""
    UserFactory(email="alice@exemple.fr")
    for variant in [
        "alice@exemple.fr",
        "Alice@exemple.fr",
        "ALICE@EXEMPLE.FR",
        " alice@Exemple.fr",
        "aLiCe@exemple.fr",
    ]:
        response = post_login(client, variant, "mauvais")
    assert response.status_code in (403, 429)
    assert post_login(client, "alice@exemple.fr", PASSWORD).status_code in (403, 429)
