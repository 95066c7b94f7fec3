"""Table plans, the pure planner: hard rules as properties (Hypothesis), quality on the two
reference sizes of docs/matching.md against the random baseline and the lower bounds."""

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.rotations.planner import (
    Attendee,
    PlanningError,
    lower_bounds,
    make_plan,
    measure,
    random_plan,
    table_sizes,
)
from tests.rotations.networks import CATEGORIES, network


def tables_of(seating: dict[int, int]) -> dict[int, list[int]]:
    tables: dict[int, list[int]] = {}
    for key, table in seating.items():
        tables.setdefault(table, []).append(key)
    return tables


def assert_valid(plan, people, *, tables, seats):
    by_key = {p.key: p for p in people}
    sizes = Counter()
    for seating in plan.rounds[plan.kept_rounds :]:
        assert set(seating) == set(by_key)  # everyone present, once per round
        for table, keys in tables_of(seating).items():
            assert 0 <= table < tables
            assert len(keys) <= seats
            sizes[len(keys)] += 1
            organisations = [by_key[k].organisation for k in keys if by_key[k].organisation]
            assert len(organisations) == len(set(organisations)), "two people of one organisation"
        for person in people:
            if person.host_table is not None:
                assert seating[person.key] == person.host_table
    if sizes:
        assert max(sizes) - min(sizes) <= 1, sizes  # balanced


@pytest.mark.parametrize(
    ("n", "tables", "seats", "rounds", "hosts"),
    [(60, 10, 6, 4, 0), (60, 10, 6, 4, 10), (200, 20, 10, 5, 0), (200, 20, 10, 5, 20), (60, 30, 2, 6, 0)],
)
def test_reference_sizes_have_no_repeat_and_beat_random(n, tables, seats, rounds, hosts):
    people = network(n, hosts=hosts)
    plan = make_plan(people, tables=tables, seats=seats, rounds=rounds, seed=7)
    assert_valid(plan, people, tables=tables, seats=seats)
    m = plan.metrics
    baseline = random_plan(people, tables=tables, seats=seats, rounds=rounds, seed=7).metrics
    assert m.repeats == m.repeats_lower_bound == 0
    assert m.same_organisation_pairs == 0
    assert baseline.repeats > 0 and baseline.same_organisation_pairs > 0
    assert m.same_category_lower_bound <= m.same_category_pairs < baseline.same_category_pairs
    # Close to the bound: at most 10 % above it.
    assert m.same_category_pairs <= 1.1 * m.same_category_lower_bound + 2
    assert baseline.mean_categories_per_table < m.mean_categories_per_table <= m.max_categories_per_table
    assert m.same_departement_lower_bound <= m.same_departement_pairs < baseline.same_departement_pairs


def test_same_seed_same_plan_another_seed_another_draw():
    people = network(60)
    first = make_plan(people, tables=10, seats=6, rounds=4, seed=3)
    assert make_plan(people, tables=10, seats=6, rounds=4, seed=3).rounds == first.rounds
    assert make_plan(people, tables=10, seats=6, rounds=4, seed=4).rounds != first.rounds


