import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.aids.selectors import aid_search, territory_containing_ids, territory_from_code
from apps.territories.models import Territory
from tests.aids.factories import AidFactory
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)


def titles(qs):
    return sorted(aid.title for aid in qs)


def test_containing_ids_walk_up_the_hierarchy_and_projects(geo):
    ids = territory_containing_ids(geo["commune"])
    expected = {geo[k].pk for k in ("commune", "epci", "dept", "region", "project")}
    assert ids == expected


def test_a_commune_matches_its_epci_departement_region_project_and_national_aids_not_the_neighbours(geo):
    for key in geo:
        AidFactory(title=f"aide {key}", perimeter=geo[key])
    AidFactory(title="aide nationale", perimeter=None)
    found = titles(aid_search(user=AnonymousUser(), territory=geo["commune"], today=TODAY))
    assert found == sorted(
        ["aide commune", "aide epci", "aide dept", "aide region", "aide project", "aide nationale"]
    )
    neighbour = titles(aid_search(user=AnonymousUser(), territory=geo["neighbour"], today=TODAY))
    assert (
        "aide commune" not in neighbour and "aide epci" not in neighbour and "aide project" not in neighbour
    )
    assert {"aide neighbour", "aide other_epci", "aide other_project", "aide dept"} <= set(neighbour)


def test_an_epci_matches_its_departement_but_not_its_communes_aids(geo):
    AidFactory(title="aide commune", perimeter=geo["commune"])
    AidFactory(title="aide dept", perimeter=geo["dept"])
    assert titles(aid_search(user=AnonymousUser(), territory=geo["epci"], today=TODAY)) == ["aide dept"]


def test_beneficiary_theme_text_filters(geo):
    energy = ThemeFactory(name="Énergie")
    AidFactory(title="Rénovation des écoles", beneficiaries=",municipality,", themes=[energy])
    AidFactory(title="Rénovation associative", beneficiaries=",association,", themes=[energy])
    AidFactory(title="Rénovation sans thème", beneficiaries=",municipality,")
    AidFactory(title="Vélo", beneficiaries=",municipality,", themes=[energy])
    found = aid_search(
        user=AnonymousUser(),
        query="renovation",
        beneficiary="municipality",
        theme=energy,
        territory=geo["commune"],
    )
    assert titles(found) == ["Rénovation des écoles"]
    # Accents and case do not matter in the text search.
    assert titles(aid_search(user=AnonymousUser(), query="ÉCOLES rénov")) == ["Rénovation des écoles"]


def test_closed_aids_hidden_by_default_and_sorted_by_closing_date(geo):
    AidFactory(title="close", close_date=TODAY - datetime.timedelta(days=1))
    AidFactory(title="later", close_date=TODAY + datetime.timedelta(days=60))
    AidFactory(title="soon", close_date=TODAY + datetime.timedelta(days=3))
    AidFactory(title="permanent", close_date=None)
    AidFactory(title="today", close_date=TODAY)
    found = [a.title for a in aid_search(user=AnonymousUser(), today=TODAY)]
    assert found == ["today", "soon", "later", "permanent"]
    with_closed = [a.title for a in aid_search(user=AnonymousUser(), today=TODAY, include_closed=True)]
    assert with_closed[0] == "close" and len(with_closed) == 5


def test_drafts_only_for_animators():
    AidFactory(title="brouillon", draft=True)
    AidFactory(title="publiée")
    assert titles(aid_search(user=AnonymousUser())) == ["publiée"]
    assert titles(aid_search(user=UserFactory())) == ["publiée"]
    assert titles(aid_search(user=UserFactory(animator=True))) == ["brouillon", "publiée"]


def test_territory_from_code(geo):
    assert territory_from_code("60159") == geo["commune"]
    assert territory_from_code("200067965") == geo["epci"]
    assert territory_from_code("60") == geo["dept"]
    assert territory_from_code("region:32") == geo["region"]
    # The French word people type (and that the form shows back) and the stored code both work.
    assert territory_from_code("departement:60") == territory_from_code("department:60") == geo["dept"]
    assert territory_from_code("commune:60159") == territory_from_code("municipality:60159") == geo["commune"]
    assert territory_from_code("Compiègne") == geo["commune"]
    assert territory_from_code("compiegne") == geo["commune"]
    assert territory_from_code("99999") is None
    assert territory_from_code("nulle part") is None
    assert territory_from_code("bidule:12") is None


def test_territory_from_ambiguous_name(geo):
    from tests.factories import CommuneFactory

    CommuneFactory(name="Compiègne", code="99001")
    with pytest.raises(Territory.MultipleObjectsReturned):
        territory_from_code("Compiègne")


def test_aid_page_counts_and_pages_in_one_query(django_assert_num_queries):
    from django.core.paginator import EmptyPage, PageNotAnInteger

    from apps.aids.models import Aid
    from apps.aids.selectors import aid_page

    for i in range(25):
        AidFactory(title=f"Aide {i:02d}")
    qs = Aid.objects.order_by("title")
    with django_assert_num_queries(1):
        page = aid_page(qs, "2", per_page=10)
        assert (page.paginator.count, page.paginator.num_pages, page.number) == (25, 3, 2)
        assert [a.title for a in page.object_list][:2] == ["Aide 10", "Aide 11"] and page.has_next()
    assert aid_page(qs, "99", per_page=10).number == 3  # past the end: last page
    assert aid_page(qs, "abc", per_page=10).number == 1
    assert aid_page(Aid.objects.none(), 1, per_page=10).paginator.count == 0
    with pytest.raises(PageNotAnInteger):
        aid_page(qs, "0", per_page=10, strict=True)
    with pytest.raises(EmptyPage):
        aid_page(qs, 4, per_page=10, strict=True)


def test_keywords_match_the_theme_names_of_an_aid(db):
    """Issue 16: an aid classified "Rénovation énergétique" whose text only says "isolation
    thermique" is found by "renovation energetique" (as on Aides-territoires)."""
    theme = ThemeFactory(name="Rénovation énergétique")
    aid = AidFactory(title="Écoles économes", description="Travaux d'isolation thermique.", themes=[theme])
    AidFactory(title="Autre aide", description="Mobilité douce.")
    anonymous = AnonymousUser()
    assert list(aid_search(user=anonymous, query="renovation energetique")) == [aid]
    assert list(aid_search(user=anonymous, query="Rénovation ÉNERGÉTIQUE isolation")) == [aid]
    # Themes changed later (the many-to-many is written after the aid): still in step.
    aid.themes.clear()
    aid.search_text_refresh()
    assert list(aid_search(user=anonymous, query="renovation energetique")) == []
