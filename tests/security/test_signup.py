"""Signup with an existing address does the same work as a new one (issue 11, item 5): the password
is hashed in both cases and the owner's mail leaves through the task queue. The timings themselves
are measured by bench/bench_signup_timing.py, never asserted here."""

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from apps.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENCODED = []


class CountingHasher(MD5PasswordHasher):
    algorithm = "counting_md5"

    def encode(self, password, salt):
        ENCODED.append(password)
        return super().encode(password, salt)


DATA = {
    "first_name": "Camille",
    "last_name": "Martin",
    "password1": "Un-mot-de-passe-solide-2026",
    "password2": "Un-mot-de-passe-solide-2026",
    "accept_personal_data": "on",
}


@override_settings(PASSWORD_HASHERS=["tests.security.test_signup.CountingHasher"])
@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_signup_does_the_same_work_whether_or_not_the_address_exists(
    client, existing, django_capture_on_commit_callbacks
):
    email = "camille@exemple.test"
    if existing:
        UserFactory(email=email)
    ENCODED.clear()
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("accounts:signup"), {**DATA, "email": email})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_sent")
    assert [DATA["password1"]] == ENCODED  # hashed once, in both cases
    assert len(callbacks) == 1  # one task queued after commit, in both cases
    assert User.objects.filter(email=email).count() == 1
    assert mail.outbox == []  # nothing sent inside the request
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert [m.to for m in mail.outbox] == [[email]]
    subject = mail.outbox[0].subject
    assert ("Confirmez" in subject) != existing, subject


def test_existing_address_task_carries_no_address(django_capture_on_commit_callbacks):
    from apps.accounts.services import user_signup

    user = UserFactory(email="owner@exemple.test")
    with django_capture_on_commit_callbacks() as callbacks:
        assert (
            user_signup(
                first_name="A", last_name="B", email=user.email, password="x" * 12, directory_consent=False
            )
            is None
        )
    (callback,) = callbacks
    assert "owner@exemple.test" not in repr(callback.keywords)
