"""Mentoring: candidates with reasons under the shared fairness rules, the request → answer →
introduction → follow-up → closing path, the coordinators' view, permissions, a simulated year."""

import random
from collections import Counter
from datetime import datetime, timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from apps.core.fairness import choose_fairly
from apps.experiences.models import State
from apps.mentoring import selectors, services
from apps.mentoring.models import MentorProfile, Mentorship, Status
from apps.mentoring.selectors import DONE, OTHER, SIMILAR, MentorCandidate
from tests.concurrency import run_together
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.simulation import paused_until


def member(organisation=None, **person):
    user = UserFactory()
    person = PersonFactory(user=user, **person)
    if organisation is not None:
        MembershipFactory(person=person, organisation=organisation)
    return user


def mentor(theme, organisation=None, capacity=2, paused_until=None, **person):
    user = member(organisation, **person)
    profile = MentorProfile.objects.create(user=user, capacity=capacity, paused_until=paused_until)
    profile.themes.set([theme])
    return user


# -- a simulated year, in memory, with the shared chooser -------------------------------------


def test_simulated_year_never_exceeds_capacities_and_spreads_requests():
    """600 requests over a year, 80 mentors (capacity 1-3, pauses, 30 organisations, three
    relevance levels), mentorships lasting 20 to 90 days: capacity, pause and organisation are
    always respected, and among mentors of one level the load stays even."""
    rng = random.Random(5)
    mentors = [
        {
            "id": i,
            "capacity": rng.randint(1, 3),
            "org": rng.randrange(30),
            "pause": (rng.randrange(365), rng.randint(10, 60)) if rng.random() < 0.2 else None,
        }
        for i in range(1, 81)
    ]
    start = datetime(2026, 1, 1, 9)
    running: list[tuple[int, datetime]] = []  # (mentor, ends)
    last: dict[int, datetime] = {}
    total = Counter()
    violations = []
    for n in range(600):
        now = start + timedelta(hours=n * 365 * 24 // 600)
        running = [(m, end) for m, end in running if end > now]
        used = Counter(m for m, _ in running)
        asker_org = rng.randrange(30)
        candidates = []
        for m in mentors:
            candidates.append(
                MentorCandidate(
                    user_id=m["id"],
                    capacity=m["capacity"],
                    used=used[m["id"]],
                    last_solicited_at=last.get(m["id"]),
                    paused_until=paused_until(m["pause"], start=start, now=now),
                    organisation_ids=frozenset({m["org"]}),
                    relevance=(m["id"] + n) % 3,  # relevance depends on the request
                )
            )
        chosen = choose_fairly(
            candidates,
            k=5,
            today=now.date(),
            asker_id=0,
            asker_organisation_ids=frozenset({asker_org}),
            priority=lambda c: (c.relevance,),
        )
        if not chosen:
            continue
        pick = chosen[0]  # the mentee asks the first proposed
        if pick.used >= pick.capacity:
            violations.append(("capacity", n))
        if pick.paused_until and pick.paused_until >= now.date():
            violations.append(("pause", n))
        if asker_org in pick.organisation_ids:
            violations.append(("organisation", n))
        running.append((pick.user_id, now + timedelta(days=rng.randint(20, 90))))
        last[pick.user_id] = now
        total[pick.user_id] += 1
    assert violations == []
    counts = [total[m["id"]] for m in mentors]
    assert max(counts) <= 3 * (sum(counts) / len(counts)), counts
    assert counts.count(0) <= 4, counts


# -- candidates from the database ---------------------------------------------------------------


@pytest.fixture
def scene(db):
    energy = ThemeFactory(name="Énergie")
    home = OrganisationFactory(
        name="Commune de Faverges", territory=CommuneFactory(population=7_800, latitude=45.75, longitude=6.29)
    )
    mentee = member(home, first_name="Gaëlle", last_name="Villard")
    twin = OrganisationFactory(
        name="Commune de Thônes",
        territory=CommuneFactory(
            population=6_900,
            latitude=45.88,
            longitude=6.32,
            epci=home.territory.epci,
            departement=home.territory.departement,
            region=home.territory.region,
        ),
    )
    far = OrganisationFactory(name="Association lointaine", association=True)
    doer_org = OrganisationFactory(name="Ville pionnière", association=True)
    doer = mentor(energy, doer_org, first_name="Pierre", last_name="Pionnier")
    ExperienceFactory(
        title="Boucle locale Volte Face", organisations=[doer_org], themes=[energy], indexed=False
    )
    similar = mentor(energy, twin, first_name="Sophie", last_name="Semblable")
    other = mentor(energy, far, first_name="Odile", last_name="Autre")
    colleague = mentor(energy, home, first_name="Claire", last_name="Collègue")
    paused = mentor(
        energy,
        far,
        paused_until=timezone.localdate() + timedelta(days=5),
        first_name="Paul",
        last_name="Pause",
    )
    hidden = mentor(energy, far, hidden=True, first_name="Cachée", last_name="Invisible")
    full = mentor(energy, far, capacity=1, first_name="Fanny", last_name="Complète")
    Mentorship.objects.create(mentee=member(), mentor=full, theme=energy, goal="…", status=Status.ACCEPTED)
    return {
        "energy": energy,
        "home": home,
        "twin": twin,
        "mentee": mentee,
        "doer": doer,
        "similar": similar,
        "other": other,
        "colleague": colleague,
        "paused": paused,
        "hidden": hidden,
        "full": full,
    }


def test_candidates_are_available_listed_outside_the_organisation_and_explained(scene):
    candidates = selectors.mentor_candidates(mentee=scene["mentee"], theme=scene["energy"])
    assert [c.user_id for c in candidates] == [scene["doer"].pk, scene["similar"].pk, scene["other"].pk]
    assert [c.relevance for c in candidates] == [DONE, SIMILAR, OTHER]
    doer, similar, other = candidates
    assert doer.experiences[0][0] == "Boucle locale Volte Face"
    assert "a publié un retour d'expérience sur Énergie" in doer.reasons
    assert any(
        r.startswith("organisation comparable à la vôtre : même type : Commune") for r in similar.reasons
    )
    assert (
        "jamais sollicité·e auparavant" in other.reasons
        and "0 parrainage en cours sur 2 possibles" in other.reasons
    )


def test_least_recently_asked_first_among_equals(scene):
    energy = scene["energy"]
    second = mentor(energy, OrganisationFactory(association=True), first_name="Seconde", last_name="Autre")
    old = Mentorship.objects.create(
        mentee=member(), mentor=scene["other"], theme=energy, goal="…", status=Status.CLOSED
    )
    Mentorship.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=3))
    ids = [c.user_id for c in selectors.mentor_candidates(mentee=scene["mentee"], theme=energy)]
    assert ids.index(second.pk) < ids.index(scene["other"].pk)  # never asked before the one asked 3 days ago


