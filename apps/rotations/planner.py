"""Table plans for speed dating and world café — the pure part (no ORM).

Given the people present, T tables of at most S seats and R rounds, place everyone at a table in
every round so that:

* two people of one organisation are **never** at the same table (a hard rule: the plan is refused
  when an organisation has more people than there are tables);
* hosts stay at their table for every round (world café hosts, the fixed side of a speed dating);
* people meet as many **new** people as possible: a pair that already met costs far more than any
  mixing preference, so repeated encounters only happen when they cannot be avoided;
* each table **mixes categories of actors and territories**: every pair of the same category, of
  the same département or the same région, costs a little;
* tables are balanced (sizes differ by one at most).

Method: round by round, a greedy placement (the most constrained people first) improved by
simulated annealing over swaps of two people (or moves to a table with room), with incremental
costs so that one candidate swap is evaluated in constant time. Rounds already held are kept as
they were (`history`) and count as encounters: after last-minute absences, only the remaining
rounds are planned again. Deterministic for a given seed (the work is bounded by a number of
iterations, not by the clock; a time cap only protects the server).

`lower_bounds` states what no plan can beat, `random_plan` is the baseline a coordinator would
get by shuffling people at random (bench/bench_rotations.py compares the three).
"""

from __future__ import annotations

import itertools
import math
import random
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Costs of putting two people at the same table. Same organisation is forbidden outright; a repeat
# outweighs any amount of mixing; then categories, départements, régions.
COST_SAME_ORGANISATION = 1_000_000
COST_REPEAT = 1_000
COST_SAME_CATEGORY = 3
COST_SAME_DEPARTEMENT = 2
COST_SAME_REGION = 1
# World café: going back to a table means hearing the same question twice (and its host again).
COST_REVISIT_TABLE = 1_500

ITERATIONS_PER_PERSON = 300  # annealing steps per person and per round
TIME_CAP_SECONDS = 10.0


class PlanningError(ValueError):
    """A plan that cannot be made, with a French message for the coordinator."""


@dataclass(frozen=True)
class Attendee:
    key: int
    organisation: str = ""  # empty: belongs to no known organisation
    category: str = ""
    departement: str = ""
    region: str = ""
    host_table: int | None = None  # 0-based table where the person stays for every round
    label: str = ""


@dataclass
class Metrics:
    people: int
    rounds: int
    tables: int
    repeats: int  # extra meetings: a pair that met k > 1 times counts k - 1
    repeats_lower_bound: int
    same_organisation_pairs: int
    new_encounters: int  # distinct pairs that met at least once
    same_category_pairs: int
    same_category_lower_bound: int
    same_departement_pairs: int
    same_departement_lower_bound: int
    mean_categories_per_table: float
    max_categories_per_table: float  # the best any plan could do on average
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class Plan:
    rounds: list[dict[int, int]]  # one {attendee key: table} per round
    metrics: Metrics
    tables: int
    seats: int
    kept_rounds: int = 0
    notes: list[str] = field(default_factory=list)


# -- checks ------------------------------------------------------------------------------------


def table_sizes(
    n: int, tables: int, seats: int, host_tables: Iterable[int] = (), *, min_open: int = 1
) -> list[int]:
    """Balanced sizes for n people. Tables that would seat a single person are closed (unless a
    host sits there, or `min_open` tables are needed to keep the people of the largest
    organisation apart), so nobody sits alone while others share a table."""
    if n > tables * seats:
        raise PlanningError(
            f"{n} participant·es pour {tables} tables de {seats} places : il manque "
            f"{n - tables * seats} place{'s' if n - tables * seats > 1 else ''}. Ajoutez des tables ou des places."
        )
    hosts = set(host_tables)
    open_tables = tables
    while (
        open_tables > max(1, len(hosts), min_open) and n < 2 * open_tables and (open_tables - 1) * seats >= n
    ):
        open_tables -= 1
    # Host tables stay open; the others close from the last one.
    order = sorted(range(tables), key=lambda t: (t not in hosts, t))[:open_tables]
    base, extra = divmod(n, open_tables)
    sizes = [0] * tables
    for rank, table in enumerate(sorted(order)):
        sizes[table] = base + (1 if rank < extra else 0)
    return sizes


