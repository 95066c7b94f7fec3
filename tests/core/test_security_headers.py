"""Permissions-Policy on every response, Cache-Control: private on every response to a signed-in
person (issue 11, item 8): no shared cache keeps one person's page for another."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url_name", ["core:home", "accounts:login", "events:agenda"])
def test_permissions_policy_everywhere(client, url_name):
    response = client.get(reverse(url_name))
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy


@pytest.mark.parametrize(
    "url_name", ["core:home", "accounts:profile", "events:agenda", "events:feed_ical", "search:search"]
)
def test_private_cache_for_signed_in_people(client, url_name):
    client.force_login(UserFactory())
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert "private" in directives and "public" not in directives


def test_public_feed_stays_cacheable_for_anonymous(client):
    response = client.get(reverse("events:feed_ical"))
    assert "private" not in response.get("Cache-Control", "")


def test_no_store_is_kept(client):
    from tests.events.factories import EventFactory

    event = EventFactory()
    client.force_login(UserFactory(animator=True))
    response = client.get(reverse("events:participants_csv", args=[event.slug]))
    assert response.status_code == 200
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives
