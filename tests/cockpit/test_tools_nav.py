"""The cockpit's tools nav reaches every coordinator page, and each opens for an animator (no
task left to /admin/)."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

COORDINATOR_PAGES = [
    "cockpit:index",
    "cockpit:moderation",
    "cockpit:settings",
    "cockpit:accounts",
    "directory:animation",
    "directory:organisation_create",
    "directory:import",
    "directory:invitation_list",
    "directory:invitation_bulk",
    "directory:invitation_imported",
    "events:create",
    "events:partner_feeds",
    "polls:list",
    "programmes:list",
    "programmes:create",
    "arbitrages:list",
    "consultations:create",
    "groups:list",
    "themes:list",
    "resources:freshness",
    "questions:stats",
    "aids:create",
    "aids:import_file",
]


def test_every_coordinator_page_is_in_the_tools_nav_and_opens(client):
    client.force_login(UserFactory(animator=True))
    for page in ["cockpit:index", "cockpit:moderation", "cockpit:settings", "cockpit:accounts"]:
        html = client.get(reverse(page)).content.decode()
        for name in COORDINATOR_PAGES:
            assert f'href="{reverse(name)}"' in html, (page, name)
        assert 'href="/admin/' not in html
    for name in COORDINATOR_PAGES:
        assert client.get(reverse(name)).status_code == 200, name
