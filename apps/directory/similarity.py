"""« Qui me ressemble » — the ranking, pure (no ORM): profiles in, scores and reasons out.

The same weights drive the SQL ranking of `apps.directory.selectors_similar` (which must sort a
national directory without loading it) and the reasons shown criterion by criterion on each
result; `tests/directory/test_similarity.py` checks the properties below with Hypothesis and that
the database ranks exactly as this module does.

Score out of 105, five criteria (docs/matching.md):

| criterion | points |
| --- | --- |
| type : the same type / a neighbouring type (commune ~ EPCI, département ~ région…) | 20 / 8 |
| size : the same population band / the next band (collectivities only) | 15 / 7 |
| place : ≤ 25 / 50 / 100 / 200 km, plus same département (5) or same région (3) | 10 / 7 / 4 / 2, + 5 or 3 |
| shared themes : 5 each | ≤ 15 |
| « a fait ce que vous envisagez » : published experiences on themes the organisation needs | 30, + 5 per more theme, ≤ 40 |

Only organisations of a *comparable* type are candidates (the same type or a neighbouring one)
unless a type is asked for explicitly: a commune is compared with communes and intercommunalités,
never with a région. Density is not a criterion: the territorial referential
(@etalab/decoupage-administratif) has populations but no surfaces, so size is population alone.

Properties (tested):
1. a candidate whose profile is identical to the subject's (type, population, place, themes) ranks
   first, unless a candidate has done more of what the subject plans;
2. a commune never gets a région (or any non-comparable type) as a match, let alone as the first;
3. an experience on a needed theme outranks shared themes alone: two candidates equal otherwise,
   the one that did what the subject plans ranks above the one that only shares themes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from apps.core.french import normalize

# -- weights ----------------------------------------------------------------------------------

KIND_SAME, KIND_NEAR = 20, 8
SIZE_SAME_BAND, SIZE_NEAR_BAND = 15, 7
# (distance under which, points): squared kilometres are compared, no square root in SQL.
DISTANCE_STEPS = ((25, 10), (50, 7), (100, 4), (200, 2))
SAME_DEPARTEMENT, SAME_REGION = 5, 3
THEME_EACH, THEME_MAX = 5, 15
DONE_FIRST, DONE_EACH_MORE, DONE_MAX = 30, 5, 40
MAX_SCORE = KIND_SAME + SIZE_SAME_BAND + DISTANCE_STEPS[0][1] + SAME_DEPARTEMENT + THEME_MAX + DONE_MAX

# Organisation types (apps.directory.models.OrganisationType values) that are neighbours: a
# design decision about who compares with whom, symmetric.
_NEIGHBOUR_PAIRS = {
    ("municipality", "epci"),
    ("epci", "petr"),
    ("epci", "pnr"),
    ("epci", "syndicate"),
    ("petr", "pnr"),
    ("department", "region"),
    ("state", "agency"),
    ("association", "development_council"),
    ("association", "other"),
    ("company", "consultancy"),
}
NEIGHBOURS: dict[str, frozenset[str]] = {}
for _a, _b in _NEIGHBOUR_PAIRS:
    NEIGHBOURS[_a] = NEIGHBOURS.get(_a, frozenset()) | {_b}
    NEIGHBOURS[_b] = NEIGHBOURS.get(_b, frozenset()) | {_a}

# Types whose territory *is* the organisation: their territory's population is their size.
SIZED_KINDS = frozenset({"municipality", "epci", "petr", "pnr", "department", "region"})

# Population bands (lower bounds), in inhabitants.
BAND_BOUNDS = (0, 500, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000)

# Kilometres per degree (spherical Earth, 6 371 km) for the equirectangular approximation.
KM_PER_DEGREE = 111.195


def comparable(kind_a: str, kind_b: str) -> bool:
    return kind_a == kind_b or kind_b in NEIGHBOURS.get(kind_a, frozenset())


def comparable_kinds(kind: str) -> list[str]:
    return sorted({kind, *NEIGHBOURS.get(kind, frozenset())})


def population_band(population: int | None) -> int | None:
    if population is None:
        return None
    band = 0
    for index, bound in enumerate(BAND_BOUNDS):
        if population >= bound:
            band = index
    return band


def band_range(band: int) -> tuple[int, int | None]:
    """[low, high) of a band; high is None for the last one."""
    low = BAND_BOUNDS[band]
    high = BAND_BOUNDS[band + 1] if band + 1 < len(BAND_BOUNDS) else None
    return low, high


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def band_label(band: int) -> str:
    low, high = band_range(band)
    if high is None:
        return f"{_thousands(low)} habitants et plus"
    if low == 0:
        return f"moins de {_thousands(high)} habitants"
    return f"{_thousands(low)} à {_thousands(high - 1)} habitants"


def lon_factor(latitude: float) -> float:
    """Kilometres per degree of longitude at the subject's latitude (fixed per query)."""
    return KM_PER_DEGREE * math.cos(math.radians(latitude))


