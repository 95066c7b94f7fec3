import pytest
from django.contrib.auth.models import AnonymousUser

from apps.search.selectors import SearchFilters, search_documents
from apps.search.services import search_index_object, search_remove_object
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def only(kind: str) -> SearchFilters:
    return SearchFilters(kind=kind)


def test_index_search_remove():
    org = OrganisationFactory(
        name="Agglomération de la Région de Compiègne",
        description="Fonds de participation pour la rénovation des écoles",
    )
    search_index_object(org)
    res = search_documents(text="renovees ecole", user=AnonymousUser())
    assert [h.document.object_id for h in res.hits] == [org.pk]
    assert res.facets["kind"][0].count == 1
    assert "<mark>" in res.hits[0].snippet
    res = search_documents(text="compiegnne", user=AnonymousUser())
    assert res.corrected_text == "compiegne"
    assert res.total == 1
    # A kind filter keeps its kind only.
    assert search_documents(text="ecole", user=AnonymousUser(), filters=only("organisation")).total == 1
    assert search_documents(text="ecole", user=AnonymousUser(), filters=only("experience")).total == 0
    search_remove_object(org)
    assert search_documents(text="renovees", user=AnonymousUser()).total == 0
    assert search_documents(text="compiegne", user=AnonymousUser(), filters=only("organisation")).total == 0