def check(attendees: Sequence[Attendee], *, tables: int, seats: int) -> None:
    if tables < 1 or seats < 2:
        raise PlanningError("Il faut au moins une table de deux places.")
    keys = [a.key for a in attendees]
    if len(set(keys)) != len(keys):
        raise PlanningError("Une même personne figure deux fois dans la liste.")
    hosts: dict[int, Attendee] = {}
    for a in attendees:
        if a.host_table is None:
            continue
        if not 0 <= a.host_table < tables:
            raise PlanningError(f"{a.label or a.key} anime la table {a.host_table + 1}, qui n'existe pas.")
        if a.host_table in hosts:
            raise PlanningError(
                f"La table {a.host_table + 1} a deux animateur·rices : {hosts[a.host_table].label} et {a.label}."
            )
        hosts[a.host_table] = a
    per_org = Counter(a.organisation for a in attendees if a.organisation)
    for organisation, count in per_org.items():
        if count > tables:
            raise PlanningError(
                f"{count} personnes de « {organisation} » pour {tables} tables : impossible de ne jamais "
                "les asseoir ensemble. Ajoutez des tables ou répartissez-les sur plusieurs sessions."
            )
    table_sizes(len(attendees), tables, seats, hosts)


def _largest_organisation(attendees: Sequence[Attendee]) -> int:
    return max(Counter(a.organisation for a in attendees if a.organisation).values(), default=1)


# -- costs --------------------------------------------------------------------------------------


def pair_cost(a: Attendee, b: Attendee) -> int:
    cost = 0
    if a.organisation and a.organisation == b.organisation:
        cost += COST_SAME_ORGANISATION
    if a.category and a.category == b.category:
        cost += COST_SAME_CATEGORY
    if a.departement and a.departement == b.departement:
        cost += COST_SAME_DEPARTEMENT
    if a.region and a.region == b.region:
        cost += COST_SAME_REGION
    return cost


def _meetings(rounds: Iterable[dict[int, int]]) -> Counter:
    met: Counter = Counter()
    for seating in rounds:
        by_table: dict[int, list[int]] = {}
        for key, table in seating.items():
            by_table.setdefault(table, []).append(key)
        for members in by_table.values():
            members.sort()
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    met[(a, b)] += 1
    return met


# -- one round ----------------------------------------------------------------------------------


RESTARTS = 3  # extra attempts for a round that still has a repeat or a colleague pair


class _Round:
    """The seating of one round under construction, with incremental costs."""

    def __init__(self, cost: list[list[int]], unary: list[list[int]], tables: int):
        n = len(cost)
        self.cost = cost
        self.n = n
        self.table_of = [-1] * n
        self.members: list[list[int]] = [[] for _ in range(tables)]
        # cost_to[i][t]: what person i would pay sitting at table t, given who is there now (plus,
        # in a world café, the price of a table already visited).
        self.cost_to = [list(row) for row in unary]

    def seat(self, i: int, t: int) -> None:
        self.table_of[i] = t
        self.members[t].append(i)
        row, cost_to = self.cost[i], self.cost_to
        for p in range(self.n):
            cost_to[p][t] += row[p]

    def swap(self, a: int, b: int) -> None:
        """a and b exchange their tables: one pass over everyone's costs."""
        table_of, members = self.table_of, self.members
        ta, tb = table_of[a], table_of[b]
        members[ta].remove(a)
        members[tb].remove(b)
        members[ta].append(b)
        members[tb].append(a)
        table_of[a], table_of[b] = tb, ta
        ra, rb, cost_to = self.cost[a], self.cost[b], self.cost_to
        for p in range(self.n):
            d = rb[p] - ra[p]
            if d:
                row = cost_to[p]
                row[ta] += d
                row[tb] -= d

    def total(self) -> int:
        """Each pair counted twice, plus unary costs: only compared between attempts."""
        return sum(self.cost_to[i][t] for i, t in enumerate(self.table_of))

    def anneal(self, movable: list[int], rng: random.Random, *, iterations: int, deadline: float) -> None:
        """Simulated annealing over swaps of two movable people at different tables."""
        table_of, cost, cost_to = self.table_of, self.cost, self.cost_to
        temperature, final_temperature = 4.0, 0.05
        cooling = (final_temperature / temperature) ** (1 / max(1, iterations))
        randrange, random_ = rng.randrange, rng.random
        m = len(movable)
        for step in range(iterations):
            if step % 2048 == 0 and time.monotonic() > deadline:
                break
            temperature *= cooling
            a = movable[randrange(m)]
            b = movable[randrange(m)]
            ta, tb = table_of[a], table_of[b]
            if ta == tb:
                continue
            delta = (
                (cost_to[b][ta] - cost[b][a])
                + (cost_to[a][tb] - cost[a][b])
                - cost_to[a][ta]
                - cost_to[b][tb]
            )
            if delta <= 0 or random_() < math.exp(-delta / temperature):
                self.swap(a, b)

    def worst_pair(self) -> int:
        return max(
            (self.cost[a][b] for members in self.members for a in members for b in members if a < b),
            default=0,
        )


