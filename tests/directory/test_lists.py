"""Directory lists, map data and "qui fait quoi": filters, consent, htmx partials, query counts."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.directory.models import OrganisationType, PersonCategory
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("directory:organisation_list")
PEOPLE = reverse("directory:person_list")
TROMBI = reverse("directory:trombinoscope")
MAP_DATA = reverse("directory:map_data")
WDW = reverse("directory:who_does_what")


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _commune(region, departement, **kwargs):
    return CommuneFactory(
        departement=departement,
        region=region,
        epci__departement=departement,
        epci__region=region,
        **kwargs,
    )


@pytest.fixture
def world():
    bretagne = RegionFactory(code="53", name="Bretagne")
    occitanie = RegionFactory(code="76", name="Occitanie")
    finistere = DepartementFactory(code="29", name="Finistère", region=bretagne)
    morbihan = DepartementFactory(code="56", name="Morbihan", region=bretagne)
    herault = DepartementFactory(code="34", name="Hérault", region=occitanie)
    energie = ThemeFactory(name="Énergie test", slug="energie-test")
    eau = ThemeFactory(name="Eau test", slug="eau-test")
    brest = OrganisationFactory(
        name="Ville de Brest",
        territory=_commune(bretagne, finistere, latitude=48.39, longitude=-4.49),
        themes=[energie],
    )
    vannes = OrganisationFactory(
        name="Étoile de Vannes",
        type=OrganisationType.ASSOCIATION,
        territory=_commune(bretagne, morbihan, latitude=47.66, longitude=-2.76),
        themes=[eau],
    )
    sete = OrganisationFactory(
        name="Syndicat du bassin de Thau",
        type=OrganisationType.SYNDICATE,
        territory=_commune(occitanie, herault, latitude=43.4, longitude=3.69),
        themes=[energie, eau],
    )
    pending = OrganisationFactory(
        name="Demande en attente", pending=True, territory=_commune(occitanie, herault)
    )
    elu = PersonFactory(organisation=brest, elu=True, first_name="Élodie", last_name="Quéré")
    agent = PersonFactory(organisation=vannes, first_name="Paul", last_name="Agent")
    agent.themes.add(eau)
    agent.resource_themes.add(energie)
    hidden = PersonFactory(
        organisation=sete, hidden=True, first_name="Invisible", last_name="Secret", elu=True
    )
    return locals()


def names(response):
    return {org.name for org in response.context["page_obj"].object_list}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Ville de Brest", "Étoile de Vannes", "Syndicat du bassin de Thau"}),
        ({"type": "association"}, {"Étoile de Vannes"}),
        ({"region": "53"}, {"Ville de Brest", "Étoile de Vannes"}),
        ({"departement": "34"}, {"Syndicat du bassin de Thau"}),
        ({"theme": "eau-test"}, {"Étoile de Vannes", "Syndicat du bassin de Thau"}),
        ({"categorie": "elected"}, {"Ville de Brest"}),  # the hidden élu of Thau does not count
        ({"categorie": "staff"}, {"Étoile de Vannes"}),
        ({"q": "etoile"}, {"Étoile de Vannes"}),  # accent-insensitive
        ({"q": "BASSIN thau"}, {"Syndicat du bassin de Thau"}),  # every word, any case
        ({"q": "brest", "region": "76"}, set()),
        ({"region": "53", "theme": "energie-test"}, {"Ville de Brest"}),
    ],
)
def test_organisation_filters_narrow(client, world, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert names(response) == expected
    assert response.context["page_obj"].paginator.count == len(expected)


def test_invalid_filter_values_are_reported_not_500(client, world):
    response = client.get(LIST, {"region": "zz", "type": "nope", "theme": "inconnue", "page": "abc"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"region", "type", "theme"}
    assert "Cette valeur n&#x27;existe pas" in response.text
    assert "Ce type d&#x27;organisation n&#x27;existe pas" in response.text
    # Invalid fields are ignored: the list shows everything.
    assert len(names(response)) == 3


def test_empty_state(client, world):
    response = client.get(LIST, {"q": "zzzz"})
    assert "Aucune organisation ne correspond" in response.text


def test_table_view(client, world):
    response = client.get(LIST, {"vue": "tableau"})
    assert "<table>" in response.text and "<caption>" in response.text
    assert 'scope="col"' in response.text and 'scope="row"' in response.text
    # The themes of a row read as a list: "A, B", no space before the comma.
    cells = " ".join(response.text.split())
    assert "Énergie test, Eau test" in cells or "Eau test, Énergie test" in cells


def test_pagination_keeps_filters(client, world):
    region = world["bretagne"]
    for index in range(30):
        OrganisationFactory(name=f"Brest bis {index}", territory=_commune(region, world["finistere"]))
    response = client.get(LIST, {"region": "53"})
    page = response.context["page_obj"]
    assert page.paginator.num_pages == 2
    assert "?page=2&amp;region=53" in response.text or "?region=53&amp;page=2" in response.text
    second = client.get(LIST, {"region": "53", "page": 2})
    assert len(second.context["page_obj"].object_list) == 32 - 24


def test_htmx_request_returns_partial(client, world):
    response = client.get(
        LIST, {"type": "association"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Étoile de Vannes" in response.text and "Ville de Brest" not in response.text
    assert "HX-Request" in response["Vary"]
    full = client.get(LIST, {"type": "association"})
    assert "<html" in full.text and 'hx-get="/annuaire/"' in full.text and 'hx-push-url="true"' in full.text


def test_htmx_history_restore_gets_full_page(client, world):
    response = client.get(
        LIST, headers={"HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in response.text


@pytest.mark.parametrize("url", [PEOPLE, TROMBI])
def test_people_htmx_partials(client, world, url):
    response = client.get(url, headers={"HX-Request": "true", "HX-Target": "results"})
    assert "<html" not in response.text and "Élodie Quéré" in response.text


def test_who_does_what_partial_and_matrix(client, world):
    response = client.get(WDW, {"region": "76"}, headers={"HX-Request": "true", "HX-Target": "results"})
    assert "<html" not in response.text
    assert "Syndicat du bassin de Thau" in response.text and "Ville de Brest" not in response.text
    full = client.get(WDW)
    assert "<caption>" in full.text and 'scope="col"' in full.text and 'scope="row"' in full.text
    rows = {org.name: cells for org, cells in full.context["rows"]}
    themes = [t.slug for t in full.context["themes"]]
    thau = dict(zip(themes, rows["Syndicat du bassin de Thau"], strict=True))
    assert thau["energie-test"] and thau["eau-test"]
    brest = dict(zip(themes, rows["Ville de Brest"], strict=True))
    assert brest["energie-test"] and not brest["eau-test"]
    counts = {t.slug: t.n for t in full.context["theme_counts"]}
    assert counts["energie-test"] == 2 and counts["eau-test"] == 2


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Élodie Quéré", "Paul Agent"}),
        ({"categorie": "elected"}, {"Élodie Quéré"}),
        ({"theme": "eau-test"}, {"Paul Agent"}),
        ({"ressource": "energie-test"}, {"Paul Agent"}),
        ({"type": "association"}, {"Paul Agent"}),
        ({"region": "53"}, {"Élodie Quéré", "Paul Agent"}),
        ({"region": "76"}, set()),  # the only person in Occitanie did not consent
        ({"q": "quere"}, {"Élodie Quéré"}),
    ],
)
def test_people_filters_narrow(client, world, params, expected):
    response = client.get(PEOPLE, params)
    assert {p.full_name for p in response.context["page_obj"].object_list} == expected


def test_non_consenting_person_never_shown(client, world):
    hidden = world["hidden"]
    pages = [
        client.get(PEOPLE),
        client.get(PEOPLE, {"categorie": "elected"}),
        client.get(TROMBI),
        client.get(world["sete"].get_absolute_url()),
        client.get(MAP_DATA),
        client.get(reverse("directory:map")),
    ]
    for response in pages:
        assert response.status_code == 200
        assert "Secret" not in response.content.decode()
    assert client.get(hidden.get_absolute_url()).status_code == 404
    # Logged-in members and even animators never see them in the trombinoscope or on org pages.
    client.force_login(UserFactory(animator=True))
    assert "Secret" not in client.get(TROMBI).text
    assert "Secret" not in client.get(world["sete"].get_absolute_url()).text
    assert client.get(hidden.get_absolute_url()).status_code == 200


def test_trombinoscope_groups_by_category(client, world):
    response = client.get(TROMBI)
    labels = [group["label"] for group in response.context["groups"]]
    assert labels == [PersonCategory.ELECTED.label, PersonCategory.STAFF.label]  # by code: elected, staff
    assert "trombi-initials" in response.text


def test_map_data_shape_and_filters(client, world):
    response = client.get(MAP_DATA)
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "points"}
    assert data["count"] == 3  # active organisations only: the pending one is not on the map
    for lat, lon, pk in data["points"]:
        assert isinstance(lat, float) and isinstance(lon, float) and isinstance(pk, int)
    by_id = {p[2]: p for p in data["points"]}
    assert by_id[world["brest"].pk][:2] == [48.39, -4.49]
    assert {p[2] for p in client.get(MAP_DATA, {"region": "53"}).json()["points"]} == {
        world["brest"].pk,
        world["vannes"].pk,
    }
    assert client.get(MAP_DATA, {"theme": "eau-test", "type": "syndicate"}).json()["count"] == 1
    assert client.get(MAP_DATA, {"q": "zzz"}).json() == {"count": 0, "points": []}


def test_map_data_is_cached_by_filter_key(client, world, django_assert_num_queries):
    client.get(MAP_DATA, {"region": "53"})
    with django_assert_num_queries(1):  # only resolving the région filter; the points come from the cache
        assert client.get(MAP_DATA, {"region": "53"}).json()["count"] == 2


def test_map_popup(client, world):
    data = client.get(reverse("directory:map_popup", kwargs={"pk": world["vannes"].pk})).json()
    assert data["name"] == "Étoile de Vannes"
    assert data["url"] == world["vannes"].get_absolute_url()
    assert data["type"] == "Association / réseau / fédération"
    assert client.get(reverse("directory:map_popup", kwargs={"pk": world["pending"].pk})).status_code == 404


def test_map_popup_says_when_the_position_is_the_communes_centre(client, world):
    vannes = world["vannes"]
    popup = reverse("directory:map_popup", kwargs={"pk": vannes.pk})
    vannes.latitude, vannes.longitude = vannes.territory.latitude, vannes.territory.longitude
    vannes.save()
    assert vannes.territory.has_coordinates and client.get(popup).json()["approximate"] is True
    # Placed at its own address: precise.
    vannes.latitude, vannes.longitude = vannes.territory.latitude + 0.01, vannes.territory.longitude
    vannes.save()
    assert client.get(popup).json()["approximate"] is False
    page = client.get(vannes.get_absolute_url()).content.decode()
    assert "Position à l'adresse de l'organisation." in page


def test_map_page_counts_table_without_js(client, world):
    response = client.get(reverse("directory:map"), {"region": "53"})
    counts = response.context["counts"]
    assert counts["total"] == 2
    assert {row["departement__code"]: row["n"] for row in counts["departements"]} == {"29": 1, "56": 1}
    assert "/annuaire/?region=53&amp;departement=29" in response.text
    partial = client.get(
        reverse("directory:map"),
        {"type": "syndicate"},
        headers={"HX-Request": "true", "HX-Target": "map-counts"},
    )
    assert "<html" not in partial.text and 'data-points-query="type=syndicate"' in partial.text


def _many_orgs(n, region, departement):
    themes = [ThemeFactory(name=f"Thème {i}") for i in range(3)]
    for index in range(n):
        org = OrganisationFactory(
            name=f"Org {index:03d}", territory=_commune(region, departement), themes=themes
        )
        PersonFactory(organisation=org)
        MembershipFactory(organisation=org)


@pytest.mark.parametrize(
    ("url", "params"),
    [
        (LIST, {}),
        (LIST, {"vue": "tableau", "categorie": "staff", "theme": ""}),
        (PEOPLE, {}),
        (TROMBI, {}),
        (WDW, {}),
        (reverse("directory:map"), {}),
        (MAP_DATA, {"type": "municipality"}),
    ],
)
def test_query_count_does_not_grow_with_rows(client, world, url, params, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    region, departement = world["bretagne"], world["finistere"]
    _many_orgs(5, region, departement)
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, params).status_code == 200
    _many_orgs(25, region, departement)  # 30+ organisations, two pages of cards
    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, params).status_code == 200


def test_logged_in_query_count(client, world, django_assert_max_num_queries):
    _many_orgs(30, world["bretagne"], world["finistere"])
    client.force_login(UserFactory())
    with django_assert_max_num_queries(12):
        client.get(LIST)
    with django_assert_max_num_queries(12):
        client.get(PEOPLE)


def test_map_cache_is_invalidated_when_an_organisation_joins(
    client, world, django_capture_on_commit_callbacks
):
    from apps.directory import services
    from tests.directory.factories import JoinRequestFactory

    jr = JoinRequestFactory(organisation__territory=world["brest"].territory)
    assert client.get(MAP_DATA).json()["count"] == 3
    with django_capture_on_commit_callbacks(execute=True):
        services.join_request_approve(join_request=jr, decided_by=UserFactory(animator=True))
    assert client.get(MAP_DATA).json()["count"] == 4


# --- Hot list rows (issue 16, item 5): what a row loads and shows --------------------------------


def test_list_queries_are_fixed_whatever_the_rows(client, world, django_assert_num_queries):
    """Anonymous list, cards then table: the count, the page (its columns only), the themes of the
    page; the filter options come from the per-process copy. Rows placed in an EPCI (whose label
    reads `epci_type`) and with Markdown descriptions load nothing more."""
    from tests.factories import EpciFactory

    epci = EpciFactory(departement=world["finistere"], region=world["bretagne"])
    for index in range(30):
        OrganisationFactory(
            name=f"Communauté {index:02d}",
            territory=epci,
            description=f"**Intercommunalité** n° {index}, voir [le site](https://exemple.fr).",
        )
    client.get(LIST)  # computes the filter options once
    with django_assert_num_queries(3):
        response = client.get(LIST)
    assert response.status_code == 200
    with django_assert_num_queries(3):
        assert client.get(LIST, {"vue": "tableau"}).status_code == 200
    # A filter by theme adds the lookup of that theme, nothing per row.
    with django_assert_num_queries(4):
        assert client.get(LIST, {"theme": "eau-test"}).status_code == 200


def test_card_excerpt_is_plain_text_of_the_markdown(client, world):
    OrganisationFactory(
        name="Aaa première",
        territory=world["brest"].territory,
        description="## Qui\n\n**Agence** locale de [l'énergie](https://exemple.fr) et du climat.",
    )
    html = client.get(LIST).text
    assert '<p class="fr-card__desc">Qui Agence locale de l&#x27;énergie et du climat.</p>' in html
    assert "**" not in html and "exemple.fr" not in html


def test_excerpt_of_a_long_description_is_cut_on_a_word():
    from apps.directory.selectors import EXCERPT_CHARS, text_excerpt

    words = " ".join(f"mot{i}" for i in range(200))
    assert text_excerpt(words) == " ".join(f"mot{i}" for i in range(25)) + "…"
    start = ("abcdefghij " * 60)[:EXCERPT_CHARS]  # 36 words, the last one cut by the database
    assert text_excerpt(start, 40, cut=True) == " ".join(["abcdefghij"] * 36) + "…"
    assert text_excerpt("", 25) == ""


def test_same_names_are_paged_in_a_stable_order(client, world):
    """Ordered by name then id: among 30 organisations of the same name, each shows on exactly one page."""
    for _ in range(30):
        OrganisationFactory(name="Mairie", territory=world["brest"].territory)
    slugs = []
    for page in (1, 2):
        response = client.get(LIST, {"q": "mairie", "page": page})
        slugs += [org.slug for org in response.context["page_obj"].object_list]
    assert len(slugs) == 30 and len(set(slugs)) == 30


def test_filter_options_follow_a_new_theme(client, world, django_capture_on_commit_callbacks):
    from apps.themes.services import theme_create

    assert "Thème né d’un service" not in client.get(LIST).text
    with django_capture_on_commit_callbacks(execute=True):
        theme_create(name="Thème né d’un service")
    assert '<option value="theme-ne-dun-service">Thème né d’un service</option>' in client.get(LIST).text
