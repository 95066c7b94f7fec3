"""The shared fairness rules (apps.core.fairness), used by the expert routing and by mentoring."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.core.fairness import choose_fairly, is_available, last_solicitation_phrase


@dataclass
class Offer:
    user_id: int
    capacity: int
    used: int
    last_solicited_at: datetime | None
    paused_until: date | None
    organisation_ids: frozenset[int]
    level: int = 0

    @property
    def remaining(self) -> int:
        return self.capacity - self.used


offer_st = st.builds(
    Offer,
    user_id=st.integers(1, 25),
    capacity=st.integers(1, 5),
    used=st.integers(0, 6),
    last_solicited_at=st.one_of(
        st.none(), st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 1, 1))
    ),
    paused_until=st.one_of(st.none(), st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 6, 1))),
    organisation_ids=st.frozensets(st.integers(1, 5), max_size=2),
    level=st.integers(0, 2),
)
TODAY = date(2026, 1, 1)


@settings(max_examples=300, deadline=None)
@given(
    offers=st.lists(offer_st, max_size=30),
    k=st.integers(0, 8),
    asked=st.frozensets(st.integers(1, 25), max_size=4),
    asker_orgs=st.frozensets(st.integers(1, 5), max_size=2),
)
def test_priority_levels_then_fairness_within_each(offers, k, asked, asker_orgs):
    chosen = choose_fairly(
        offers,
        k=k,
        today=TODAY,
        asker_id=1,
        asker_organisation_ids=asker_orgs,
        already_asked=asked,
        priority=lambda o: (o.level,),
    )
    ids = [o.user_id for o in chosen]
    assert len(ids) == len(set(ids)) <= k
    for o in chosen:
        assert is_available(
            o, today=TODAY, asker_id=1, asker_organisation_ids=asker_orgs, already_asked=asked
        )
        assert o.used < o.capacity and o.user_id != 1 and o.user_id not in asked
    levels = [o.level for o in chosen]
    assert levels == sorted(levels)  # a more relevant level never comes after a less relevant one
    available = [
        o
        for o in offers
        if is_available(o, today=TODAY, asker_id=1, asker_organisation_ids=asker_orgs, already_asked=asked)
    ]
    if chosen and len(chosen) == k:
        # Nobody available at a better level than the last chosen was left out.
        worst = chosen[-1].level
        better = {o.user_id for o in available if o.level < worst}
        assert better <= set(ids)
    # Within one level, someone never solicited comes before anyone solicited.
    for level in set(levels):
        same = [o for o in chosen if o.level == level]
        flags = [o.last_solicited_at is not None for o in same]
        assert flags == sorted(flags)


def test_phrases():
    now = datetime(2026, 3, 15, 12, 0)
    assert last_solicitation_phrase(None, now=now) == "jamais sollicité·e auparavant"
    assert last_solicitation_phrase(now, now=now) == "dernière sollicitation aujourd'hui"
    assert (
        last_solicitation_phrase(now - timedelta(days=1), now=now) == "dernière sollicitation il y a 1 jour"
    )
    assert (
        last_solicitation_phrase(now - timedelta(days=41), now=now)
        == "dernière sollicitation il y a 41 jours"
    )
