"""« Qui me ressemble », the pure ranking: properties checked with Hypothesis (docs/matching.md)."""

import dataclasses

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from apps.directory import similarity
from apps.directory.models import OrganisationType
from apps.directory.similarity import Profile, evaluate, rank

KINDS = [value for value, _ in OrganisationType.choices]

profile_st = st.builds(
    Profile,
    id=st.integers(1, 10_000),
    kind=st.sampled_from(KINDS),
    name=st.text(alphabet="abcdefgh ", max_size=8),
    population=st.one_of(st.none(), st.integers(0, 3_000_000)),
    latitude=st.one_of(st.none(), st.floats(41.0, 51.0)),
    longitude=st.one_of(st.none(), st.floats(-5.0, 9.5)),
    departement_id=st.one_of(st.none(), st.integers(1, 6)),
    region_id=st.one_of(st.none(), st.integers(1, 3)),
    theme_ids=st.frozensets(st.integers(1, 8), max_size=5),
    needed_theme_ids=st.frozensets(st.integers(1, 8), max_size=3),
    experience_theme_ids=st.frozensets(st.integers(1, 8), max_size=3),
)


def unique_ids(subject, pool):
    """Distinct ids, none equal to the subject's."""
    return [dataclasses.replace(p, id=subject.id + 1 + i) for i, p in enumerate(pool)]


@settings(max_examples=300, deadline=None)
@given(subject=profile_st, pool=st.lists(profile_st, max_size=25))
def test_identical_profile_ranks_first_unless_someone_did_more(subject, pool):
    pool = unique_ids(subject, pool)
    twin = dataclasses.replace(
        subject,
        id=subject.id + 1000,
        needed_theme_ids=frozenset(),
        experience_theme_ids=frozenset(),
        name="zzz",  # the worst tie-break: only its score puts it first
    )
    ranking = rank(subject, [*pool, twin])
    position = next(i for i, m in enumerate(ranking) if m.candidate.id == twin.id)
    twin_done = ranking[position].criteria[-1].points
    for above in ranking[:position]:
        done = above.criteria[-1].points
        identical = all(
            a.points == b.points
            for a, b in zip(above.criteria[:-1], ranking[position].criteria[:-1], strict=True)
        )
        assert done > twin_done or identical, (above, ranking[position])


@settings(max_examples=300, deadline=None)
@given(subject=profile_st, pool=st.lists(profile_st, max_size=25))
def test_a_commune_never_gets_a_region_nor_an_incomparable_type(subject, pool):
    subject = dataclasses.replace(subject, kind="municipality")
    pool = unique_ids(subject, pool)
    ranking = rank(subject, pool)
    assert all(m.candidate.kind in {"municipality", "epci"} for m in ranking)
    if ranking:
        assert ranking[0].candidate.kind != "region"
    # Even a région that did everything the commune plans, right next door, is not a match.
    region = dataclasses.replace(
        subject,
        id=subject.id + 5000,
        kind="region",
        experience_theme_ids=subject.needed_theme_ids,
    )
    assert region.id not in [m.candidate.id for m in rank(subject, [*pool, region])]
    # Unless régions are asked for explicitly.
    assert [m.candidate.kind for m in rank(subject, [*pool, region], kind="region")].count("region") >= 1


@settings(max_examples=300, deadline=None)
@given(
    subject=profile_st,
    base=profile_st,
    needed=st.integers(1, 8),
    shared=st.frozensets(st.integers(1, 8), min_size=1, max_size=5),
)
def test_an_experience_on_a_needed_theme_outranks_shared_themes_alone(subject, base, needed, shared):
    subject = dataclasses.replace(subject, needed_theme_ids=subject.needed_theme_ids | {needed})
    assume(similarity.comparable(subject.kind, base.kind))
    # Equal in every other respect: same type, size, place. A did what the subject plans and shares
    # no theme; B shares up to every theme of the subject and did nothing it plans.
    did = dataclasses.replace(
        base, id=subject.id + 1, theme_ids=frozenset(), experience_theme_ids=frozenset({needed}), name="z"
    )
    shares = dataclasses.replace(
        base,
        id=subject.id + 2,
        theme_ids=subject.theme_ids | shared,
        experience_theme_ids=frozenset(),
        name="a",
    )
    ranking = [m.candidate.id for m in rank(subject, [shares, did])]
    assert ranking == [did.id, shares.id]


