"""« Qui me ressemble » — reads: who resembles an organisation, ranked in SQL, explained in Python.

The weights and rules are those of `apps.directory.similarity` (pure). The database sorts the
whole national directory with the same formula (one SQL query: CASE expressions, squared
equirectangular distance, a count of shared themes) so that only one page of organisations is ever
loaded; the reasons of that page are then computed by `similarity.evaluate`, and the tests check
that both agree on every candidate.

Only listed organisations (active members of the network) are candidates; the people shown as
contacts are those who consented to appear in the directory. « A fait ce que vous envisagez »
counts published experiences the reader may see, on the themes the organisation needs: its
declared needs (`Organisation.need_themes`) and, for logged-in readers, the themes of the questions
its members asked the network (questions of private groups never count). Experiences and questions
are apps above the directory: they answer through `apps.directory.similar_sources`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch

from apps.accounts.perms import is_member
from apps.directory import similar_sources, similarity
from apps.directory.models import Membership, Organisation, OrganisationType, Person
from apps.territories.models import Territory
from apps.themes.models import Theme

PER_PAGE = 20


@dataclass
class SimilarFilters:
    kind: str = ""  # an explicit type replaces the comparable ones
    same_region: bool = False
    same_size: bool = False
    with_experience: bool = False


@dataclass
class Needs:
    declared: frozenset[int] = frozenset()
    from_questions: frozenset[int] = frozenset()

    @property
    def all(self) -> frozenset[int]:
        return self.declared | self.from_questions


@dataclass
class SimilarResult:
    organisation: Organisation
    match: similarity.Match
    experiences: list = field(default_factory=list)  # (title, url) of what it did that you plan
    contacts: list = field(default_factory=list)  # listed people only

    @property
    def score(self) -> int:
        return self.match.score


# -- the subject --------------------------------------------------------------------------------


def organisation_needs(organisation: Organisation, *, user) -> Needs:
    declared = frozenset(organisation.need_themes.filter(is_active=True).values_list("pk", flat=True))
    from_questions: frozenset[int] = frozenset()
    for source in similar_sources.needs_sources():
        from_questions |= source(organisation=organisation, user=user)
    return Needs(declared=declared, from_questions=from_questions)


def profile_of(organisation: Organisation, *, needed: frozenset[int] = frozenset()) -> similarity.Profile:
    territory = organisation.territory if organisation.territory_id else None
    return similarity.Profile(
        id=organisation.pk,
        kind=organisation.type,
        name=organisation.search_name,
        population=territory.population if territory is not None else None,
        latitude=organisation.latitude,
        longitude=organisation.longitude,
        departement_id=organisation.departement_id,
        region_id=organisation.region_id,
        # .all(): the themes prefetched by similar_for_member, else one query.
        theme_ids=frozenset(theme.pk for theme in organisation.themes.all()),
        needed_theme_ids=needed,
    )


def done_themes_by_organisation(theme_ids, *, user) -> dict[int, set[int]]:
    """{organisation id: needed themes on which it published an experience the reader may see}."""
    if not theme_ids:
        return {}
    done: dict[int, set[int]] = {}
    for achievements in similar_sources.achievements_sources():
        for organisation_id, theme_id in achievements.themes(user=user, theme_ids=sorted(theme_ids)):
            done.setdefault(organisation_id, set()).add(theme_id)
    return done


# -- the ranking in SQL -------------------------------------------------------------------------
#
# One hand-written query, the same on SQLite and PostgreSQL: the candidates with their squared
# distance computed once (CTE `cand`), the count of shared themes aggregated once and hash-joined
# (CTE `shared`), then the score as CASE expressions over those columns. The ORM's version of the
# same formula evaluated the distance and a correlated subquery once per CASE branch and was four
# times slower on a national directory (bench/bench_similar.py).


def _in(values) -> tuple[str, list]:
    values = list(values)
    return ", ".join(["%s"] * len(values)), values


def _where(subject: similarity.Profile, filters: SimilarFilters, *, user, done) -> tuple[str, list]:
    clauses = ["o.status = %s", "o.id <> %s"]
    params: list = ["active", subject.id]
    kinds = [filters.kind] if filters.kind else similarity.comparable_kinds(subject.kind)
    marks, values = _in(kinds)
    clauses.append(f"o.type IN ({marks})")
    params += values
    if filters.same_region:
        if subject.region_id is None:
            clauses.append("1 = 0")
        else:
            clauses.append("o.region_id = %s")
            params.append(subject.region_id)
    if filters.same_size:
        if not subject.sized:
            clauses.append("1 = 0")
        else:
            low, high = similarity.band_range(similarity.population_band(subject.population))  # type: ignore[arg-type]
            marks, values = _in(sorted(similarity.SIZED_KINDS))
            clauses.append(f"o.type IN ({marks}) AND t.population >= %s")
            params += [*values, low]
            if high is not None:
                clauses.append("t.population < %s")
                params.append(high)
    if filters.with_experience:
        if subject.needed_theme_ids:
            if not done:
                clauses.append("1 = 0")
            else:
                marks, values = _in(sorted(done))
                clauses.append(f"o.id IN ({marks})")
                params += values
        else:
            alternatives = []
            for achievements in similar_sources.achievements_sources():
                sub_sql, sub_params = achievements.organisations(user=user).query.sql_with_params()
                alternatives.append(f"o.id IN ({sub_sql})")
                params += list(sub_params)
            clauses.append(f"({' OR '.join(alternatives)})" if alternatives else "1 = 0")
    return " AND ".join(clauses), params


def _score_sql(subject: similarity.Profile, done: dict[int, set[int]]) -> tuple[str, list]:
    parts, params = [], []
    near = sorted(similarity.NEIGHBOURS.get(subject.kind, frozenset()))
    kind = "CASE WHEN c.type = %s THEN %s"
    params += [subject.kind, similarity.KIND_SAME]
    if near:
        marks, values = _in(near)
        kind += f" WHEN c.type IN ({marks}) THEN %s"
        params += [*values, similarity.KIND_NEAR]
    parts.append(kind + " ELSE 0 END")
    if subject.sized:
        band = similarity.population_band(subject.population)
        assert band is not None
        low, high = similarity.band_range(band)
        near_low = similarity.band_range(band - 1)[0] if band > 0 else 0
        near_high = similarity.band_range(band + 1)[1] if band + 1 < len(similarity.BAND_BOUNDS) else None
        marks, values = _in(sorted(similarity.SIZED_KINDS))
        same = f"c.type IN ({marks}) AND c.pop >= %s" + (" AND c.pop < %s" if high is not None else "")
        close = f"c.type IN ({marks}) AND c.pop >= %s" + (" AND c.pop < %s" if near_high is not None else "")
        parts.append(f"CASE WHEN {same} THEN %s WHEN {close} THEN %s ELSE 0 END")
        params += [*values, low, *([high] if high is not None else []), similarity.SIZE_SAME_BAND]
        params += [
            *values,
            near_low,
            *([near_high] if near_high is not None else []),
            similarity.SIZE_NEAR_BAND,
        ]
    steps = " ".join("WHEN c.d2 < %s THEN %s" for _ in similarity.DISTANCE_STEPS)
    parts.append(f"CASE {steps} ELSE 0 END")
    for km, points in similarity.DISTANCE_STEPS:
        params += [float(km * km), points]
    area = []
    if subject.departement_id is not None:
        area.append("WHEN c.departement_id = %s THEN %s")
        params += [subject.departement_id, similarity.SAME_DEPARTEMENT]
    if subject.region_id is not None:
        area.append("WHEN c.region_id = %s THEN %s")
        params += [subject.region_id, similarity.SAME_REGION]
    if area:
        parts.append(f"CASE {' '.join(area)} ELSE 0 END")
    counts = range(similarity.THEME_MAX // similarity.THEME_EACH, 0, -1)
    parts.append("CASE " + " ".join("WHEN c.n >= %s THEN %s" for _ in counts) + " ELSE 0 END")
    for n in counts:
        params += [n, similarity.theme_points(n)]
    by_points: dict[int, list[int]] = {}
    for organisation_id, themes in done.items():
        by_points.setdefault(similarity.done_points(len(themes)), []).append(organisation_id)
    if by_points:
        whens = []
        for points, ids in sorted(by_points.items()):
            marks, values = _in(sorted(ids))
            whens.append(f"WHEN c.id IN ({marks}) THEN %s")
            params += [*values, points]
        parts.append(f"CASE {' '.join(whens)} ELSE 0 END")
    return " + ".join(parts), params


# -- pruning: rank a page without scoring the whole national directory ---------------------------
#
# A page needs the first N = offset + limit rows of the ranking. The pool "same région (else same
# département), did what you plan, shares two themes or more, of a rare and best-scoring type, or
# within a box of R km" is ranked first, with the same query and the same ORDER BY. A candidate
# outside the pool can score at most `_outside_bound(R)`: its type's points and size points at
# best, the distance points beyond R and one shared theme. So once the pool's N-th score is above that bound,
# nothing outside can reach the page, and the page is exactly the pool's first N rows; otherwise a
# wider radius is tried, and in the end the whole directory. The result always equals the full
# ranking's slice (tests/directory/test_similar_views.py); only the work differs (bench_similar).

PRUNE_RADII_KM = (50, 100, 200)
# What a result shows and its reasons need (not the descriptions, competences, needs…).
RESULT_FIELDS = (
    "id",
    "name",
    "slug",
    "type",
    "status",
    "search_name",
    "latitude",
    "longitude",
    "departement_id",
    "region_id",
    "territory",
    "territory__id",
    "territory__kind",
    "territory__code",
    "territory__name",
    "territory__population",
    "territory__epci_type",
)
# A type with at most this many candidates may be ranked whole (intercommunalités, PETR, PNR…):
# no bound is needed for it, which keeps the bound of the other types tight (see _whole_kinds).
RARE_KIND_MAX = 3000
_BOX_MARGIN = 1.001  # the box is a little wider than the radius: rounding never excludes a candidate


def _materialized() -> str:
    """`cand` is computed once, then scored: inlined, its population subquery would run again in
    each CASE branch that reads it (PostgreSQL 12+, SQLite 3.35+ take the hint)."""
    import sqlite3

    if connection.vendor == "postgresql" or sqlite3.sqlite_version_info >= (3, 35):
        return "MATERIALIZED "
    return ""


def _distance_points_beyond(radius_km: float) -> int:
    """The most distance points a candidate at radius_km or farther can get."""
    return max((points for km, points in similarity.DISTANCE_STEPS if km > radius_km), default=0)


class Ranking:
    """The ranked candidates, sliced lazily: what Django's Paginator needs (count and slices)."""

    def __init__(
        self, subject: similarity.Profile, filters: SimilarFilters, *, user, done: dict[int, set[int]]
    ):
        self.subject, self.filters, self.user, self.done = subject, filters, user, done
        self._by_kind: dict[str, int] | None = None
        self.pool_used: str | None = None  # which pool answered the last slice (benches, tests)

    def _kind_points(self, kind: str) -> int:
        """The most a candidate of this type gets from its type and its size."""
        subject = self.subject
        return similarity.kind_points(subject, similarity.Profile(id=0, kind=kind)) + (
            similarity.SIZE_SAME_BAND if subject.sized and kind in similarity.SIZED_KINDS else 0
        )

    def _whole_kinds(self) -> list[str]:
        """Types ranked whole in the pool: the best-scoring types while they are rare (the
        intercommunalités for an intercommunalité). The others are bounded; a rare type that
        scores no more than a frequent one would not lower the bound, so it stays bounded."""
        by_points = sorted(self.counts_by_kind().items(), key=lambda item: -self._kind_points(item[0]))
        whole = []
        for kind, n in by_points:
            if n > RARE_KIND_MAX:
                break
            whole.append(kind)
        return sorted(whole)

    def _bounded_kinds(self) -> list[str]:
        whole = set(self._whole_kinds())
        return sorted(kind for kind in self.counts_by_kind() if kind not in whole)

    def _outside_bound(self, radius_km: float) -> int:
        """Highest score of a candidate outside the pool of `radius_km`."""
        subject = self.subject
        best_kind = max(self._kind_points(kind) for kind in self._bounded_kinds())
        has_place = subject.latitude is not None and subject.longitude is not None
        place = _distance_points_beyond(radius_km) if has_place else 0
        # The subject's région (else its département) is in the pool: outside, no area points.
        area = 0 if subject.region_id is not None else similarity.SAME_REGION
        # Candidates sharing two themes or more are in the pool: outside, one at most.
        themes = similarity.theme_points(min(1, len(subject.theme_ids)))
        return best_kind + place + area + themes

    def _pool(self, radius_km: float) -> tuple[str, list]:
        """SQL condition of the pool of `radius_km` (see above)."""
        subject = self.subject
        clauses, params = [], []
        if subject.region_id is not None:
            clauses.append("o.region_id = %s")
            params.append(subject.region_id)
        elif subject.departement_id is not None:
            clauses.append("o.departement_id = %s")
            params.append(subject.departement_id)
        if self.done:
            marks, values = _in(sorted(self.done))
            clauses.append(f"o.id IN ({marks})")
            params += values
        if whole := self._whole_kinds():
            marks, values = _in(whole)
            clauses.append(f"o.type IN ({marks})")
            params += values
        if len(subject.theme_ids) >= 2:
            marks, values = _in(sorted(subject.theme_ids))
            clauses.append(
                f"o.id IN (SELECT organisation_id FROM {Organisation.themes.through._meta.db_table} "
                f"WHERE theme_id IN ({marks}) GROUP BY organisation_id HAVING COUNT(*) >= 2)"
            )
            params += values
        if subject.latitude is not None and subject.longitude is not None:
            dlat = radius_km * _BOX_MARGIN / similarity.KM_PER_DEGREE
            dlon = radius_km * _BOX_MARGIN / similarity.lon_factor(subject.latitude)
            clauses.append("(o.latitude BETWEEN %s AND %s AND o.longitude BETWEEN %s AND %s)")
            params += [subject.latitude - dlat, subject.latitude + dlat]
            params += [subject.longitude - dlon, subject.longitude + dlon]
        if not clauses:
            return "1 = 0", []
        return "(" + " OR ".join(clauses) + ")", params

    def _sql(self, pool: tuple[str, list] | None = None) -> tuple[str, list]:
        subject = self.subject
        where, where_params = _where(subject, self.filters, user=self.user, done=self.done)
        if pool is not None:
            where, where_params = f"{where} AND {pool[0]}", [*where_params, *pool[1]]
        organisations = Organisation._meta.db_table
        territories = Territory._meta.db_table
        if subject.latitude is not None and subject.longitude is not None:
            d2 = "((o.latitude - %s) * %s) * ((o.latitude - %s) * %s) + ((o.longitude - %s) * %s) * ((o.longitude - %s) * %s)"
            k_lat, k_lon = similarity.KM_PER_DEGREE, similarity.lon_factor(subject.latitude)
            d2_params = [subject.latitude, k_lat] * 2 + [subject.longitude, k_lon] * 2
        else:
            d2, d2_params = "NULL", []
        # The population scores only for a sized subject and a sized candidate. A pool of a few
        # thousand candidates reads it by the territory's primary key; the whole directory joins
        # the referential (one hash of 36,000 rows costs less than 16,000 lookups). The size filter
        # joins it too: its WHERE reads t.population.
        pop_params: list = []
        join = ""
        if self.filters.same_size or (subject.sized and pool is None):
            join = f"LEFT JOIN {territories} t ON t.id = o.territory_id "
        if not subject.sized:
            pop = "NULL"
        elif join:
            pop = "t.population"
        else:
            marks, pop_params = _in(sorted(similarity.SIZED_KINDS))
            pop = (
                f"CASE WHEN o.type IN ({marks}) THEN "
                f"(SELECT tp.population FROM {territories} tp WHERE tp.id = o.territory_id) END"
            )
        materialized = _materialized()
        # Shared themes, counted per candidate on the (organisation, theme) unique index: the same
        # plan on both databases (SQLite scanned a joined aggregate once per candidate).
        if subject.theme_ids:
            theme_marks, theme_params = _in(sorted(subject.theme_ids))
            shared = (
                f"(SELECT COUNT(*) FROM {Organisation.themes.through._meta.db_table} st "
                f"WHERE st.organisation_id = o.id AND st.theme_id IN ({theme_marks}))"
            )
        else:
            shared, theme_params = "0", []
        score, score_params = _score_sql(subject, self.done)
        sql = (
            f"WITH cand AS {materialized}("
            f"SELECT o.id, o.type, o.search_name, o.departement_id, o.region_id, {pop} AS pop, {d2} AS d2, "
            f"{shared} AS n FROM {organisations} o {join}WHERE {where}"
            ") "
            f"SELECT c.id, {score} AS score, c.d2 FROM cand c "
            "ORDER BY score DESC, c.d2 ASC NULLS LAST, c.search_name ASC, c.id ASC"
        )
        return sql, [*pop_params, *d2_params, *theme_params, *where_params, *score_params]

    def counts_by_kind(self) -> dict[str, int]:
        """{type: candidates}, one grouped count (the paginator's count is their sum)."""
        if self._by_kind is None:
            where, params = _where(self.subject, self.filters, user=self.user, done=self.done)
            table = Organisation._meta.db_table
            # The referential is joined only when the size filter reads the population.
            join = (
                f"LEFT JOIN {Territory._meta.db_table} t ON t.id = o.territory_id "
                if self.filters.same_size
                else ""
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT o.type, COUNT(*) FROM {table} o {join}WHERE {where} GROUP BY o.type", params
                )
                self._by_kind = dict(cursor.fetchall())
        return self._by_kind

    def count(self) -> int:
        return sum(self.counts_by_kind().values())

    def __len__(self) -> int:
        return self.count()

    def _fetch(
        self, pool, *, offset: int = 0, limit: int | None = None
    ) -> list[tuple[int, int, float | None]]:
        sql, params = self._sql(pool)
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params = [*params, limit, offset]
        # (PostgreSQL: JIT is off for the app's connections, maillage/settings/base.py: the
        # planner's estimates of these CTE joins pass jit_above_cost, and compiling took longer
        # than running the query.)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], int(row[1]), row[2]) for row in cursor.fetchall()]

    def rows(self, *, offset: int = 0, limit: int | None = None) -> list[tuple[int, int, float | None]]:
        """(organisation id, score, squared distance), best first — exactly the full ranking's
        rows offset to offset + limit, read from the smallest pool that is sure to hold them."""
        if limit is not None and limit <= 0:
            self.pool_used = "none"
            return []
        if limit is None or self.filters.with_experience or not self._bounded_kinds():
            # The whole list, or candidates few anyway (did what you plan, rare types only).
            self.pool_used = "all"
            return self._fetch(None, offset=offset, limit=limit)
        needed = offset + limit
        first = self._fetch(self._pool(PRUNE_RADII_KM[0]), limit=needed)
        if len(first) == needed:
            threshold = first[-1][1]
            for radius in PRUNE_RADII_KM:
                if self._outside_bound(radius) < threshold:
                    self.pool_used = f"{radius} km"
                    if radius == PRUNE_RADII_KM[0]:
                        return first[offset:]
                    return self._fetch(self._pool(radius), offset=offset, limit=limit)
        self.pool_used = "all"
        return self._fetch(None, offset=offset, limit=limit)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        limit = None if index.stop is None else max(0, index.stop - start)
        rows = self.rows(offset=start, limit=limit)
        organisations = (
            Organisation.objects.select_related("territory")
            .only(*RESULT_FIELDS)
            .in_bulk([r[0] for r in rows])
        )
        result = []
        for pk, score, d2 in rows:
            organisation = organisations[pk]
            organisation.similarity_score = score
            organisation.similarity_d2 = d2
            result.append(organisation)
        return result