def test_request_answer_introduction_follow_up_and_closing(client, scene, mailoutbox, settings, commit):
    settings.MAILLAGE_MENTORING = {"EXPIRE_AFTER_DAYS": 14}
    energy, mentee, doer = scene["energy"], scene["mentee"], scene["doer"]
    client.force_login(mentee)
    page = client.get(
        "/parrainages/demander/", {"theme": energy.slug, "objectif": "Monter une boucle locale d'énergie"}
    )
    html = unescape(page.content.decode())
    assert "Pierre Pionnier" in html and "Pourquoi cette personne" in html
    assert (
        "Claire Collègue" not in html
        and "Paul Pause" not in html
        and "Cachée" not in html
        and "Fanny" not in html
    )
    with commit():
        response = client.post(
            "/parrainages/demander/",
            {
                "mentor": doer.pk,
                "theme": energy.slug,
                "objectif": "Monter une boucle locale d'énergie",
                "follow_up_days": 15,
            },
        )
    m = Mentorship.objects.get(mentee=mentee, mentor=doer)
    assert response.status_code == 302 and response["Location"] == f"/parrainages/{m.pk}/"
    assert m.status == Status.REQUESTED and m.mentee_organisation == scene["home"]
    assert "a publié un retour d'expérience sur Énergie" in m.reason
    assert (
        mailoutbox[-1].to == [doer.email]
        and "Gaëlle Villard vous demande un parrainage" in mailoutbox[-1].subject
    )
    # Asking the same person again for the same need is refused, in French.
    again = client.post(
        "/parrainages/demander/",
        {"mentor": doer.pk, "theme": energy.slug, "objectif": "Encore", "follow_up_days": 30},
        follow=True,
    )
    assert "n'est plus disponible pour une nouvelle demande" in unescape(again.content.decode())

    # The mentee cannot answer for the mentor; the mentor accepts.
    assert client.post(f"/parrainages/{m.pk}/repondre/", {"decision": "accepter"}).status_code == 403
    client.force_login(doer)
    with commit():
        client.post(f"/parrainages/{m.pk}/repondre/", {"decision": "accepter", "message": "Avec plaisir !"})
    m.refresh_from_db()
    assert (
        m.status == Status.ACCEPTED and m.follow_up_at.date() == (m.introduced_at + timedelta(days=15)).date()
    )
    intro = mailoutbox[-1]
    # One copy each (the outbox sends one e-mail per recipient); both addresses are in the text.
    assert sorted(m.to[0] for m in mailoutbox[-2:]) == sorted([mentee.email, doer.email])
    assert "Mise en relation : Gaëlle Villard et Pierre Pionnier" in intro.subject
    assert mentee.email in intro.body and doer.email in intro.body and "Avec plaisir !" in intro.body

    # Follow-up: nothing before the delay, once after it, never twice.
    count = len(mailoutbox)
    later = timezone.now() + timedelta(days=16)
    with commit():
        assert services.mentorships_follow_up(now=timezone.now() + timedelta(days=14)) == {
            "sent": 0,
            "expired": 0,
        }
        assert services.mentorships_follow_up(now=later) == {"sent": 1, "expired": 0}
        assert services.mentorships_follow_up(now=later + timedelta(days=1)) == {"sent": 0, "expired": 0}
    # (The outbox also sends what earlier steps queued outside a commit: count the follow-ups only.)
    follow_ups = [m for m in mailoutbox[count:] if "Avez-vous pu échanger ?" in m.subject]
    assert sorted(m.to[0] for m in follow_ups) == sorted([mentee.email, doer.email])
    client.force_login(mentee)
    client.post(f"/parrainages/{m.pk}/echange/", {"exchanged": "yes"})
    m.refresh_from_db()
    assert m.exchanged == "yes"

    # Closing with a note that becomes a draft experience report.
    response = client.post(
        f"/parrainages/{m.pk}/terminer/",
        {"note": "Trois échanges et une visite de la centrale : **merci**.", "as_experience": "on"},
    )
    m.refresh_from_db()
    assert m.status == Status.CLOSED and m.experience is not None
    assert response["Location"] == f"/experiences/{m.experience.slug}/modifier/"
    experience = m.experience
    assert experience.state == State.DRAFT and experience.author == mentee
    assert list(experience.themes.all()) == [energy]
    assert list(experience.organisations.all()) == [scene["home"]]
    assert "Trois échanges" in experience.lessons


