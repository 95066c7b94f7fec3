"""The organisation picker (issue 14, item 7): the forms that choose several organisations search
them on the server (name words without accents, or SIREN), page after page, with French labels;
logged-in people only; the plain select without JavaScript."""

import pytest
from django.urls import reverse

from apps.directory import selectors
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("directory:organisation_search")


@pytest.fixture
def member(client):
    user = UserFactory()
    client.force_login(user)
    return user


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.json()


def test_words_match_without_accents_in_name_order_with_french_labels(client, member):
    OrganisationFactory(name="Communauté de communes du Pays de Thiers", territory__name="Thiers")
    OrganisationFactory(name="Mairie de Thiers", association=True, territory__name="Thiers")
    OrganisationFactory(name="Mairie de Riom")
    OrganisationFactory(name="Commune de Thiers en attente", pending=True)
    data = search(client, q="thiers COMMUNAUTE")
    assert [r["text"] for r in data["results"]] == [
        "Communauté de communes du Pays de Thiers (Commune, Thiers)"
    ]
    data = search(client, q="Thiers")
    assert [r["text"].split(" (")[0] for r in data["results"]] == [
        "Communauté de communes du Pays de Thiers",
        "Mairie de Thiers",
    ]
    assert data["results"][1]["text"] == "Mairie de Thiers (Association / réseau / fédération, Thiers)"
    assert data["more"] is False


def test_siren_digits_find_the_organisation(client, member):
    target = OrganisationFactory(name="Syndicat des eaux", siren="200071348")
    OrganisationFactory(name="Autre", siren="217300011")
    data = search(client, q="200 071")
    assert [r["value"] for r in data["results"]] == [str(target.pk)]
    assert data["results"][0]["search"] == "200071348"


def test_results_come_page_after_page(client, member):
    for n in range(selectors.ORGANISATION_SEARCH_PAGE + 5):
        OrganisationFactory(name=f"Mairie numéro {n:02d}")
    first = search(client, q="mairie")
    second = search(client, q="mairie", page=2)
    assert len(first["results"]) == selectors.ORGANISATION_SEARCH_PAGE and first["more"] is True
    assert len(second["results"]) == 5 and second["more"] is False
    assert not {r["value"] for r in first["results"]} & {r["value"] for r in second["results"]}


def test_empty_or_hostile_queries_answer_nothing(client, member):
    OrganisationFactory(name="Mairie")
    assert search(client, q="")["results"] == []
    assert search(client, q="%")["results"] == []
    assert search(client, q="mairie", page="999")["results"] == []
    # An impossible page number is the first page (never a server error).
    assert search(client, q="mairie", page="99999999999999999999999")["page"] == 1


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(URL, {"q": "mairie"})
    assert response.status_code == 302 and "/compte/connexion/" in response.url


def test_forms_choosing_several_organisations_use_the_searchable_picker(client):
    from apps.arbitrages.forms import QuestionnaireForm
    from apps.consultations.forms import ConsultationForm
    from apps.events.forms import EventForm
    from apps.polls.forms import InviteesForm

    for form, name in [
        (QuestionnaireForm(), "delegations"),
        (ConsultationForm(), "invited_organisations"),
        (InviteesForm(), "organisations"),
        (EventForm(), "organisers"),
        (EventForm(), "co_organisers"),
    ]:
        html = str(form[name])
        assert "data-searchable-select" in html and f'data-search-url="{URL}"' in html, name
        assert "<select" in html and "multiple" in html  # the plain select without JavaScript
