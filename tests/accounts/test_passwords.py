import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reset_mail_is_sent_by_the_task_after_commit(client, django_capture_on_commit_callbacks):
    UserFactory(email="alice@exemple.fr")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "Alice@exemple.fr"})
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_reset_done")
    # Nothing was sent during the request: the mail waits for the commit…
    assert mail.outbox == []
    assert len(callbacks) == 1
    assert "outbox_send" in repr(callbacks[0])
    # …and the worker task sends it then.
    callbacks[0]()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["alice@exemple.fr"]
    assert "nouveau mot de passe" in message.subject
    assert "http://testserver" not in message.body
    assert re.search(r"http://127\.0\.0\.1:8000/compte/mot-de-passe/reinitialiser/\S+/\S+/", message.body)


def test_reset_full_flow(client, django_capture_on_commit_callbacks):
    user = UserFactory(email="alice@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "alice@exemple.fr"})
    path = re.search(r"http://[^/]+(/compte/mot-de-passe/reinitialiser/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(path, follow=True)
    assert response.status_code == 200
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Nouveau-secret-2026", "new_password2": "Nouveau-secret-2026"}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Nouveau-secret-2026")
    # The link served once.
    assert client.get(path, follow=True).context["validlink"] is False


def test_reset_unknown_address_same_answer_no_mail(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_reset_invalid_email_french_error(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "pas une adresse"})
    assert response.status_code == 200
    assert "adresse électronique valide" in response.content.decode()


def test_password_change(client):
    user = UserFactory()
    client.force_login(user)
    url = reverse("accounts:password_change")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "old_password": "faux",
            "new_password1": "Nouveau-secret-2026",
            "new_password2": "Nouveau-secret-2026",
        },
    )
    assert "Le mot de passe actuel est incorrect." in response.content.decode()
    response = client.post(
        url,
        {
            "old_password": "motdepasse-solide-42",
            "new_password1": "Nouveau-secret-2026",
            "new_password2": "Nouveau-secret-2026",
        },
    )
    assert response.url == reverse("accounts:profile")
    user.refresh_from_db()
    assert user.check_password("Nouveau-secret-2026")
    assert "_auth_user_id" in client.session  # still logged in


def test_password_change_requires_login(client):
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_reset_mails_are_throttled_per_address(client, django_capture_on_commit_callbacks):
    UserFactory(email="alice@exemple.fr")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            response = client.post(reverse("accounts:password_reset"), {"email": "alice@exemple.fr"})
            assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