def distance2_km(
    lat0: float | None, lon0: float | None, lat: float | None, lon: float | None
) -> float | None:
    """Squared distance in km², equirectangular around the subject (what SQL computes too)."""
    if lat0 is None or lon0 is None or lat is None or lon is None:
        return None
    dy = (lat - lat0) * KM_PER_DEGREE
    dx = (lon - lon0) * lon_factor(lat0)
    return dx * dx + dy * dy


@dataclass(frozen=True)
class Profile:
    """What the ranking knows of an organisation."""

    id: int
    kind: str
    name: str = ""  # the normalised name: ties are broken on it, then on the id
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    departement_id: int | None = None
    region_id: int | None = None
    theme_ids: frozenset[int] = frozenset()
    # The subject's side: themes it needs (declared needs, its members' questions).
    needed_theme_ids: frozenset[int] = frozenset()
    # The candidate's side: themes of its published experiences.
    experience_theme_ids: frozenset[int] = frozenset()

    @property
    def sized(self) -> bool:
        return self.kind in SIZED_KINDS and self.population is not None


@dataclass
class Criterion:
    key: str
    label: str
    points: int
    max_points: int
    text: str

    @property
    def matched(self) -> bool:
        return self.points > 0


@dataclass
class Match:
    candidate: Profile
    score: int
    criteria: list[Criterion] = field(default_factory=list)
    distance2: float | None = None

    @property
    def distance_km(self) -> float | None:
        return None if self.distance2 is None else math.sqrt(self.distance2)

    @property
    def summary(self) -> list[str]:
        """The reasons that count, without the type (shown apart), for short blocks."""
        return [c.text for c in self.criteria if c.matched and c.key != "kind"]

    def sort_key(self) -> tuple:
        return (
            -self.score,
            self.distance2 if self.distance2 is not None else math.inf,
            self.candidate.name,
            self.candidate.id,
        )


# -- one criterion at a time ----------------------------------------------------------------


def kind_points(subject: Profile, candidate: Profile) -> int:
    if candidate.kind == subject.kind:
        return KIND_SAME
    if comparable(subject.kind, candidate.kind):
        return KIND_NEAR
    return 0


def size_points(subject: Profile, candidate: Profile) -> int:
    if not (subject.sized and candidate.sized):
        return 0
    gap = abs(population_band(subject.population) - population_band(candidate.population))  # type: ignore[operator]
    return SIZE_SAME_BAND if gap == 0 else SIZE_NEAR_BAND if gap == 1 else 0


def distance_points(distance2: float | None) -> int:
    if distance2 is None:
        return 0
    for km, points in DISTANCE_STEPS:
        if distance2 < km * km:
            return points
    return 0


def area_points(subject: Profile, candidate: Profile) -> int:
    if subject.departement_id is not None and candidate.departement_id == subject.departement_id:
        return SAME_DEPARTEMENT
    if subject.region_id is not None and candidate.region_id == subject.region_id:
        return SAME_REGION
    return 0


def theme_points(shared: int) -> int:
    return min(THEME_MAX, THEME_EACH * shared)


def done_points(done: int) -> int:
    if done <= 0:
        return 0
    return min(DONE_MAX, DONE_FIRST + DONE_EACH_MORE * (done - 1))


# -- the whole ranking --------------------------------------------------------------------------