def _plan_round(
    people: list[Attendee],
    sizes: list[int],
    met: Counter,
    rng: random.Random,
    *,
    iterations: int,
    deadline: float,
    visited: dict[int, Counter] | None = None,
) -> dict[int, int]:
    n, tables = len(people), len(sizes)
    index = {p.key: i for i, p in enumerate(people)}
    # Pair costs for this round: static mix costs plus what earlier rounds made them.
    cost = [[0] * n for _ in range(n)]
    for i in range(n):
        a = people[i]
        for j in range(i + 1, n):
            c = pair_cost(a, people[j])
            cost[i][j] = c
            cost[j][i] = c
    for (ka, kb), count in met.items():
        ia, ib = index.get(ka), index.get(kb)
        if ia is not None and ib is not None:
            cost[ia][ib] += COST_REPEAT * count
            cost[ib][ia] += COST_REPEAT * count
    unary = [[0] * tables for _ in range(n)]
    if visited:
        for i, p in enumerate(people):
            if p.host_table is None:
                for t, count in visited.get(p.key, Counter()).items():
                    if 0 <= t < tables:
                        unary[i][t] += COST_REVISIT_TABLE * count

    hosts = [i for i, p in enumerate(people) if p.host_table is not None]
    org_size = Counter(p.organisation for p in people if p.organisation)
    best: _Round | None = None
    for attempt in range(1 + RESTARTS):
        seating = _Round(cost, unary, tables)
        for i in hosts:
            seating.seat(i, people[i].host_table)  # type: ignore[arg-type]
        movable = [i for i, p in enumerate(people) if p.host_table is None]
        # Greedy: the most constrained first (people of large organisations), in random order.
        rng.shuffle(movable)
        movable.sort(key=lambda i: -org_size.get(people[i].organisation, 0))
        for i in movable:
            row = seating.cost_to[i]
            table = min(
                (t for t in range(tables) if len(seating.members[t]) < sizes[t]),
                key=lambda t: (row[t], rng.random()),
            )
            seating.seat(i, table)
        if len(movable) >= 2 and tables >= 2:
            seating.anneal(movable, rng, iterations=iterations, deadline=deadline)
        if best is None or seating.total() < best.total():
            best = seating
        # Start again only while a repeat or two colleagues remain, and time allows.
        if best.worst_pair() < COST_REPEAT or time.monotonic() > deadline or attempt == RESTARTS:
            break
    assert best is not None
    return {people[i].key: best.table_of[i] for i in range(n)}


# -- the plan ---------------------------------------------------------------------------------