@settings(max_examples=300, deadline=None)
@given(subject=profile_st, candidate=profile_st)
def test_score_is_the_sum_of_its_criteria_and_bounded(subject, candidate):
    match = evaluate(subject, candidate)
    assert match.score == sum(c.points for c in match.criteria)
    assert 0 <= match.score <= similarity.MAX_SCORE
    assert all(0 <= c.points <= c.max_points for c in match.criteria)
    assert [c.key for c in match.criteria] == ["kind", "size", "place", "themes", "done"]
    assert all(c.text for c in match.criteria)


@settings(max_examples=200, deadline=None)
@given(
    subject=profile_st,
    pool=st.lists(profile_st, max_size=25),
    same_region=st.booleans(),
    same_size=st.booleans(),
    with_experience=st.booleans(),
)
def test_filters_only_narrow(subject, pool, same_region, same_size, with_experience):
    pool = unique_ids(subject, pool)
    everything = rank(subject, pool)
    narrowed = rank(
        subject, pool, same_region=same_region, same_size=same_size, with_experience=with_experience
    )
    kept = [m.candidate.id for m in everything if m.candidate.id in {n.candidate.id for n in narrowed}]
    assert kept == [m.candidate.id for m in narrowed]  # same order, a subset
    for m in narrowed:
        c = m.candidate
        if same_region:
            assert c.region_id == subject.region_id is not None
        if same_size:
            assert similarity.population_band(c.population) == similarity.population_band(subject.population)
        if with_experience:
            assert c.experience_theme_ids & subject.needed_theme_ids or (
                not subject.needed_theme_ids and c.experience_theme_ids
            )


def test_reasons_read_as_sentences():
    subject = Profile(
        id=1,
        kind="municipality",
        population=3_200,
        latitude=45.75,
        longitude=6.32,
        departement_id=74,
        region_id=84,
        theme_ids=frozenset({1, 2}),
        needed_theme_ids=frozenset({3}),
    )
    candidate = Profile(
        id=2,
        kind="municipality",
        population=4_100,
        latitude=45.90,
        longitude=6.12,
        departement_id=74,
        region_id=84,
        theme_ids=frozenset({2}),
        experience_theme_ids=frozenset({3}),
    )
    match = evaluate(
        subject,
        candidate,
        theme_names={1: "Énergie", 2: "Mobilité", 3: "Alimentation"},
        kind_labels={"municipality": "Commune"},
        area_names={74: "Haute-Savoie", 84: "Auvergne-Rhône-Alpes"},
    )
    texts = {c.key: c.text for c in match.criteria}
    assert texts["kind"] == "même type : Commune"
    assert (
        texts["size"]
        == "même tranche de population (2\u202f000 à 4\u202f999 habitants) : 4\u202f100 habitants"
    )
    assert texts["place"] == "à 23 km ; même département (Haute-Savoie)"
    assert texts["themes"] == "Mobilité"
    assert texts["done"] == "retour d'expérience publié sur Alimentation"
    assert match.score == 20 + 15 + (10 + 5) + 5 + 30


def test_population_bands():
    assert [similarity.population_band(p) for p in (None, 0, 499, 500, 1_999, 2_000, 2_000_000)] == [
        None,
        0,
        0,
        1,
        1,
        2,
        10,
    ]
    assert similarity.band_label(0) == "moins de 500 habitants"
    assert similarity.band_label(10) == "1\u202f000\u202f000 habitants et plus"
