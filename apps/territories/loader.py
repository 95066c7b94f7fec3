"""Loads the COG (régions, départements, EPCI, EPT, communes) from the npm package
@etalab/decoupage-administratif into Territory, with coordinates from apps.territories.geodata.

Idempotent and bulk: rows are compared with what the database holds, then created or updated in
batches (one query per batch, not per row); re-running with unchanged data writes nothing.
Communes that are no longer current are kept with `is_current=False` (content may point to
them). Entry point: `territories_load()`, called by `manage.py load_territories`.

Arrondissements municipaux (Paris, Lyon, Marseille) are *not* loaded: they are not communes, and
their postcodes are carried by the commune itself (75011 finds Paris).
"""

from __future__ import annotations

import functools
import json
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from apps.core.filters import filter_choices_changed
from apps.core.french import normalize
from apps.territories import geodata
from apps.territories.models import (
    CoordinateSource,
    Kind,
    Territory,
    TerritoryToken,
    territory_tokens,
)

DATA_DIR = Path("node_modules") / "@etalab" / "decoupage-administratif" / "data"
EPCI_TYPES = {"CC", "CA", "CU", "METRO", "MET69"}
# Fields the loader owns; the others (description, created_by…) are never touched.
FIELDS = [
    "name",
    "search_name",
    "epci_type",
    "population",
    "postcodes",
    "siren",
    "region_id",
    "departement_id",
    "epci_id",
    "latitude",
    "longitude",
    "coordinates_source",
    "is_current",
]
BATCH = 500


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    retired: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    coverage: list[tuple[str, int, int]] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False


def data_dir() -> Path:
    return Path(settings.BASE_DIR) / DATA_DIR


def read_json(name: str, directory: Path | None = None):
    path = (directory or data_dir()) / f"{name}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"{path} introuvable : installez les paquets npm (`npm ci`) avant de charger les territoires."
        )
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _row(kind: str, code: str, name: str, **values) -> dict:
    row = {
        "kind": kind,
        "code": code,
        "name": name,
        "search_name": normalize(name),
        "epci_type": "",
        "population": None,
        "postcodes": "",
        "siren": "",
        "region": None,
        "departement": None,
        "epci": None,
        "latitude": None,
        "longitude": None,
        "coordinates_source": "",
        "is_current": True,
    }
    row.update(values)
    return row


def _centroid_values(points) -> dict:
    centre = geodata.weighted_centroid(points)
    if not centre:
        return {}
    return {"latitude": centre[0], "longitude": centre[1], "coordinates_source": CoordinateSource.CENTROID}


def _comparable(values: dict) -> tuple:
    return tuple(
        round(values[f], 5) if f in ("latitude", "longitude") and values[f] is not None else values[f]
        for f in FIELDS
    )


class _Upserter:
    """Creates/updates one kind of territory in bulk and returns code → primary key."""

    def __init__(self, report: LoadReport):
        self.report = report
        self.ids: dict[tuple[str, str], int] = {}

    def fk(self, kind: str, code: str | None) -> int | None:
        return self.ids.get((kind, code)) if code else None

    def upsert(self, kind: str, rows: list[dict], *, retire_scope=None) -> None:
        existing = {
            item["code"]: item for item in Territory.objects.filter(kind=kind).values("id", "code", *FIELDS)
        }
        to_create, to_update = [], []
        for row in rows:
            values = {
                **{f: row[f] for f in FIELDS if not f.endswith("_id")},
                "region_id": self.fk(Kind.REGION, row["region"]),
                "departement_id": self.fk(Kind.DEPARTMENT, row["departement"]),
                "epci_id": self.fk(Kind.EPCI, row["epci"]),
            }
            current = existing.get(row["code"])
            if current and current["coordinates_source"] == CoordinateSource.MANUAL:
                # Coordinates typed by an administrator win over computed ones.
                values.update({f: current[f] for f in ("latitude", "longitude", "coordinates_source")})
            if current is None:
                to_create.append(Territory(kind=kind, code=row["code"], **values))
            elif _comparable(current) != _comparable(values):
                to_update.append(Territory(pk=current["id"], kind=kind, code=row["code"], **values))
        Territory.objects.bulk_create(to_create, batch_size=BATCH)
        Territory.objects.bulk_update(to_update, FIELDS, batch_size=BATCH)
        self.report.created[kind] += len(to_create)
        self.report.updated[kind] += len(to_update)

        codes = {row["code"] for row in rows}
        if retire_scope is not None:
            gone = [
                item["id"]
                for code, item in existing.items()
                if code not in codes and item["is_current"] and retire_scope(code)
            ]
            for start in range(0, len(gone), BATCH):
                Territory.objects.filter(pk__in=gone[start : start + BATCH]).update(is_current=False)
            self.report.retired[kind] += len(gone)
        self.ids.update(
            ((kind, code), pk) for code, pk in Territory.objects.filter(kind=kind).values_list("code", "id")
        )