def evaluate(
    subject: Profile,
    candidate: Profile,
    *,
    theme_names: dict[int, str] | None = None,
    kind_labels: dict[str, str] | None = None,
    area_names: dict[int, str] | None = None,
) -> Match:
    """Score `candidate` against `subject`, with a French sentence per criterion."""
    names = theme_names or {}
    kinds = kind_labels or {}
    areas = area_names or {}

    def themes_text(ids: Iterable[int]) -> str:
        return ", ".join(sorted((names.get(i, f"thématique {i}") for i in ids), key=normalize))

    criteria = []
    points = kind_points(subject, candidate)
    kind = kinds.get(candidate.kind, candidate.kind)
    criteria.append(
        Criterion(
            "kind",
            "Type",
            points,
            KIND_SAME,
            f"même type : {kind}"
            if points == KIND_SAME
            else f"type voisin : {kind}"
            if points
            else f"autre type : {kind}",
        )
    )

    points = size_points(subject, candidate)
    if subject.sized and candidate.sized:
        band = population_band(candidate.population)
        population = f"{_thousands(candidate.population)} habitants"  # type: ignore[arg-type]
        text = (
            f"même tranche de population ({band_label(band)}) : {population}"  # type: ignore[arg-type]
            if points == SIZE_SAME_BAND
            else f"tranche de population voisine : {population}"
            if points
            else f"taille différente : {population}"
        )
    else:
        text = "taille non comparable (population inconnue ou sans objet pour ce type)"
    criteria.append(Criterion("size", "Taille (population)", points, SIZE_SAME_BAND, text))

    d2 = distance2_km(subject.latitude, subject.longitude, candidate.latitude, candidate.longitude)
    near = distance_points(d2)
    area = area_points(subject, candidate)
    parts = []
    if d2 is not None:
        km = math.sqrt(d2)
        parts.append("au même endroit" if km < 1 else f"à {round(km):d} km")
    else:
        parts.append("distance inconnue")
    if area == SAME_DEPARTEMENT:
        parts.append(f"même département ({areas.get(candidate.departement_id, '')})".replace(" ()", ""))  # type: ignore[arg-type]
    elif area == SAME_REGION:
        parts.append(f"même région ({areas.get(candidate.region_id, '')})".replace(" ()", ""))  # type: ignore[arg-type]
    criteria.append(
        Criterion(
            "place", "Proximité", near + area, DISTANCE_STEPS[0][1] + SAME_DEPARTEMENT, " ; ".join(parts)
        )
    )

    shared = subject.theme_ids & candidate.theme_ids
    criteria.append(
        Criterion(
            "themes",
            "Thématiques communes",
            theme_points(len(shared)),
            THEME_MAX,
            themes_text(shared) if shared else "aucune thématique commune",
        )
    )

    done = subject.needed_theme_ids & candidate.experience_theme_ids
    if done:
        text = f"retour d'expérience publié sur {themes_text(done)}"
    elif subject.needed_theme_ids:
        text = "pas de retour d'expérience publié sur vos besoins"
    else:
        text = "besoins non renseignés"
    criteria.append(Criterion("done", "A fait ce que vous envisagez", done_points(len(done)), DONE_MAX, text))
    return Match(candidate=candidate, score=sum(c.points for c in criteria), criteria=criteria, distance2=d2)


def rank(
    subject: Profile,
    candidates: Iterable[Profile],
    *,
    kind: str | None = None,
    same_region: bool = False,
    same_size: bool = False,
    with_experience: bool = False,
    **labels,
) -> list[Match]:
    """Every eligible candidate, best first. Filters as in the page: an explicit `kind` replaces
    the comparable types; `same_region`, `same_size` (same population band) and
    `with_experience` (did what the subject plans — or, when it lists no need, published any
    experience) narrow the pool."""
    band = population_band(subject.population) if subject.sized else None
    matches = []
    for candidate in candidates:
        if candidate.id == subject.id:
            continue
        if kind is not None:
            if candidate.kind != kind:
                continue
        elif not comparable(subject.kind, candidate.kind):
            continue
        if same_region and (subject.region_id is None or candidate.region_id != subject.region_id):
            continue
        if same_size and (
            band is None or not candidate.sized or population_band(candidate.population) != band
        ):
            continue
        if with_experience:
            wanted = subject.needed_theme_ids
            if not (candidate.experience_theme_ids & wanted if wanted else candidate.experience_theme_ids):
                continue
        matches.append(evaluate(subject, candidate, **labels))
    matches.sort(key=Match.sort_key)
    return matches
