"""Fair routing: the pure chooser on a simulated year, then the database path and escalation."""

import random
import statistics
from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.questions import services
from apps.questions.models import Solicitation
from apps.questions.routing import Candidate, choose_experts, explain
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory
from tests.questions.factories import ExpertiseFactory, QuestionFactory
from tests.simulation import paused_until

N_EXPERTS, N_QUESTIONS, N_THEMES, K = 300, 2000, 12, 3


def simulate_year(seed: int):
    """2 000 questions over 365 days, 300 experts with 1-3 themes, capacities 1-6 per month,
    random pauses, organisations; state kept in memory exactly as the database would."""
    rng = random.Random(seed)
    experts = []
    for user_id in range(1, N_EXPERTS + 1):
        org = rng.randrange(60)
        for theme in rng.sample(range(N_THEMES), rng.randint(1, 3)):
            experts.append(
                {
                    "user_id": user_id,
                    "theme": theme,
                    "capacity": rng.randint(1, 6),
                    "org": org,
                    "pause": (rng.randrange(365), rng.randint(5, 60)) if rng.random() < 0.2 else None,
                }
            )
    start = datetime(2026, 1, 1, 9, 0)
    per_month = Counter()  # (user, theme, month) -> count
    last = {}
    total = Counter()
    violations = []
    for q in range(N_QUESTIONS):
        now = start + timedelta(minutes=int(q * 365 * 24 * 60 / N_QUESTIONS))
        themes = set(rng.sample(range(N_THEMES), rng.randint(1, 2)))
        asker_org = rng.randrange(60)
        month = (now.year, now.month)
        candidates = []
        for e in experts:
            if e["theme"] not in themes:
                continue
            candidates.append(
                Candidate(
                    user_id=e["user_id"],
                    theme_id=e["theme"],
                    theme_name=f"T{e['theme']}",
                    capacity=e["capacity"],
                    used_this_month=per_month[(e["user_id"], e["theme"], month)],
                    last_solicited_at=last.get(e["user_id"]),
                    paused_until=paused_until(e["pause"], start=start, now=now),
                    organisation_ids=frozenset({e["org"]}),
                )
            )
        asked = set()
        for _round in range(2):  # a first round, then an escalation round on the same question
            chosen = choose_experts(
                candidates,
                k=K,
                today=now.date(),
                asker_organisation_ids=frozenset({asker_org}),
                already_asked=asked,
            )
            for c in chosen:
                if c.user_id in asked:
                    violations.append(("asked twice", q, c.user_id))
                if c.paused_until and c.paused_until >= now.date():
                    violations.append(("paused", q, c.user_id))
                if asker_org in c.organisation_ids:
                    violations.append(("own organisation", q, c.user_id))
                asked.add(c.user_id)
                per_month[(c.user_id, c.theme_id, month)] += 1
                last[c.user_id] = now
                total[c.user_id] += 1
                c.used_this_month += 1  # the same Candidate object may be offered in round 2
    capacity = {(e["user_id"], e["theme"]): e["capacity"] for e in experts}
    for (user_id, theme, _month), count in per_month.items():
        if count > capacity[(user_id, theme)]:
            violations.append(("capacity", user_id, theme, count))
    return violations, total


@pytest.mark.parametrize("seed", [1, 2])
def test_simulated_year_respects_capacity_and_spreads_load(seed):
    violations, total = simulate_year(seed)
    assert violations == []
    counts = [total.get(user_id, 0) for user_id in range(1, N_EXPERTS + 1)]
    mean = statistics.mean(counts)
    # Least-recently-solicited-first: the busiest expert is bounded by their monthly capacities
    # (at most 6 x 3 themes x 12 months), and in practice close to the mean.
    assert max(counts) <= 3 * 6 * 12
    assert max(counts) <= 3 * mean, (max(counts), mean)
    print(f"seed {seed}: max {max(counts)}, mean {mean:.1f}, experts never asked {counts.count(0)}")


