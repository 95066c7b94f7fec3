import pytest
from django.urls import reverse

from apps.territories.models import Kind, Territory
from apps.territories.selectors import territory_autocomplete
from tests.factories import CommuneFactory, DepartementFactory, EpciFactory

pytestmark = pytest.mark.django_db


def labels(results):
    return [t.label for t in results]


# --- Real data (Haute-Savoie and Ain) ------------------------------------------------------------


def test_annecy_by_name_code_and_postcode(cog):
    for query in ("annecy", "Annecy", "ANNECY", "74010", "74000", "Annecy (74)"):
        first = territory_autocomplete(query)[0]
        assert (first.kind, first.code) == (Kind.MUNICIPALITY, "74010"), query
    # Its agglomeration comes next for the name (the word appears inside the name).
    assert "CA du Grand Annecy" in labels(territory_autocomplete("annecy"))


def test_accents_and_abbreviations_are_ignored(cog):
    for query in ("saint etienne", "Saint-Étienne", "st etienne", "SAINT ÉTIENNE"):
        results = territory_autocomplete(query, kinds=[Kind.MUNICIPALITY])
        assert results, query
        assert all(t.search_name.startswith("saint etienne") for t in results)
        assert {t.code for t in results} >= {"01350"}  # Saint-Étienne-du-Bois (Ain)


def test_postcode_prefix_and_siren(cog):
    results = territory_autocomplete("7437", kinds=[Kind.MUNICIPALITY])
    assert results and all(any(code.startswith("7437") for code in t.postcodes.split()) for t in results)
    assert territory_autocomplete("200063402")[0].code == "74010"  # SIREN of the commune
    assert territory_autocomplete("200066793")[0].name == "CA du Grand Annecy"


def test_kinds_restrict_results(cog):
    assert {t.kind for t in territory_autocomplete("annecy", kinds=[Kind.EPCI])} == {Kind.EPCI}
    assert territory_autocomplete("74", kinds=[Kind.DEPARTMENT])[0].name == "Haute-Savoie"


# --- Ranking, on small synthetic data ---------------------------------------------------------


def test_ranking_exact_then_prefix_then_contains_then_population():
    dep = DepartementFactory(code="97", name="Test")
    epci = EpciFactory(name="CA du Grand Bourgneuf", departement=dep, population=500_000)
    CommuneFactory(name="Bourgneuf-le-Haut", population=90_000, epci=epci)
    CommuneFactory(name="Bourgneuf-le-Bas", population=10_000, epci=epci)
    CommuneFactory(name="Bourgneuf", population=300, epci=epci)
    assert [t.name for t in territory_autocomplete("bourgneuf")] == [
        "Bourgneuf",  # exact, although the smallest
        "Bourgneuf-le-Haut",  # prefix, by population
        "Bourgneuf-le-Bas",
        "CA du Grand Bourgneuf",  # contains, although the largest
    ]


def test_limit_empty_query_and_retired_territories():
    epci = EpciFactory()
    for i in range(5):
        CommuneFactory(name=f"Villenoire {i}", epci=epci)
    retired = CommuneFactory(name="Villenoire Ancienne", epci=epci, is_current=False)
    assert len(territory_autocomplete("villenoire", limit=3)) == 3
    assert retired not in territory_autocomplete("villenoire", limit=20)
    assert territory_autocomplete("   ") == []
    assert territory_autocomplete("-") == []


def test_words_inside_the_name_need_all_words():
    epci = EpciFactory(name="CC des Monts du Lyonnais")
    EpciFactory(name="CC des Monts du Forez")
    assert [t.pk for t in territory_autocomplete("monts lyon")] == [epci.pk]


# --- Endpoint ------------------------------------------------------------------------------------


def test_endpoint_json(client):
    commune = CommuneFactory(name="Saint-Gervais-les-Bains", population=5000, postcodes="74170")
    response = client.get(
        reverse("territories:autocomplete"), {"q": "saint gervais", "kinds": "municipality,epci"}
    )
    assert response.status_code == 200
    result = response.json()["results"][0]
    assert result["id"] == commune.pk
    assert result["kind"] == "municipality"
    assert result["code"] == commune.code
    assert result["label"] == commune.label
    assert result["name"] == "Saint-Gervais-les-Bains"
    assert result["population"] == 5000
    assert result["departement"] == commune.departement.code
    assert (
        client.get(reverse("territories:autocomplete"), {"q": "74170"}).json()["results"][0]["id"]
        == commune.pk
    )


def test_endpoint_htmx_fragment_and_bad_input(client):
    CommuneFactory(name="Chamonix-Mont-Blanc")
    response = client.get(
        reverse("territories:autocomplete"), {"q": "chamonix"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'role="option"' in response.content.decode()
    assert "Chamonix-Mont-Blanc" in response.content.decode()
    # Nonsense kinds or a huge query never break the endpoint.
    response = client.get(reverse("territories:autocomplete"), {"q": "x" * 500, "kinds": "foo"})
    assert response.status_code == 200 and response.json() == {"results": []}
    assert Territory.objects.count() > 0