def _sync_members(owner_ids: dict[int, set[int]]) -> None:
    """Make the `members` of these territories exactly the given sets (EPT → communes)."""
    through = Territory.members.through
    existing = defaultdict(set)
    for from_id, to_id in through.objects.filter(from_territory_id__in=list(owner_ids)).values_list(
        "from_territory_id", "to_territory_id"
    ):
        existing[from_id].add(to_id)
    for owner, wanted in owner_ids.items():
        stale = existing[owner] - wanted
        if stale:
            through.objects.filter(from_territory_id=owner, to_territory_id__in=stale).delete()
        through.objects.bulk_create(
            [through(from_territory_id=owner, to_territory_id=to_id) for to_id in wanted - existing[owner]],
            batch_size=BATCH,
        )


def _sync_tokens(rows_by_id: dict[int, dict]) -> None:
    wanted = {
        (pk, f, t)
        for pk, row in rows_by_id.items()
        for f, t in territory_tokens(row["search_name"], row["postcodes"])
    }
    existing = {}
    ids = list(rows_by_id)
    for start in range(0, len(ids), 5000):
        for pk, owner, f, t in TerritoryToken.objects.filter(
            territory_id__in=ids[start : start + 5000]
        ).values_list("pk", "territory_id", "field", "token"):
            existing[(owner, f, t)] = pk
    stale = [pk for key, pk in existing.items() if key not in wanted]
    for start in range(0, len(stale), BATCH):
        TerritoryToken.objects.filter(pk__in=stale[start : start + BATCH]).delete()
    TerritoryToken.objects.bulk_create(
        [
            TerritoryToken(territory_id=pk, field=f, token=t)
            for pk, f, t in wanted
            if (pk, f, t) not in existing
        ],
        batch_size=2000,
    )


DATA_FILES = ("communes", "epci", "departements")


@functools.lru_cache(maxsize=2)
def _locate(directory: str, mtimes: tuple) -> dict[str, geodata.Location]:
    """Coordinates of every current commune (the whole country, whatever the scope: fallbacks
    and centroids stay the same for a subset). Cached per data version: tests load often."""
    directory = Path(directory)
    communes = [c for c in read_json("communes", directory) if c["type"] == "commune-actuelle"]
    epci_members = {
        e["code"]: [m["code"] for m in e["membres"]]
        for e in read_json("epci", directory)
        if e["type"] in EPCI_TYPES
    }
    chefs_lieux = {d["code"]: d["chefLieu"] for d in read_json("departements", directory)}
    return geodata.locate_communes(communes, epci_members, chefs_lieux)


def territories_loaded() -> bool:
    return Territory.objects.filter(kind=Kind.MUNICIPALITY, is_current=True).exists()