def similar_ranking(
    subject: similarity.Profile, filters: SimilarFilters, *, user, done: dict[int, set[int]]
) -> Ranking:
    return Ranking(subject, filters, user=user, done=done)


# -- pages and blocks ---------------------------------------------------------------------------


def _labels(results: list[Organisation]) -> dict:
    area_ids = {o.departement_id for o in results} | {o.region_id for o in results}
    area_ids.discard(None)
    return {
        "kind_labels": dict(OrganisationType.choices),
        "area_names": dict(Territory.objects.filter(pk__in=area_ids).values_list("pk", "name")),
    }


def _explain(
    subject: similarity.Profile,
    organisations: list[Organisation],
    *,
    user,
    done: dict[int, set[int]],
    with_contacts: bool = True,
) -> list[SimilarResult]:
    """Reasons for one page of ranked organisations (themes, experiences and contacts in bulk)."""
    if not organisations:
        return []
    ids = [o.pk for o in organisations]
    themes_by_org: dict[int, set[int]] = {}
    for organisation_id, theme_id in Organisation.themes.through.objects.filter(
        organisation_id__in=ids
    ).values_list("organisation_id", "theme_id"):
        themes_by_org.setdefault(organisation_id, set()).add(theme_id)
    theme_ids = set(subject.theme_ids) | subject.needed_theme_ids
    for values in themes_by_org.values():
        theme_ids |= values
    theme_names = dict(Theme.objects.filter(pk__in=theme_ids).values_list("pk", "name"))
    experiences: dict[int, list] = {}
    if subject.needed_theme_ids:
        for achievements in similar_sources.achievements_sources():
            for organisation_id, title, url in achievements.examples(
                user=user,
                organisation_ids=[i for i in ids if i in done],
                theme_ids=sorted(subject.needed_theme_ids),
            ):
                experiences.setdefault(organisation_id, []).append((title, url))
    contacts: dict[int, list[Person]] = {}
    if with_contacts:
        for membership in (
            Membership.objects.filter(
                organisation_id__in=ids, person__directory_consent=True, person__is_removed=False
            )
            .select_related("person")
            .order_by("-is_referent", "person__search_name")
        ):
            contacts.setdefault(membership.organisation_id, []).append(membership.person)
    labels = {**_labels(organisations), "theme_names": theme_names}
    results = []
    for organisation in organisations:
        candidate = similarity.Profile(
            id=organisation.pk,
            kind=organisation.type,
            name=organisation.search_name,
            population=organisation.territory.population if organisation.territory_id else None,
            latitude=organisation.latitude,
            longitude=organisation.longitude,
            departement_id=organisation.departement_id,
            region_id=organisation.region_id,
            theme_ids=frozenset(themes_by_org.get(organisation.pk, ())),
            experience_theme_ids=frozenset(done.get(organisation.pk, ())),
        )
        match = similarity.evaluate(subject, candidate, **labels)
        results.append(
            SimilarResult(
                organisation=organisation,
                match=match,
                experiences=experiences.get(organisation.pk, [])[:3],
                contacts=contacts.get(organisation.pk, [])[:3],
            )
        )
    return results


