"""Build the offline map background: France's régions and départements, simplified.

Run once when the reference changes (the result is committed, as data, with its licence):

    manage.py build_map_outline --source /path/to/france-geojson

`--source` is a copy of the registry package `gregoiredavid/france-geojson` (Composer/Packagist,
version 2.1.1, "Licence Ouverte": IGN ADMIN EXPRESS COG contours, INSEE codes). Its files
`regions-avec-outre-mer.geojson` and `departements-avec-outre-mer.geojson` are simplified
(Douglas-Peucker, then coordinates rounded to 0.001°, about 100 m; islets below a minimum area
dropped) and each département is given its région's code from `@etalab/decoupage-administratif`
(npm, pinned in package.json), the project's one source of reference data. Output:
`static/maillage/geo/france.json`, one GeoJSON FeatureCollection whose features have
`{"level": "region" | "department", "code", "name", "region"}`.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

OUTPUT = Path(settings.BASE_DIR) / "static" / "maillage" / "geo" / "france.json"
DECOUPAGE = Path(settings.BASE_DIR) / "node_modules" / "@etalab" / "decoupage-administratif" / "data"
TOLERANCE = {"region": 0.012, "department": 0.008}  # degrees (about 1 km and 0.7 km)
MIN_AREA = 0.0004  # square degrees (about 3 km²): smaller islets are left out


def _perpendicular(point: Sequence[float], start: Sequence[float], end: Sequence[float]) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, distance = 0, 0.0
        for i in range(first + 1, last):
            d = _perpendicular(points[i], points[first], points[last])
            if d > distance:
                index, distance = i, d
        if distance > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def ring_area(ring: list[list[float]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))) / 2


def simplify_polygon(polygon: list, tolerance: float) -> list | None:
    rings = []
    for i, ring in enumerate(polygon):
        if ring_area(ring) < MIN_AREA:
            if i == 0:
                return None  # an islet
            continue  # a small hole
        simplified = [[round(x, 3), round(y, 3)] for x, y in simplify(ring, tolerance)]
        deduplicated = [p for j, p in enumerate(simplified) if j == 0 or p != simplified[j - 1]]
        if len(deduplicated) >= 4:
            rings.append(deduplicated)
        elif i == 0:
            return None
    return rings or None


def simplify_geometry(geometry: dict, tolerance: float) -> dict | None:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    kept = [p for p in (simplify_polygon(polygon, tolerance) for polygon in polygons) if p]
    if not kept:
        # Keep the largest part of a territory made of islets only.
        largest = max(polygons, key=lambda polygon: ring_area(polygon[0]))
        kept = [[[[round(x, 3), round(y, 3)] for x, y in largest[0]]]]
    return {"type": "MultiPolygon", "coordinates": kept}


class Command(BaseCommand):
    help = "Construit le fond de carte hors ligne (régions et départements simplifiés) à partir de france-geojson."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--source", required=True, help="dossier du paquet gregoiredavid/france-geojson")
        parser.add_argument("--output", default=str(OUTPUT))

    def handle(self, *args: Any, source: str, output: str, **options: Any) -> None:
        source_dir = Path(source)
        files = {
            "region": source_dir / "regions-avec-outre-mer.geojson",
            "department": source_dir / "departements-avec-outre-mer.geojson",
        }
        for path in files.values():
            if not path.exists():
                raise CommandError(f"Fichier introuvable : {path}")
        departement_region = {
            d["code"]: d["region"] for d in json.loads((DECOUPAGE / "departements.json").read_text("utf-8"))
        }
        features = []
        for level, path in files.items():
            data = json.loads(path.read_text("utf-8"))
            for feature in data["features"]:
                code = feature["properties"]["code"]
                geometry = simplify_geometry(feature["geometry"], TOLERANCE[level])
                properties = {"level": level, "code": code, "name": feature["properties"]["nom"]}
                if level == "department":
                    properties["region"] = departement_region.get(code, "")
                features.append({"type": "Feature", "properties": properties, "geometry": geometry})
        Path(output).write_text(
            json.dumps(
                {"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":")
            ),
            encoding="utf-8",
        )
        size = Path(output).stat().st_size
        self.stdout.write(f"{len(features)} contours écrits dans {output} ({size // 1024} Kio).")
