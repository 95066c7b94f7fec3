import re

import pytest
from django.core import mail

from apps.accounts.models import User
from apps.directory.models import Person
from tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


PASSWORD = "Un-mot-de-passe-tres-solide-2026"


def test_signup_verify_and_land_logged_in(page, live_server, assert_accessible, console_errors):
    page.goto(f"{live_server.url}/compte/inscription/")
    assert page.get_by_role("heading", level=1).inner_text() == "Créer un compte"
    assert_accessible(page, "accounts-signup")
    consent = page.get_by_label("J'accepte d'apparaître dans l'annuaire du réseau")
    assert not consent.is_checked()  # consent is opt-in

    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Nom", exact=True).fill("Navigatrice")
    page.get_by_label("Adresse électronique").fill("lea.navigatrice@exemple.fr")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Confirmation du mot de passe").fill(PASSWORD)
    # DSFR draws its own box over the input: the label takes the click, as for a real user.
    page.locator("label[for=id_directory_consent]").click()
    assert consent.is_checked()
    page.locator("label[for=id_accept_personal_data]").click()
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez votre messagerie"
    assert_accessible(page, "accounts-signup-sent")

    # The live server runs in this process with the immediate task backend: the mail is here.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/compte/verification/\S+/)", mail.outbox[0].body).group(1)
    page.goto(f"{live_server.url}{link}")
    page.wait_for_load_state()
    assert_accessible(page, "accounts-verify-confirm")
    page.get_by_role("button", name="Confirmer mon adresse").click()
    page.wait_for_load_state()
    # A newcomer is led to find and join their organisation.
    assert page.url == f"{live_server.url}/mon-espace/mon-organisation/"
    assert page.get_by_role("heading", level=1).inner_text() == "Trouver mon organisation"
    assert page.get_by_text("Votre adresse est confirmée").is_visible()
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert_accessible(page, "accounts-find-organisation")
    user = User.objects.get(email="lea.navigatrice@exemple.fr")
    assert user.is_active and Person.objects.get(user=user).directory_consent
    assert console_errors == []


def test_login_page(page, live_server, assert_accessible, login):
    user = UserFactory(email="connexion@exemple.fr")
    page.goto(f"{live_server.url}/compte/connexion/")
    assert_accessible(page, "accounts-login")
    # Wrong password: a French error, still accessible.
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill("mauvais")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    assert page.get_by_text("Adresse électronique ou mot de passe incorrect").is_visible()
    assert_accessible(page, "accounts-login-error")
    login(user)
    assert page.url == f"{live_server.url}/mon-espace/"


def test_password_reset_page(page, live_server, assert_accessible):
    UserFactory(email="oubli@exemple.fr")
    page.goto(f"{live_server.url}/compte/mot-de-passe/")
    assert_accessible(page, "accounts-password-reset")
    page.get_by_label("Adresse électronique").fill("oubli@exemple.fr")
    page.get_by_role("button", name="Recevoir le lien").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Vérifiez votre messagerie"
    assert_accessible(page, "accounts-password-reset-done")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+(/compte/mot-de-passe/reinitialiser/\S+/)", mail.outbox[0].body).group(1)
    page.goto(f"{live_server.url}{link}")
    assert_accessible(page, "accounts-password-reset-confirm")


def test_profile_edit_and_erase_pages(page, live_server, assert_accessible, login):
    user = UserFactory(email="fiche@exemple.fr")
    PersonFactory(user=user, email=user.email)
    login(user)
    page.goto(f"{live_server.url}/compte/modifier/")
    assert_accessible(page, "accounts-profile-edit")
    consent = page.get_by_label("J'accepte d'apparaître dans l'annuaire du réseau")
    assert consent.is_checked()
    page.locator("label[for=id_fiche-directory_consent]").click()
    assert not consent.is_checked()
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    assert page.get_by_text("n'apparaît plus dans l'annuaire").first.is_visible()
    assert not Person.objects.listed().filter(user=user).exists()
    page.goto(f"{live_server.url}/compte/supprimer/")
    assert_accessible(page, "accounts-erase")
    page.goto(f"{live_server.url}/compte/mot-de-passe/changer/")
    assert_accessible(page, "accounts-password-change")


def test_expired_link_and_lockout_pages(page, live_server, assert_accessible):
    page.goto(f"{live_server.url}/compte/verification/lien-invalide/")
    assert page.get_by_role("heading", level=1).inner_text() == "Lien de confirmation inutilisable"
    assert page.get_by_role("button", name="Recevoir un nouveau lien").is_visible()
    assert_accessible(page, "accounts-verify-failed")
    page.goto(f"{live_server.url}/compte/verification/renvoyer/")
    assert_accessible(page, "accounts-verify-resend")
    for _ in range(5):
        page.goto(f"{live_server.url}/compte/connexion/")
        page.get_by_label("Adresse électronique").fill("cible@exemple.fr")
        page.get_by_label("Mot de passe").fill("mauvais")
        page.get_by_role("button", name="Se connecter").click()
        page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Connexion temporairement bloquée"
    assert_accessible(page, "accounts-lockout")