@dataclass
class SimilarContext:
    subject: similarity.Profile
    needs: Needs
    done: dict[int, set[int]]


def similar_context(organisation: Organisation, *, user) -> SimilarContext:
    needs = organisation_needs(organisation, user=user)
    subject = profile_of(organisation, needed=needs.all)
    return SimilarContext(
        subject=subject, needs=needs, done=done_themes_by_organisation(needs.all, user=user)
    )


def similar_page(
    organisation: Organisation,
    *,
    user,
    filters: SimilarFilters,
    page_number=None,
    context: SimilarContext | None = None,
):
    """One page of similar organisations, with `page.results` (SimilarResult)."""
    context = context or similar_context(organisation, user=user)
    paginator = Paginator(similar_ranking(context.subject, filters, user=user, done=context.done), PER_PAGE)
    page = paginator.get_page(page_number)
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    page.results = _explain(context.subject, list(page.object_list), user=user, done=context.done)
    return page


def similar_preview(organisation: Organisation, *, user, limit: int = 3) -> list[SimilarResult]:
    """The first few matches, for a block (organisation page, « Mon espace »)."""
    context = similar_context(organisation, user=user)
    ranking = similar_ranking(context.subject, SimilarFilters(), user=user, done=context.done)
    return _explain(context.subject, ranking[:limit], user=user, done=context.done, with_contacts=False)


def similar_for_member(user, *, limit: int = 3) -> list[tuple[Organisation, list[SimilarResult]]]:
    """For a member's home page: for each organisation they belong to (active ones, at most two),
    the first matches. Empty for visitors and people attached to no organisation."""
    if not is_member(user):
        return []
    organisations = list(
        Organisation.objects.active()
        .filter(memberships__person__user=user, memberships__person__is_removed=False)
        .select_related("territory")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("pk")))
        .order_by("search_name")[:2]
    )
    return [(o, similar_preview(o, user=user, limit=limit)) for o in organisations]