def territories_load(
    *, departements: list[str] | None = None, if_empty: bool = False, directory: Path | None = None
) -> LoadReport:
    """Load or refresh the COG. `departements` restricts communes (and the EPCI/EPT that have
    members there) to these départements; régions and départements are always all loaded."""
    report = LoadReport()
    started = time.monotonic()
    if if_empty and territories_loaded():
        report.skipped = True
        return report
    scope = {code.strip().upper() for code in departements} if departements else None

    regions = read_json("regions", directory)
    deps = read_json("departements", directory)
    all_communes = read_json("communes", directory)
    epcis = [e for e in read_json("epci", directory) if e["type"] in EPCI_TYPES]
    epts = read_json("ept", directory)

    communes = [c for c in all_communes if c["type"] == "commune-actuelle"]
    epci_members = {e["code"]: [m["code"] for m in e["membres"]] for e in epcis}
    epci_of = {member: code for code, members in epci_members.items() for member in members}
    commune_by_code = {c["code"]: c for c in communes}

    source = directory or data_dir()
    located = _locate(str(source), tuple((source / f"{name}.json").stat().st_mtime_ns for name in DATA_FILES))
    report.coverage = geodata.coverage(communes, located)

    def points(codes):
        return [
            (located[code].latitude, located[code].longitude, commune_by_code[code].get("population") or 0)
            for code in codes
            if code in located
        ]

    codes_by_dep, codes_by_reg = defaultdict(list), defaultdict(list)
    for c in communes:
        codes_by_dep[c["departement"]].append(c["code"])
        codes_by_reg[c["region"]].append(c["code"])

    def sum_population(codes):
        return (
            sum(commune_by_code[code].get("population") or 0 for code in codes if code in commune_by_code)
            or None
        )

    def seat(codes):
        """Département and région of the most populated member: the EPCI's usual seat."""
        members = [commune_by_code[code] for code in codes if code in commune_by_code]
        if not members:
            return None, None
        main = max(members, key=lambda c: c.get("population") or 0)
        return main["departement"], main["region"]

    region_rows = [
        _row(
            Kind.REGION,
            r["code"],
            r["nom"],
            population=sum_population(codes_by_reg[r["code"]]),
            **_centroid_values(points(codes_by_reg[r["code"]])),
        )
        for r in regions
    ]
    dep_rows = [
        _row(
            Kind.DEPARTMENT,
            d["code"],
            d["nom"],
            region=d["region"],
            population=sum_population(codes_by_dep[d["code"]]),
            **_centroid_values(points(codes_by_dep[d["code"]])),
        )
        for d in deps
    ]

    def in_scope(code: str) -> bool:
        commune = commune_by_code.get(code)
        return scope is None or (commune is not None and commune["departement"] in scope)

    def group_rows(kind: str, groups: list[dict], **extra) -> list[dict]:
        rows = []
        for group in groups:
            codes = [m["code"] for m in group["membres"]]
            if not any(in_scope(code) for code in codes):
                continue
            dep, reg = seat(codes)
            rows.append(
                _row(
                    kind,
                    group["code"],
                    group["nom"],
                    epci_type=group["type"],
                    siren=group["code"],
                    population=group.get("populationMunicipale") or sum_population(codes),
                    departement=dep,
                    region=reg,
                    **_centroid_values(points(codes)),
                    **extra,
                )
            )
        return rows

    epci_rows = group_rows(Kind.EPCI, epcis)
    ept_rows = group_rows(Kind.EPT, epts)

    commune_rows = []
    for c in communes:
        if not in_scope(c["code"]):
            continue
        spot = located.get(c["code"])
        commune_rows.append(
            _row(
                Kind.MUNICIPALITY,
                c["code"],
                c["nom"],
                population=c.get("population"),
                postcodes=" ".join(dict.fromkeys(c.get("codesPostaux") or []))[:300],
                siren=c.get("siren", ""),
                region=c["region"],
                departement=c["departement"],
                epci=epci_of.get(c["code"]),
                latitude=spot.latitude if spot else None,
                longitude=spot.longitude if spot else None,
                coordinates_source=(
                    ""
                    if not spot
                    else CoordinateSource.GEONAMES
                    if spot.step in geodata.GEONAMES_STEPS
                    else CoordinateSource.FALLBACK_EPCI
                    if spot.step == geodata.STEP_EPCI
                    else CoordinateSource.FALLBACK_DEPARTMENT
                ),
            )
        )

    full = scope is None
    with transaction.atomic():
        upserter = _Upserter(report)
        upserter.upsert(Kind.REGION, region_rows, retire_scope=(lambda code: True) if full else None)
        upserter.upsert(Kind.DEPARTMENT, dep_rows, retire_scope=(lambda code: True) if full else None)
        upserter.upsert(Kind.EPCI, epci_rows, retire_scope=(lambda code: True) if full else None)
        upserter.upsert(Kind.EPT, ept_rows, retire_scope=(lambda code: True) if full else None)

        def commune_retired(code: str) -> bool:
            if full:
                return True
            # A commune code starts with its département code (2A/2B and 97x included).
            return any(code.startswith(dep) for dep in scope)

        upserter.upsert(Kind.MUNICIPALITY, commune_rows, retire_scope=commune_retired)

        ept_members = {}
        for group in epts:
            owner = upserter.fk(Kind.EPT, group["code"])
            if owner:
                ept_members[owner] = {
                    pk for m in group["membres"] if (pk := upserter.fk(Kind.MUNICIPALITY, m["code"]))
                }
        _sync_members(ept_members)

        rows_by_id = {}
        for rows in (region_rows, dep_rows, epci_rows, ept_rows, commune_rows):
            for row in rows:
                rows_by_id[upserter.fk(row["kind"], row["code"])] = row
        _sync_tokens(rows_by_id)

    # Fresh statistics: right after a bulk load the planner would otherwise guess (PostgreSQL
    # estimated 92 postcode tokens out of 35 000 and chose the wrong index).
    with connection.cursor() as cursor:
        for model in (Territory, TerritoryToken):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    # The lists' région and département filters offer the new referential.
    filter_choices_changed()
    report.seconds = time.monotonic() - started
    return report