def test_declined_withdrawn_and_expired_requests_free_the_place(scene, mailoutbox, commit):
    energy, mentee = scene["energy"], scene["mentee"]
    with commit():
        m = services.mentorship_request(mentee=mentee, mentor=scene["other"], theme=energy, goal="Apprendre")
        services.mentorship_answer(mentorship=m, by=scene["other"], accept=False, message="Pas ce mois-ci.")
    assert mailoutbox[-1].to == [mentee.email] and "Pas ce mois-ci." in mailoutbox[-1].body
    # A mentor who declined is not proposed again for the same need.
    ids = [c.user_id for c in selectors.mentor_candidates(mentee=mentee, theme=energy)]
    assert scene["other"].pk not in ids
    with commit():
        m2 = services.mentorship_request(
            mentee=mentee, mentor=scene["similar"], theme=energy, goal="Apprendre"
        )
        services.mentorship_withdraw(mentorship=m2, by=mentee)
    assert "a retiré sa demande" in mailoutbox[-1].body
    m3 = services.mentorship_request(mentee=mentee, mentor=scene["doer"], theme=energy, goal="Apprendre")
    with commit():
        assert services.mentorships_follow_up(now=timezone.now() + timedelta(days=15)) == {
            "sent": 0,
            "expired": 1,
        }
    m3.refresh_from_db()
    assert m3.status == Status.EXPIRED
    assert "est restée sans réponse" in mailoutbox[-1].subject
    assert services.mentorships_follow_up(now=timezone.now() + timedelta(days=16)) == {
        "sent": 0,
        "expired": 0,
    }