candidate_st = st.builds(
    Candidate,
    user_id=st.integers(1, 30),
    theme_id=st.integers(1, 4),
    theme_name=st.just("Énergie"),
    capacity=st.integers(1, 5),
    used_this_month=st.integers(0, 6),
    last_solicited_at=st.one_of(
        st.none(), st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2026, 1, 1))
    ),
    paused_until=st.one_of(st.none(), st.dates(min_value=date(2025, 6, 1), max_value=date(2026, 6, 1))),
    organisation_ids=st.frozensets(st.integers(1, 5), max_size=2),
)


@settings(max_examples=200, deadline=None)
@given(
    candidates=st.lists(candidate_st, max_size=40),
    k=st.integers(0, 6),
    asked=st.frozensets(st.integers(1, 30), max_size=5),
    asker_orgs=st.frozensets(st.integers(1, 5), max_size=2),
)
def test_chooser_properties(candidates, k, asked, asker_orgs):
    today = date(2026, 1, 1)
    chosen = choose_experts(
        candidates, k=k, today=today, asker_organisation_ids=asker_orgs, already_asked=asked
    )
    ids = [c.user_id for c in chosen]
    assert len(ids) == len(set(ids)) <= k
    for c in chosen:
        assert c.used_this_month < c.capacity
        assert c.user_id not in asked
        assert not (c.organisation_ids & asker_orgs)
        assert c.paused_until is None or c.paused_until < today
    # Fairness: nobody eligible and never solicited is left out while someone already solicited is in.
    # "Never solicited" is said of a person, not of one of their expertises: someone offered twice
    # (two of the question's themes) and solicited through either has been solicited.
    solicited_people = {c.user_id for c in candidates if c.last_solicited_at is not None}
    never = {
        c.user_id
        for c in candidates
        if c.user_id not in solicited_people
        and c.used_this_month < c.capacity
        and c.user_id not in asked
        and not (c.organisation_ids & asker_orgs)
        and (c.paused_until is None or c.paused_until < today)
    }
    if any(c.last_solicited_at is not None for c in chosen):
        assert never <= set(ids)


def test_explain_says_why_and_when():
    now = datetime(2026, 3, 15, 12, 0)
    c = Candidate(1, 1, "Énergie", 4, 1, now - timedelta(days=41))
    assert explain(c, now=now) == (
        "sollicité·e car expert·e en Énergie ; dernière sollicitation il y a 41 jours ; 2/4 sollicitations ce mois-ci"
    )
    assert "jamais sollicité·e" in explain(Candidate(1, 1, "Énergie", 4, 0, None), now=now)


@pytest.mark.django_db
def test_route_respects_capacity_pause_organisation_and_order(settings):
    settings.MAILLAGE_QUESTIONS = {"EXPERTS_PER_ROUND": 2, "HOLD_FIRST_POSTS": False}
    theme = ThemeFactory(name="Énergie")
    asker = UserFactory()
    asker_org = OrganisationFactory()
    MembershipFactory(person=PersonFactory(user=asker), organisation=asker_org)
    colleague = ExpertiseFactory(theme=theme).user
    MembershipFactory(person=PersonFactory(user=colleague), organisation=asker_org)
    paused = ExpertiseFactory(theme=theme, paused_until=timezone.localdate() + timedelta(days=3)).user
    full = ExpertiseFactory(theme=theme, capacity_per_month=1).user
    old = QuestionFactory(themes=[theme])
    Solicitation.objects.create(question=old, expert=full, theme=theme, reason="x")
    recent = ExpertiseFactory(theme=theme).user
    least_recent = ExpertiseFactory(theme=theme).user
    never = ExpertiseFactory(theme=theme).user
    now = timezone.now()
    Solicitation.objects.create(question=old, expert=recent, theme=theme, reason="x")
    s = Solicitation.objects.create(question=old, expert=least_recent, theme=theme, reason="x")
    Solicitation.objects.filter(pk=s.pk).update(created_at=now - timedelta(days=41))
    Solicitation.objects.filter(expert=recent).update(created_at=now - timedelta(days=2))

    question = services.question_create(
        author=asker, title="Boucle locale d'énergie ?", body="…", themes=[theme]
    )
    chosen = list(question.solicitations.order_by("pk"))
    assert [s.expert for s in chosen] == [never, least_recent]
    assert "jamais sollicité·e" in chosen[0].reason
    assert "il y a 41 jours" in chosen[1].reason
    assert not {colleague, paused, full} & {s.expert for s in chosen}
    # Round 2: nobody asked twice; the next eligible is `recent`.
    second = services.question_route(question=question, round=2)
    assert [s.expert for s in second] == [recent]
    assert services.question_route(question=question, round=3) == []