def test_regeneration_after_absences_keeps_the_rounds_held():
    people = network(60, hosts=10)
    plan = make_plan(people, tables=10, seats=6, rounds=4, seed=1)
    held = plan.rounds[:2]
    # Five people leave (one of them a host), two arrive, after two rounds.
    gone = {people[3].key, people[20].key, people[33].key, people[41].key, people[59].key}
    arrivals = [
        Attendee(key=1001, organisation="org-nouvelle", category="elected", departement="01", region="84"),
        Attendee(
            key=1002, organisation=people[12].organisation, category="state", departement="07", region="76"
        ),
    ]
    remaining = [p for p in people if p.key not in gone] + arrivals
    again = make_plan(remaining, tables=10, seats=6, rounds=4, seed=1, history=held)
    assert again.rounds[:2] == held  # untouched, absent people included
    assert again.kept_rounds == 2
    assert_valid(again, remaining, tables=10, seats=6)
    assert all(key not in seating for seating in again.rounds[2:] for key in gone)
    # Encounters of the rounds held count: nobody meets again someone met before the absences.
    assert again.metrics.repeats == 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    n=st.integers(2, 40),
    tables=st.integers(1, 8),
    seats=st.integers(2, 8),
    rounds=st.integers(1, 5),
    hosts=st.integers(0, 8),
    organisations=st.integers(1, 30),
    seed=st.integers(0, 1000),
)
def test_hard_rules_hold_or_the_plan_is_refused_in_french(
    n, tables, seats, rounds, hosts, organisations, seed
):
    rng = random.Random(seed)
    people = [
        Attendee(
            key=k,
            organisation=f"o{rng.randrange(organisations)}",
            category=rng.choice(CATEGORIES),
            departement=str(rng.randrange(5)),
            host_table=k if k < min(hosts, tables) else None,
            label=f"P{k}",
        )
        for k in range(n)
    ]
    try:
        plan = make_plan(
            people, tables=tables, seats=seats, rounds=rounds, seed=seed, iterations_per_person=50
        )
    except PlanningError as error:
        message = str(error)
        assert any(word in message for word in ("places", "organisation", "impossible", "table")), message
        per_org = Counter(p.organisation for p in people)
        hosts_per_org = Counter(p.organisation for p in people if p.host_table is not None)
        assert (
            n > tables * seats or max(per_org.values()) > tables or max(hosts_per_org.values(), default=0) > 0
        )
        return
    assert_valid(plan, people, tables=tables, seats=seats)
    assert plan.metrics.repeats >= plan.metrics.repeats_lower_bound
    assert plan.metrics.same_category_pairs >= plan.metrics.same_category_lower_bound
    assert plan.metrics.same_organisation_pairs == 0


def test_refusals_are_explained():
    with pytest.raises(PlanningError, match="il manque 1 place"):
        make_plan(network(61), tables=10, seats=6, rounds=2)
    crowd = [Attendee(key=k, organisation="ADEME") for k in range(4)]
    with pytest.raises(PlanningError, match="4 personnes de « ADEME » pour 3 tables"):
        make_plan(crowd, tables=3, seats=4, rounds=2)
    two_hosts = [Attendee(key=1, host_table=0, label="Ana"), Attendee(key=2, host_table=0, label="Bob")]
    with pytest.raises(PlanningError, match="La table 1 a deux animateur·rices : Ana et Bob"):
        make_plan(two_hosts, tables=2, seats=2, rounds=1)


def test_table_sizes_close_tables_rather_than_seat_someone_alone():
    assert table_sizes(59, 30, 2) == [2] * 29 + [1]
    assert table_sizes(7, 10, 6) == [3, 2, 2, 0, 0, 0, 0, 0, 0, 0]
    # …unless a host sits there, or an organisation needs the tables to keep its people apart.
    assert table_sizes(7, 10, 6, host_tables=[9]) == [3, 2, 0, 0, 0, 0, 0, 0, 0, 2]
    assert table_sizes(4, 10, 6, min_open=4) == [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]


def test_lower_bounds_are_stated_and_reachable_when_trivial():
    # 6 people, 2 tables of 3, 3 rounds: each sits with 2 × 3 = 6 others but only 5 exist (3 repeats
    # at least), and each table of a round holds two people who sat together the round before (4).
    people = [Attendee(key=k) for k in range(6)]
    bounds = lower_bounds(people, tables=2, seats=3, rounds=3)
    assert bounds["repeats"] == 4  # pigeonhole: 3 people at a table come from 2 tables, twice
    plan = make_plan(people, tables=2, seats=3, rounds=3, seed=1)
    assert plan.metrics.repeats >= 4
    assert measure(people, plan.rounds, tables=2, seats=3).repeats == plan.metrics.repeats