def test_capacity_is_checked_again_when_asking(scene):
    energy, full = scene["energy"], scene["full"]
    with pytest.raises(services.MentoringError, match="n'est plus disponible"):
        services.mentorship_request(mentee=scene["mentee"], mentor=full, theme=energy, goal="Apprendre")
    with pytest.raises(services.MentoringError, match="ne propose pas d'accompagnement sur cette thématique"):
        services.mentorship_request(mentee=scene["mentee"], mentor=member(), theme=energy, goal="Apprendre")


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_never_exceed_a_mentors_capacity():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: SELECT … FOR UPDATE is only meaningful on PostgreSQL.")
    theme = ThemeFactory(name="Sobriété")
    the_mentor = mentor(theme, OrganisationFactory(association=True), capacity=2)
    mentees = [member(OrganisationFactory()) for _ in range(8)]
    outcomes = []

    def request(user):
        try:
            services.mentorship_request(mentee=user, mentor=the_mentor, theme=theme, goal="Apprendre")
            outcomes.append("ok")
        except services.MentoringError:
            outcomes.append("refused")

    run_together(request, mentees)
    assert sorted(outcomes) == ["ok"] * 2 + ["refused"] * 6
    assert Mentorship.objects.filter(mentor=the_mentor, status=Status.REQUESTED).count() == 2


def test_pages_and_permissions(client, scene):
    energy = scene["energy"]
    m = services.mentorship_request(
        mentee=scene["mentee"], mentor=scene["doer"], theme=energy, goal="Apprendre"
    )
    assert client.get("/parrainages/").status_code == 200
    assert client.get("/parrainages/demander/").status_code == 302
    assert client.get(f"/parrainages/{m.pk}/").status_code == 302
    client.force_login(member())
    assert client.get(f"/parrainages/{m.pk}/").status_code == 404  # a pair is private
    assert client.get("/parrainages/suivi/").status_code == 403
    client.force_login(scene["mentee"])
    page = unescape(client.get(f"/parrainages/{m.pk}/").content.decode())
    assert "Retirer ma demande" in page
    assert scene["doer"].email not in page  # addresses only once the mentor accepted
    client.force_login(UserFactory(animator=True))
    coordination = unescape(client.get("/parrainages/suivi/").content.decode())
    assert "Demande en attente de réponse : 1" in coordination
    assert "Gaëlle Villard" in coordination or scene["mentee"].get_full_name() in coordination
    assert client.get("/parrainages/suivi/", {"etat": "closed"}).context["page_obj"].paginator.count == 0
    assert client.get(f"/parrainages/{m.pk}/").status_code == 200  # coordinators follow every pair


def test_offer_requires_a_listed_card_and_checks_capacity(client, scene):
    energy = scene["energy"]
    hidden = member(hidden=True)
    client.force_login(hidden)
    assert "Apparaître dans l'annuaire d'abord" in unescape(
        client.get("/parrainages/proposer/").content.decode()
    )
    volunteer = member(OrganisationFactory())
    client.force_login(volunteer)
    response = client.post(
        "/parrainages/proposer/", {"is_active": "on", "themes": [energy.pk], "capacity": "12"}
    )
    assert "Entre 1 et 10 parrainages en même temps." in unescape(response.content.decode())
    client.post(
        "/parrainages/proposer/",
        {
            "is_active": "on",
            "themes": [energy.pk],
            "capacity": "3",
            "paused_until": "",
            "offer": "J'ai monté une SCIC.",
        },
    )
    profile = MentorProfile.objects.get(user=volunteer)
    assert profile.capacity == 3 and list(profile.themes.all()) == [energy]


def test_command_enqueues_the_daily_pass(db, capsys):
    call_command("mentoring_follow_up")
    assert "mise en file" in capsys.readouterr().out


def test_gdpr_export_and_erase(scene):
    from apps.mentoring import gdpr

    m = services.mentorship_request(
        mentee=scene["mentee"], mentor=scene["doer"], theme=scene["energy"], goal="Apprendre"
    )
    exported = gdpr.user_export(user=scene["doer"])
    assert exported["proposition d'accompagnement"]["thématiques"] == ["Énergie"]
    assert exported["parrainages"][0]["rôle"] == "marraine ou parrain"
    gdpr.user_erase(user=scene["mentee"])
    assert not Mentorship.objects.filter(pk=m.pk).exists()
