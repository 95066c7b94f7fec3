"""Meeting formats of an event: permissions, the coordinator's path (registrants → plan → absences
→ regeneration keeping rounds held → printing) and each participant's itinerary."""

import subprocess
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest

from apps.events.models import Audience
from apps.rotations import services
from apps.rotations.models import Participant, RotationPlan, Seat
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import (
    DepartementFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    UserFactory,
)
from tests.groups.factories import GroupFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")
CATEGORIES = ["elected", "staff", "partner", "state", "other"]


@pytest.fixture
def day():
    """The ADEME regional network's meeting day, 24 people registered from 16 organisations."""
    organiser = OrganisationFactory(name="ADEME Occitanie")
    animator = UserFactory(animator=True)
    event = EventFactory(
        title="Journée de rencontre du réseau",
        kind="meeting",
        organisers=[organiser],
        online_url="",
        place_name="Salle des fêtes",
        start=datetime(2027, 4, 28, 9, 30, tzinfo=PARIS),
        end=datetime(2027, 4, 28, 17, 30, tzinfo=PARIS),
    )
    departements = [DepartementFactory(code=f"{30 + i}") for i in range(4)]
    organisations = [
        OrganisationFactory(name=f"Collectivité {i}", territory__departement=departements[i % 4])
        for i in range(16)
    ]
    users = []
    for i in range(24):
        user = UserFactory(first_name=f"Prénom{i}", last_name=f"Nom{i}")
        person = PersonFactory(
            user=user, category=CATEGORIES[i % 5], first_name=f"Prénom{i}", last_name=f"Nom{i}"
        )
        MembershipFactory(person=person, organisation=organisations[i % 16])
        RegistrationFactory(event=event, user=user)
        users.append(user)
    RegistrationFactory(event=event, status="waiting")  # not confirmed: not in the plan
    return {"event": event, "animator": animator, "users": users, "organisations": organisations}


def base(event):
    return f"/agenda/{event.slug}/rotations/"


def plan_of(day, *, title="Speed dating", format="speed_dating", tables=12, seats=2, rounds=4, **extra):
    """A plan of the day's event created by the animator (speed dating, 12 tables of 2, 4 rounds)."""
    return services.plan_create(
        event=day["event"],
        by=day["animator"],
        title=title,
        format=format,
        tables=tables,
        seats=seats,
        rounds=rounds,
        **extra,
    )


def test_permissions(client, day):
    event = day["event"]
    assert client.get(base(event)).status_code == 302  # login first
    client.force_login(day["users"][0])
    assert client.get(base(event)).status_code == 403  # a participant does not plan
    referent = UserFactory()
    MembershipFactory(
        person=PersonFactory(user=referent), organisation=event.organisers.first(), referent=True
    )
    client.force_login(referent)
    assert client.get(base(event)).status_code == 200  # the organiser's référent·e does
    client.force_login(day["animator"])
    assert client.get(base(event)).status_code == 200
    # A private group's event does not exist for outsiders, animators included.
    group_event = EventFactory(audience=Audience.GROUP, audience_group=GroupFactory(closed=True))
    assert client.get(base(group_event)).status_code == 404
    plan = plan_of(day)
    other = EventFactory()
    # A plan is only reachable under its own event.
    assert client.get(f"/agenda/{other.slug}/rotations/{plan.pk}/").status_code == 404


