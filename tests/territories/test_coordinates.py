import pytest

from apps.territories import geodata
from apps.territories.models import CoordinateSource, Kind, Territory

pytestmark = pytest.mark.django_db


def test_every_loaded_commune_has_coordinates_in_its_departement(cog):
    communes = Territory.objects.filter(kind=Kind.COMMUNE)
    assert not communes.filter(latitude__isnull=True).exists()
    # Haute-Savoie and Ain lie between these bounds: a wrong match would fall outside.
    for lat, lon in communes.values_list("latitude", "longitude"):
        assert 45.5 < lat < 46.6 and 4.7 < lon < 7.1


def test_coverage_of_the_geonames_steps(cog):
    communes = list(Territory.objects.filter(kind=Kind.COMMUNE).values("coordinates_source", "population"))
    matched = [c for c in communes if c["coordinates_source"] == CoordinateSource.GEONAMES]
    population = sum(c["population"] or 0 for c in communes)
    assert len(matched) / len(communes) > 0.35
    assert sum(c["population"] or 0 for c in matched) / population > 0.8
    assert {c["coordinates_source"] for c in communes} <= {
        CoordinateSource.GEONAMES,
        CoordinateSource.FALLBACK_EPCI,
        CoordinateSource.FALLBACK_DEPARTEMENT,
    }


def test_known_towns_are_placed_where_they_are(cog):
    annecy = Territory.objects.get(kind=Kind.COMMUNE, code="74010")
    bourg = Territory.objects.get(kind=Kind.COMMUNE, code="01053")
    assert annecy.coordinates_source == CoordinateSource.GEONAMES
    assert abs(annecy.latitude - 45.90) < 0.05 and abs(annecy.longitude - 6.12) < 0.05
    assert abs(bourg.latitude - 46.20) < 0.05 and abs(bourg.longitude - 5.22) < 0.05


def test_groups_get_a_population_weighted_centroid(cog):
    grand_annecy = Territory.objects.get(kind=Kind.EPCI, code="200066793")
    haute_savoie = Territory.objects.get(kind=Kind.DEPARTEMENT, code="74")
    region = Territory.objects.get(kind=Kind.REGION, code="84")
    for territory in (grand_annecy, haute_savoie, region):
        assert territory.coordinates_source == CoordinateSource.CENTROID
        assert territory.has_coordinates
    # Annecy weighs most in its agglomeration: the centroid is close to it.
    assert abs(grand_annecy.latitude - 45.9) < 0.1 and abs(grand_annecy.longitude - 6.12) < 0.1


def test_weighted_centroid():
    assert geodata.weighted_centroid([(45.0, 6.0, 3), (46.0, 7.0, 1)]) == (45.25, 6.25)
    assert geodata.weighted_centroid([]) is None


def test_mappings_are_learnt_from_the_data():
    """Synthetic GeoNames rows: the key used by most places of a département maps to it, a
    foreign key whose places rarely carry commune names maps to nothing."""
    communes = [
        {"code": f"99{i:03d}", "nom": f"Ville {i}", "departement": "99", "region": "98", "population": 10}
        for i in range(6)
    ]
    place = geodata.Place("x", 10.0, 20.0, 0)
    rg_rows = [
        {"key": ("FR", "Dep"), "key1": ("FR", "Reg"), "name": f"ville {i}", "place": place} for i in range(5)
    ]
    rg_rows += [
        {"key": ("BE", "Province"), "key1": ("BE", "Region"), "name": name, "place": place}
        for name in ["ville 5", "bruges", "gand", "liege", "namur", "mons"]
    ]
    located, report = geodata.locate_communes(communes, [], {}, {}, rg_rows=rg_rows, gnc_rows=[])
    assert report["departements_mapped"] == 1
    assert located["99000"].step == geodata.STEP_NAME_DEPARTEMENT
    # "Ville 5" only exists in the foreign key: no coordinates rather than a wrong one.
    assert "99005" not in located
