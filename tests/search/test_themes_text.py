"""Issue 16: the theme names of aids, experiences and resources are part of what text search
matches, with the same French normalisation (accents, case, stems)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.search.selectors import search_documents
from apps.search.services import search_index_object
from tests.aids.factories import AidFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import ThemeFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_theme_names_are_searched_for_aids_experiences_and_resources():
    theme = ThemeFactory(name="Rénovation énergétique")
    aid = AidFactory(title="Écoles économes", description="Travaux d'isolation thermique.", themes=[theme])
    experience = ExperienceFactory(title="Isoler la mairie", themes=[theme])
    resource = ResourceFactory(title="Guide de l'isolation", summary="Laine de bois et ouate.")
    resource.themes.set([theme])
    unrelated = AidFactory(title="Vélo pour tous", description="Mobilité douce.")
    for obj in (aid, experience, resource, unrelated):
        search_index_object(obj)
    for text in ("renovation energetique", "Rénovation ÉNERGÉTIQUE", "rénovations énergétiques"):
        results = search_documents(text=text, user=AnonymousUser(), per_page=50)
        found = {(hit.document.kind, hit.document.object_id) for hit in results.hits}
        assert found == {("aid", aid.pk), ("experience", experience.pk), ("resource", resource.pk)}, text
