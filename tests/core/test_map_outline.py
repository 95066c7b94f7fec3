"""The offline map background (static/maillage/geo/france.json, `manage.py build_map_outline`)."""

import io
import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

OUTLINE = Path(settings.BASE_DIR) / "static" / "maillage" / "geo" / "france.json"
DECOUPAGE = Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif" / "data"


def test_committed_outline_has_every_region_and_departement_of_the_referential():
    data = json.loads(OUTLINE.read_text("utf-8"))
    features = data["features"]
    regions = {f["properties"]["code"] for f in features if f["properties"]["level"] == "region"}
    departements = {f["properties"]["code"]: f for f in features if f["properties"]["level"] == "department"}
    referential = json.loads((DECOUPAGE / "departements.json").read_text("utf-8"))
    expected = {
        d["code"]: d["region"] for d in referential if not d["code"].startswith(("975", "977", "978", "98"))
    }
    # The 101 départements (with Corsica's 2A/2B and the five overseas ones), 18 régions.
    assert set(departements) == set(expected) and len(departements) == 101
    assert len(regions) == 18 and regions == set(expected.values())
    for code, feature in departements.items():
        assert feature["properties"]["region"] == expected[code]
        assert feature["geometry"]["type"] == "MultiPolygon" and feature["geometry"]["coordinates"]
    # Simplified: small enough to be fetched by every map page (compressed by whitenoise).
    assert OUTLINE.stat().st_size < 400_000
    # Every point lies in France (métropole or overseas): longitudes and latitudes as GeoJSON says.
    for feature in features:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                for lon, lat in ring:
                    assert -62 < lon < 56 and -22 < lat < 52


def test_generator_simplifies_a_source_polygon(tmp_path):
    square = [[[2.0, 46.0], [2.00001, 46.5], [2.0, 47.0], [3.0, 47.0], [3.0, 46.0], [2.0, 46.0]]]
    islet = [[[5.0, 43.0], [5.001, 43.0], [5.001, 43.001], [5.0, 43.0]]]

    def collection(code, name):
        geometry = {"type": "MultiPolygon", "coordinates": [square, islet]}
        return {
            "type": "FeatureCollection",
            "features": [{"properties": {"code": code, "nom": name}, "geometry": geometry}],
        }

    (tmp_path / "regions-avec-outre-mer.geojson").write_text(
        json.dumps(collection("24", "Centre-Val de Loire"))
    )
    (tmp_path / "departements-avec-outre-mer.geojson").write_text(json.dumps(collection("18", "Cher")))
    output = tmp_path / "france.json"
    call_command("build_map_outline", source=str(tmp_path), output=str(output), stdout=io.StringIO())
    features = json.loads(output.read_text("utf-8"))["features"]
    departement = next(f for f in features if f["properties"]["level"] == "department")
    assert departement["properties"] == {"level": "department", "code": "18", "name": "Cher", "region": "24"}
    # The nearly straight side lost its middle point; the islet is dropped.
    assert departement["geometry"]["coordinates"] == [
        [[[2.0, 46.0], [2.0, 47.0], [3.0, 47.0], [3.0, 46.0], [2.0, 46.0]]]
    ]