def make_plan(
    attendees: Sequence[Attendee],
    *,
    tables: int,
    seats: int,
    rounds: int,
    seed: int = 0,
    history: Sequence[dict[int, int]] = (),
    iterations_per_person: int = ITERATIONS_PER_PERSON,
    time_cap: float = TIME_CAP_SECONDS,
    avoid_same_table: bool = False,
) -> Plan:
    """Plan `rounds` rounds; the first len(history) are kept as held. `avoid_same_table` (world
    café) also sends people to a table they have not visited yet whenever possible."""
    started = time.perf_counter()
    check(attendees, tables=tables, seats=seats)
    if len(history) > rounds:
        raise PlanningError("Plus de tours déjà joués que de tours prévus.")
    rng = random.Random(seed)
    people = list(attendees)
    host_tables = [a.host_table for a in people if a.host_table is not None]
    sizes = table_sizes(len(people), tables, seats, host_tables, min_open=_largest_organisation(people))
    planned = [dict(seating) for seating in history]
    met = _meetings(planned)
    visited: dict[int, Counter] = {}
    for seating in planned:
        for key, table in seating.items():
            visited.setdefault(key, Counter())[table] += 1
    deadline = time.monotonic() + time_cap
    for _round in range(len(history), rounds):
        seating = _plan_round(
            people,
            sizes,
            met,
            rng,
            iterations=iterations_per_person * len(people),
            deadline=deadline,
            visited=visited if avoid_same_table else None,
        )
        _refuse_colleagues_together(people, seating)
        planned.append(seating)
        met.update(_meetings([seating]))
        for key, table in seating.items():
            visited.setdefault(key, Counter())[table] += 1
    metrics = measure(people, planned, tables=tables, seats=seats, kept=len(history))
    metrics.seconds = time.perf_counter() - started
    return Plan(rounds=planned, metrics=metrics, tables=tables, seats=seats, kept_rounds=len(history))


def _refuse_colleagues_together(people: Sequence[Attendee], seating: dict[int, int]) -> None:
    """The hard rule, checked on the result: the search may fail to find a way when tables are
    nearly full and organisations large; then say so rather than hand out a wrong plan."""
    seen: dict[tuple[int, str], Attendee] = {}
    for person in people:
        if not person.organisation:
            continue
        slot = (seating[person.key], person.organisation)
        if slot in seen:
            raise PlanningError(
                f"Impossible de séparer {seen[slot].label or seen[slot].key} et {person.label or person.key}, "
                "de la même organisation, avec ces tables : ajoutez une table ou des places."
            )
        seen[slot] = person


def random_plan(
    attendees: Sequence[Attendee], *, tables: int, seats: int, rounds: int, seed: int = 0
) -> Plan:
    """The baseline: hosts at their table, everyone else shuffled at random each round."""
    started = time.perf_counter()
    rng = random.Random(seed)
    people = list(attendees)
    host_tables = [a.host_table for a in people if a.host_table is not None]
    sizes = table_sizes(len(people), tables, seats, host_tables, min_open=_largest_organisation(people))
    planned = []
    for _round in range(rounds):
        seating, room = {}, list(sizes)
        for a in people:
            if a.host_table is not None:
                seating[a.key] = a.host_table
                room[a.host_table] -= 1
        others = [a.key for a in people if a.host_table is None]
        rng.shuffle(others)
        slots = [t for t in range(tables) for _ in range(room[t])]
        for key, table in zip(others, slots, strict=False):
            seating[key] = table
        planned.append(seating)
    metrics = measure(people, planned, tables=tables, seats=seats)
    metrics.seconds = time.perf_counter() - started
    return Plan(rounds=planned, metrics=metrics, tables=tables, seats=seats)


# -- measures and bounds --------------------------------------------------------------------------


def _pairs_lower_bound(counts: Iterable[int], open_tables: int) -> int:
    """Fewest pairs sharing a value when `counts` people of each value sit at `open_tables` tables:
    spread every value as evenly as possible (table capacities can only make it worse)."""
    total = 0
    for n in counts:
        q, r = divmod(n, open_tables)
        total += r * (q + 1) * q // 2 + (open_tables - r) * q * (q - 1) // 2
    return total


def _spread_pairs(people: int, bins: int) -> int:
    """Fewest pairs sharing a bin when `people` fall into `bins` bins."""
    if bins <= 0:
        return 0
    q, r = divmod(people, bins)
    return r * (q + 1) * q // 2 + (bins - r) * q * (q - 1) // 2


def consecutive_rounds_bound(rounds: Sequence[dict[int, int]]) -> int:
    """Pigeonhole: the people of a table come from the tables of the previous round; when a table
    has more people (present both times) than the previous round had tables, some of them sat
    together then. Every such pair is a repeat, whatever the plan (with these table sizes)."""
    total = 0
    for previous, current in itertools.pairwise(rounds):
        bins = len(set(previous.values()))
        per_table = Counter(table for key, table in current.items() if key in previous)
        total += sum(_spread_pairs(count, bins) for count in per_table.values())
    return total


