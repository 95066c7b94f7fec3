"""The theme tags of the organisation and person pages, drawn by the shared includes
(includes/theme_tags.html, includes/tags.html): each links to its list filtered by that theme."""

import pytest

from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_organisation_page_links_its_themes_and_shows_its_needs(client):
    energy, water = ThemeFactory(name="Énergie", slug="energie"), ThemeFactory(name="Eau", slug="eau")
    organisation = OrganisationFactory(themes=[energy])
    organisation.need_themes.set([water])
    html = " ".join(client.get(organisation.get_absolute_url()).content.decode().split())
    assert '<a class="fr-tag" href="/annuaire/?theme=energie">Énergie</a>' in html
    assert '<p class="fr-tag fr-tag--sm">Eau</p>' in html


def test_person_page_links_themes_and_resource_themes(client):
    energy, water = ThemeFactory(name="Énergie", slug="energie"), ThemeFactory(name="Eau", slug="eau")
    person = PersonFactory()
    person.themes.set([energy])
    person.resource_themes.set([water])
    html = " ".join(client.get(person.get_absolute_url()).content.decode().split())
    assert '<a class="fr-tag" href="/annuaire/personnes/?theme=energie">Énergie</a>' in html
    assert '<a class="fr-tag" href="/annuaire/personnes/?ressource=eau">Eau</a>' in html