@pytest.mark.django_db
def test_group_question_only_routes_to_group_members(settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory()
    group = GroupFactory(closed=True)
    insider = GroupMembershipFactory(group=group).user
    ExpertiseFactory(theme=theme, user=insider)
    ExpertiseFactory(theme=theme)  # outsider expert
    asker = GroupMembershipFactory(group=group).user
    question = services.question_create(
        author=asker, title="Entre élus, parlons budget", body="…", themes=[theme], group=group
    )
    assert [s.expert for s in question.solicitations.all()] == [insider]


# One expert a round, a new round after 5 days without an answer, animators after the last one.
ESCALATION = {"EXPERTS_PER_ROUND": 1, "ESCALATE_AFTER_DAYS": 5, "MAX_ROUNDS": 2, "HOLD_FIRST_POSTS": False}


@pytest.mark.django_db
def test_escalation_next_experts_then_animators(settings, mailoutbox):
    settings.MAILLAGE_QUESTIONS = ESCALATION
    theme = ThemeFactory()
    first, second = ExpertiseFactory(theme=theme).user, ExpertiseFactory(theme=theme).user
    animator = UserFactory(animator=True)
    question = services.question_create(
        author=UserFactory(), title="Compensation carbone locale ?", body="…", themes=[theme]
    )
    assert question.solicitations.count() == 1
    now = timezone.now()
    assert services.questions_escalate(now=now) == {"rerouted": 0, "escalated": 0}  # too early
    later = now + timedelta(days=6)
    type(question).objects.filter(pk=question.pk).update(created_at=now - timedelta(days=6))
    assert services.questions_escalate(now=later) == {"rerouted": 1, "escalated": 0}
    assert {s.expert for s in question.solicitations.all()} == {first, second}
    assert services.questions_escalate(now=later + timedelta(days=6)) == {"rerouted": 0, "escalated": 1}
    assert animator.notifications.filter(event="escalated").count() == 1
    # Never twice, even when the command runs again.
    assert services.questions_escalate(now=later + timedelta(days=20)) == {"rerouted": 0, "escalated": 0}


@pytest.mark.django_db
def test_answer_by_solicited_expert_is_counted_in_stats(client, settings):
    settings.MAILLAGE_QUESTIONS = {"HOLD_FIRST_POSTS": False}
    theme = ThemeFactory()
    expert = ExpertiseFactory(theme=theme).user
    question = services.question_create(
        author=UserFactory(), title="Question de ZAN ?", body="…", themes=[theme]
    )
    services.answer_create(question=question, author=expert, body="Voici.")
    animator = UserFactory(animator=True)
    client.force_login(animator)
    response = client.get("/questions/statistiques/")
    assert response.status_code == 200
    row = next(r for r in response.context["page_obj"] if r["expert_id"] == expert.pk)
    assert (row["total"], row["answered"], row["rate"]) == (1, 1, 100)


def test_management_command_runs_the_escalation(db, settings, capsys):
    from django.core.management import call_command

    settings.MAILLAGE_QUESTIONS = {**ESCALATION, "MAX_ROUNDS": 1}
    theme = ThemeFactory()
    ExpertiseFactory(theme=theme)
    animator = UserFactory(animator=True)
    question = services.question_create(
        author=UserFactory(), title="Qui a déjà monté une régie de chaleur ?", body="…", themes=[theme]
    )
    week_ago = timezone.now() - timedelta(days=7)
    type(question).objects.filter(pk=question.pk).update(created_at=week_ago)
    question.solicitations.update(created_at=week_ago)

    call_command("questions_escalate")  # the task backend of the tests runs the task at once

    assert "mise en file" in capsys.readouterr().out
    question.refresh_from_db()
    assert question.escalated_to_animators_at is not None
    assert animator.notifications.filter(event="escalated").count() == 1