def test_coordinator_plans_prints_and_regenerates(client, day):
    event = day["event"]
    client.force_login(day["animator"])
    page = client.get(base(event) + "nouveau/?format=speed_dating")
    assert page.status_code == 200
    response = client.post(
        base(event) + "nouveau/",
        {
            "title": "Speed dating du matin",
            "format": "speed_dating",
            "tables": "6",
            "seats": "4",
            "rounds": "4",
            "round_minutes": "8",
            "break_minutes": "2",
            "starts_at": "2027-04-28T10:30",
            "table_labels": "Mobilité\nAlimentation",
        },
    )
    plan = RotationPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == base(event) + f"{plan.pk}/participants/"
    assert plan.participants.count() == 24  # the confirmed registrants
    assert plan.starts_at == datetime(2027, 4, 28, 10, 30, tzinfo=PARIS)
    detail = base(event) + f"{plan.pk}/"
    response = client.post(detail + "calculer/", follow=True)
    assert "Plan calculé" in unescape(response.content.decode())
    plan.refresh_from_db()
    assert plan.metrics["repeats"] == 0 and plan.metrics["same_organisation_pairs"] == 0
    assert Seat.objects.filter(plan=plan).count() == 24 * 4
    html = unescape(client.get(detail).content.decode())
    assert "Table 1 — Mobilité" in html and "10h30 à 10h38" in html and "10h40 à 10h48" in html
    assert "Rencontres répétées" in html

    # Two rounds held, then two people leave and one arrives: the two rounds stay as they were.
    client.post(detail + "tours-joues/", {"rounds_done": "2"})
    held = set(Seat.objects.filter(plan=plan, round__lte=2).values_list("participant_id", "round", "table"))
    leaving = list(plan.participants.order_by("pk")[:2])
    for person in leaving:
        client.post(detail + "participants/", {"action": "absent", "participant": person.pk})
    client.post(
        detail + "participants/",
        {
            "action": "ajouter",
            "name": "Arrivée Tardive",
            "organisation_name": "Collectivité 3",
            "category": "elected",
        },
    )
    client.post(detail + "calculer/")
    assert (
        set(Seat.objects.filter(plan=plan, round__lte=2).values_list("participant_id", "round", "table"))
        == held
    )
    late = Participant.objects.get(name="Arrivée Tardive")
    assert late.organisation == day["organisations"][3]  # recognised in the directory
    assert list(late.seats.values_list("round", flat=True)) == [3, 4]
    assert not Seat.objects.filter(participant__in=leaving, round__gt=2).exists()
    plan.refresh_from_db()
    assert plan.metrics["kept_rounds"] == 2 and plan.metrics["repeats"] == 0

    # Printing: one page per present person, one per table.
    pdf = client.get(detail + "itineraires.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdftotext(pdf.content)
    assert text.count("\f") == 23  # 24 - 2 absent + 1 arrival, one page each
    assert "Arrivée Tardive" in text and "Table 1 — Mobilité" in text
    tables = pdftotext(client.get(detail + "tables.pdf").content)
    assert tables.count("\f") == 6 and "Tour 4" in tables


def pdftotext(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_participant_sees_their_itinerary_once_published(client, day):
    event = day["event"]
    plan = plan_of(
        day,
        title="World café",
        format="world_cafe",
        tables=4,
        seats=7,
        rounds=3,
        starts_at=datetime(2027, 4, 28, 14, 0, tzinfo=PARIS),
        table_labels="Sobriété\nMobilité rurale\nAlimentation\nAdaptation",
    )
    services.participants_from_registrations(plan=plan)
    hosts = list(plan.participants.order_by("pk")[:4])
    for table, host in enumerate(hosts, start=1):
        services.participant_set_host(participant=host, table=table)
    result = services.plan_generate(plan=plan)
    # 4 tables of 6 for 3 rounds: some repeats cannot be avoided (pigeonhole), none beyond reason.
    assert 16 == result.metrics.repeats_lower_bound <= result.metrics.repeats <= 24
    me = plan.participants.exclude(pk__in=[h.pk for h in hosts]).first()
    client.force_login(me.user)
    assert "Votre itinéraire" not in client.get(event.get_absolute_url()).content.decode()
    services.plan_publish(plan=plan, published=True)
    html = unescape(client.get(event.get_absolute_url()).content.decode())
    assert "Votre itinéraire — World café" in html
    assert "Tour 1 (14h00–14h10)" in html and "Tour 2 (14h12–14h22)" in html
    assert "hôte : " in html
    # Hosts stay at their table for every round; the others never hear a table's question twice.
    for host in hosts:
        assert set(host.seats.values_list("table", flat=True)) == {host.host_table}
    for visitor in plan.participants.filter(host_table__isnull=True):
        assert len(set(visitor.seats.values_list("table", flat=True))) == 3
    # Someone not in the plan sees nothing; the planner link is for editors only.
    client.force_login(UserFactory())
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Votre itinéraire" not in html and "plans de tables" not in html
    client.force_login(day["animator"])
    assert "plans de tables" in client.get(event.get_absolute_url()).content.decode()


def test_errors_are_french_and_never_500(client, day):
    event = day["event"]
    client.force_login(day["animator"])
    response = client.post(
        base(event) + "nouveau/",
        {
            "title": "",
            "format": "speed_dating",
            "tables": "0",
            "seats": "1",
            "rounds": "99",
            "round_minutes": "8",
            "break_minutes": "1",
        },
    )
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Donnez un intitulé" in html
    assert "Nombre de tables : entre 1 et 200." in html
    assert "Places par table : entre 2 et 30." in html
    assert "Nombre de tours : entre 1 et 30." in html
    plan = plan_of(day, title="Trop petit", tables=2, rounds=2)
    services.participants_from_registrations(plan=plan)
    response = client.post(base(event) + f"{plan.pk}/calculer/", follow=True)
    assert "24 participant·es pour 2 tables de 2 places : il manque 20 places" in unescape(
        response.content.decode()
    )
    response = client.post(
        base(event) + f"{plan.pk}/participants/",
        {"action": "hote", "participant": plan.participants.first().pk, "table": "9"},
        follow=True,
    )
    assert "Choisissez une table entre 1 et 2." in unescape(response.content.decode())
    response = client.post(base(event) + f"{plan.pk}/publier/", {"publier": "1"}, follow=True)
    assert "Calculez le plan avant de le montrer" in unescape(response.content.decode())
    assert client.get(base(event) + f"{plan.pk}/itineraires.pdf").status_code == 302


def test_import_rows_are_checked_line_by_line(day):
    plan = plan_of(day, tables=4, seats=4, rounds=3)
    headers = ["Prénom", "Nom", "Organisation", "Catégorie", "Département", "Courriel", "Table animée"]
    rows = [
        (2, ["Céline", "Coubard", "PHARES", "Partenaire", "93", "celine@exemple.test", ""]),
        (3, ["Jean", "Dupont", "Collectivité 1", "élus", "", "", "2"]),
        (4, ["", "", "", "", "", "", ""]),
        (5, ["Ana", "Martin", "", "Inconnue", "999", "pas-une-adresse", "7"]),
        (6, ["Paul", "Durand", "", "", "", "", "2"]),
    ]
    DepartementFactory(code="93")
    report = services.participants_import(plan=plan, headers=headers, rows=rows)
    assert report.errors == [
        "Ligne 5 : catégorie « Inconnue » inconnue (attendu : Élu·e, Agent·e / technicien·ne, Partenaire, Services de l'État, Autre).",
        "Ligne 5 : département « 999 » inconnu (code attendu, par exemple 74).",
        "Ligne 5 : « 7 » n'est pas un numéro de table entre 1 et 4.",
        "Ligne 5 : adresse électronique « pas-une-adresse » invalide.",
        "Ligne 6 : la table 2 est déjà animée par Jean Dupont.",
    ]
    assert plan.participants.count() == 0  # all or nothing
    report = services.participants_import(plan=plan, headers=headers, rows=rows[:3])
    assert report.errors == []
    jean = plan.participants.get(name="Jean Dupont")
    assert (jean.category, jean.host_table, jean.organisation) == ("elected", 2, day["organisations"][1])
    celine = plan.participants.get(name="Céline Coubard")
    assert (celine.category, celine.departement, celine.email) == ("partner", "93", "celine@exemple.test")
    missing = services.participants_parse(plan=plan, headers=["Organisation"], rows=[(2, ["X"])])
    assert missing.errors == [
        "Colonne du nom introuvable : nommez-la « Nom » (et « Prénom »), ou « Nom complet »."
    ]


def test_query_count_of_the_plan_page_does_not_grow(client, day, django_assert_max_num_queries):
    event = day["event"]
    plan = plan_of(day)
    services.participants_from_registrations(plan=plan)
    services.plan_generate(plan=plan)
    client.force_login(day["animator"])
    with django_assert_max_num_queries(14):
        assert client.get(base(event) + f"{plan.pk}/").status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(base(event) + f"{plan.pk}/participants/").status_code == 200
