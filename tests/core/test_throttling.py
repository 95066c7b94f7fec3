"""Login throttling with and without a trusted reverse proxy (MAILLAGE_TRUSTED_PROXY_COUNT).

The requests go through the real login form, django-axes and the database handler."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from apps.core.throttling import client_ip
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "motdepasse-solide-42"
PROXY = "127.0.0.1"  # what every request looks like behind nginx on the same host


@pytest.fixture(autouse=True)
def _axes_clean():
    AccessAttempt.objects.all().delete()


def login(client, email, password, *, forwarded_for=None, remote=PROXY):
    extra = {"REMOTE_ADDR": remote}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    response = client.post(reverse("accounts:login"), {"username": email, "password": password}, **extra)
    client.logout()
    return response.status_code


def locked(status):
    return status in (403, 429)


# --- client address ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "10.0.0.1"),  # no proxy trusted: the header is the client's word
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.66, 203.0.113.7", "203.0.113.7"),  # leftmost entry forged by the client
        (2, "198.51.100.66, 203.0.113.7, 192.0.2.10", "203.0.113.7"),
        (2, "203.0.113.7", "10.0.0.1"),  # came through fewer proxies than configured
        (1, "", "10.0.0.1"),
        (1, "pas-une-adresse", "10.0.0.1"),
        (1, "203.0.113.7:51234", "203.0.113.7"),
        (1, "[2001:db8::7]:443", "2001:db8::7"),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_client_ip(settings, hops, forwarded, expected):
    settings.MAILLAGE_TRUSTED_PROXY_COUNT = hops
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


# --- behind a proxy, with the setting ------------------------------------------------------------


def test_behind_proxy_lockout_is_per_account_and_client_address(client, settings):
    settings.MAILLAGE_TRUSTED_PROXY_COUNT = 1
    UserFactory(email="alice@exemple.fr")
    for _ in range(4):
        assert login(client, "alice@exemple.fr", "mauvais", forwarded_for="203.0.113.7") == 200
    assert locked(login(client, "alice@exemple.fr", "mauvais", forwarded_for="203.0.113.7"))
    # The attacker stays locked out, even with the right password…
    assert locked(login(client, "alice@exemple.fr", PASSWORD, forwarded_for="203.0.113.7"))
    # …and cannot escape by forging the header: the proxy appends the real address.
    assert locked(login(client, "alice@exemple.fr", PASSWORD, forwarded_for="192.0.2.1, 203.0.113.7"))
    # Alice, at home, behind the same proxy, logs in.
    assert login(client, "alice@exemple.fr", PASSWORD, forwarded_for="198.51.100.20") == 302


def test_behind_proxy_password_spraying_locks_the_address(client, settings):
    settings.MAILLAGE_TRUSTED_PROXY_COUNT = 1
    settings.MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT = 12
    users = [UserFactory(email=f"membre{i}@exemple.fr") for i in range(6)]
    statuses = []
    for user in users:  # 2 tries per account: never 5 on one account
        for _ in range(2):
            statuses.append(login(client, user.email, "Printemps2026!", forwarded_for="203.0.113.7"))
    assert statuses[:11] == [200] * 11
    assert locked(statuses[11])
    # Now locked for every account, even a right password, from that address only.
    assert locked(login(client, users[0].email, PASSWORD, forwarded_for="203.0.113.7"))
    assert login(client, users[0].email, PASSWORD, forwarded_for="198.51.100.20") == 302


# --- without the setting -------------------------------------------------------------------------


def test_without_proxy_setting_forwarded_header_is_ignored(client, settings):
    """App servers facing clients directly: X-Forwarded-For is written by the client, so it
    cannot be used to dodge the lockout."""
    settings.MAILLAGE_TRUSTED_PROXY_COUNT = 0
    UserFactory(email="alice@exemple.fr")
    for i in range(4):
        assert (
            login(client, "alice@exemple.fr", "mauvais", remote="203.0.113.7", forwarded_for=f"10.9.9.{i}")
            == 200
        )
    assert locked(
        login(client, "alice@exemple.fr", "mauvais", remote="203.0.113.7", forwarded_for="10.9.9.5")
    )
    assert locked(
        login(client, "alice@exemple.fr", PASSWORD, remote="203.0.113.7", forwarded_for="10.9.9.99")
    )
    # Another client address is not affected.
    assert login(client, "alice@exemple.fr", PASSWORD, remote="198.51.100.20") == 302


def test_without_proxy_setting_behind_a_proxy_everyone_shares_the_proxy_address(client, settings):
    """The misconfiguration the setting exists for: behind nginx with the count left at 0, one
    attacker's failures lock the account for every client of the proxy."""
    settings.MAILLAGE_TRUSTED_PROXY_COUNT = 0
    UserFactory(email="alice@exemple.fr")
    for _ in range(5):
        login(client, "alice@exemple.fr", "mauvais", forwarded_for="203.0.113.7")
    assert locked(login(client, "alice@exemple.fr", PASSWORD, forwarded_for="198.51.100.20"))


def test_without_proxy_setting_spraying_locks_the_address(client, settings):
    settings.MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT = 6
    users = [UserFactory(email=f"membre{i}@exemple.fr") for i in range(3)]
    statuses = [login(client, u.email, "mauvais", remote="203.0.113.7") for u in users for _ in range(2)]
    assert statuses[:5] == [200] * 5 and locked(statuses[5])
    assert login(client, users[2].email, PASSWORD, remote="198.51.100.20") == 302


def test_address_limit_counts_only_the_cool_off_window(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.MAILLAGE_LOGIN_ADDRESS_FAILURE_LIMIT = 3
    users = [UserFactory(email=f"membre{i}@exemple.fr") for i in range(3)]
    for user in users[:2]:
        login(client, user.email, "mauvais", remote="203.0.113.7")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(hours=1))
    assert login(client, users[2].email, "mauvais", remote="203.0.113.7") == 200
    assert login(client, users[2].email, PASSWORD, remote="203.0.113.7") == 302