def lower_bounds(attendees: Sequence[Attendee], *, tables: int, seats: int, rounds: int) -> dict[str, int]:
    people = list(attendees)
    n = len(people)
    host_tables = [a.host_table for a in people if a.host_table is not None]
    sizes = table_sizes(n, tables, seats, host_tables, min_open=_largest_organisation(people))
    open_sizes = [s for s in sizes if s]
    open_tables = len(open_sizes)
    # Repeats: someone who sits with more people over the rounds than there are people they may
    # meet (not themselves, not their colleagues, not the other hosts for a host) must meet some twice.
    per_org = Counter(a.organisation for a in people if a.organisation)
    hosts_per_org = Counter(a.organisation for a in people if a.organisation and a.host_table is not None)
    hosts = len(host_tables)
    smallest = min(open_sizes) if open_sizes else 0
    excess = 0
    for a in people:
        colleagues = per_org[a.organisation] - 1 if a.organisation else 0
        unreachable = colleagues
        if a.host_table is not None:
            # The other hosts, unless already counted as colleagues.
            colleague_hosts = hosts_per_org[a.organisation] - 1 if a.organisation else 0
            unreachable += (hosts - 1) - colleague_hosts
        reachable = n - 1 - unreachable
        slots = rounds * (smallest - 1)
        excess += max(0, slots - reachable)
    categories = Counter(a.category for a in people if a.category)
    departements = Counter(a.departement for a in people if a.departement)
    pigeonhole = (
        (rounds - 1) * sum(_spread_pairs(size, open_tables) for size in open_sizes) if rounds > 1 else 0
    )
    return {
        "repeats": max(math.ceil(excess / 2), pigeonhole),
        "same_category": rounds * _pairs_lower_bound(categories.values(), open_tables),
        "same_departement": rounds * _pairs_lower_bound(departements.values(), open_tables),
        # A table shows at most as many categories as it has seats, and a category with fewer
        # people than tables cannot be at every table.
        "max_categories_per_table": round(
            min(
                sum(min(size, len(categories)) for size in open_sizes),
                sum(min(count, open_tables) for count in categories.values()),
            )
            / open_tables
            if open_tables
            else 0,
            3,
        ),
    }


def measure(
    attendees: Sequence[Attendee], rounds: Sequence[dict[int, int]], *, tables: int, seats: int, kept: int = 0
) -> Metrics:
    people = {a.key: a for a in attendees}
    met = _meetings(rounds)
    same_org = same_cat = same_dep = 0
    for (ka, kb), count in met.items():
        a, b = people.get(ka), people.get(kb)
        if a is None or b is None:
            continue  # someone who left after the rounds held
        if a.organisation and a.organisation == b.organisation:
            same_org += count
        if a.category and a.category == b.category:
            same_cat += count
        if a.departement and a.departement == b.departement:
            same_dep += count
    distinct_categories = []
    for seating in rounds:
        by_table: dict[int, set[str]] = {}
        for key, table in seating.items():
            if key in people:
                by_table.setdefault(table, set()).add(people[key].category or "?")
        distinct_categories.extend(len(c) for c in by_table.values())
    bounds = lower_bounds(attendees, tables=tables, seats=seats, rounds=len(rounds)) if attendees else {}
    return Metrics(
        people=len(people),
        rounds=len(rounds),
        tables=tables,
        repeats=sum(count - 1 for count in met.values() if count > 1),
        # After absences or arrivals, the bounds for a full attendance no longer hold: then only the
        # pigeonhole bound computed on the rounds themselves is stated.
        repeats_lower_bound=consecutive_rounds_bound(rounds) if kept else bounds.get("repeats", 0),
        same_organisation_pairs=same_org,
        new_encounters=len(met),
        same_category_pairs=same_cat,
        same_category_lower_bound=bounds.get("same_category", 0),
        same_departement_pairs=same_dep,
        same_departement_lower_bound=bounds.get("same_departement", 0),
        mean_categories_per_table=round(
            sum(distinct_categories) / len(distinct_categories) if distinct_categories else 0, 3
        ),
        max_categories_per_table=bounds.get("max_categories_per_table", 0),
    )
