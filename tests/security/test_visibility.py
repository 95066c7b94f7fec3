"""Visibility is the same everywhere (issue 11, item 5): search results and spelling suggestions are
computed only from what the asker may see; restricted items answer 404 (drafts included, never
403) to logged-in people who may not see them, and the login page to anonymous visitors."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from apps.directory.models import PersonCategory
from apps.events.models import Audience, EventStatus
from apps.search.selectors import search_documents
from apps.search.services import search_index_object, search_reindex
from tests.aids.factories import AidFactory
from tests.consultations.factories import ConsultationFactory
from tests.events.factories import EventFactory
from tests.factories import PersonFactory, UserFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    elu = UserFactory()
    PersonFactory(user=elu, elu=True)
    agent = UserFactory()
    PersonFactory(user=agent, category=PersonCategory.STAFF)
    return {"anonymous": AnonymousUser(), "elu": elu, "agent": agent, "animator": UserFactory(animator=True)}


# --- search results -------------------------------------------------------------------------


def test_event_restricted_to_a_category_is_found_only_by_that_category(people):
    EventFactory(
        title="Séminaire Quetzalcoatl des maires",
        summary="Réservé aux élu·es.",
        audience=Audience.CATEGORY,
        audience_category=PersonCategory.ELECTED,
    )
    search_reindex()
    found = {role: search_documents(text="Quetzalcoatl", user=user).total for role, user in people.items()}
    assert found == {"anonymous": 0, "elu": 1, "agent": 0, "animator": 1}


def test_search_page_does_not_show_a_restricted_event_to_another_category(client, people):
    EventFactory(
        title="Séminaire Quetzalcoatl", audience=Audience.CATEGORY, audience_category=PersonCategory.ELECTED
    )
    search_reindex()
    client.force_login(people["agent"])
    body = client.get(reverse("search:search"), {"q": "Quetzalcoatl"}).content.decode()
    assert "Quetzalcoatl</" not in body and "Séminaire Quetzalcoatl" not in body


# --- spelling suggestions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: ResourceFactory(title="Guide Xylophagorama", suggested=True),
        lambda: AidFactory(title="Fonds Xylophagorama", draft=True),
        lambda: EventFactory(
            title="Séminaire Xylophagorama",
            audience=Audience.CATEGORY,
            audience_category=PersonCategory.ELECTED,
        ),
    ],
    ids=["pending-resource", "draft-aid", "category-event"],
)
def test_suggestions_never_come_from_what_the_asker_may_not_see(client, people, make):
    obj = make()
    search_index_object(obj)
    for role in ("anonymous", "agent"):
        results = search_documents(text="xylophagoramma", user=people[role])
        assert results.corrected_text == "" and results.suggestions == [], role
        if role != "anonymous":
            client.force_login(people[role])
        body = client.get(reverse("search:search"), {"q": "xylophagoramma"}).content.decode()
        assert "xylophagorama" not in body.lower().replace("xylophagoramma", ""), role
    # Those who may see it still get the correction.
    assert search_documents(text="xylophagoramma", user=people["animator"]).corrected_text


def test_suggestion_offered_from_public_words(people):
    search_index_object(ResourceFactory(title="Guide Xylophagorama"))
    assert search_documents(text="xylophagoramma", user=people["anonymous"]).corrected_text


# --- 404, never 403 -------------------------------------------------------------------------


def _restricted():
    return {
        "draft-event": EventFactory(status=EventStatus.DRAFT).get_absolute_url(),
        "draft-event-ics": reverse(
            "events:event_ical", kwargs={"slug": EventFactory(status=EventStatus.DRAFT).slug}
        ),
        "category-event": EventFactory(
            audience=Audience.CATEGORY, audience_category=PersonCategory.ELECTED
        ).get_absolute_url(),
        "draft-aid": reverse("aids:detail", args=[AidFactory(draft=True).slug]),
        "pending-resource": reverse("resources:detail", args=[ResourceFactory(suggested=True).slug]),
        "draft-consultation": ConsultationFactory(draft=True).get_absolute_url(),
    }


def test_restricted_items_answer_404_to_members_and_login_to_anonymous(client, people):
    urls = _restricted()
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"], name
    client.force_login(people["agent"])
    for name, url in urls.items():
        assert client.get(url).status_code == 404, name
    client.force_login(people["animator"])
    for name, url in urls.items():
        assert client.get(url).status_code == 200, name
