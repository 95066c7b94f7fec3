"""The "n filtres actifs" badge of a filter panel follows the results that htmx swaps in."""

import pytest
from django.urls import reverse

from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db

BADGE_ID = 'id="filtres-event-results-count"'
TEMPLATE = '<template data-filter-count="filtres-event-results-count">'


def test_htmx_fragment_carries_the_badge_in_a_template(client):
    EventFactory(title="Visite de la ferme", kind="site_visit")
    url = reverse("events:agenda")
    headers = {"HX-Request": "true", "HX-Target": "event-results"}
    body = client.get(url, {"mode": "in_person", "kind": "site_visit"}, headers=headers).content.decode()
    assert TEMPLATE in body and BADGE_ID not in body
    assert "2 filtres actifs" in body.split(TEMPLATE)[1].split("</template>")[0]
    # No filter left: the badge empties (still sent, so that the stale one goes).
    body = client.get(url, headers=headers).content.decode()
    assert TEMPLATE in body and "filtre" not in body.split(TEMPLATE)[1].split("</template>")[0]


def test_full_page_has_one_badge_without_oob(client):
    body = client.get(reverse("events:agenda"), {"mode": "in_person"}).content.decode()
    assert body.count(BADGE_ID) == 1
    assert "data-filter-count" not in body
    assert "1 filtre actif" in body
