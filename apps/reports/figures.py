"""The figures of the annual activity report, computed from the data at each render (never stored
with the report: only the coordinator's texts are). Definitions reuse the cockpit's
(apps/cockpit/figures.py): a figure means the same thing on both pages. Content of private
groups is never counted. Every figure is checked against an independent count in
tests/reports/test_figures.py."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce

from apps.aids.models import Aid, AidStatus
from apps.cockpit.consultations import participation
from apps.cockpit.figures import (
    Period,
    accounts_opened,
    active_accounts,
    events_held,
    in_period,
    median_first_answer,
    network_questions,
    organisations_joined,
    questions_answered,
)
from apps.directory.models import Membership, OrganisationType, Person, PersonCategory
from apps.evaluations.models import Survey, SurveyStatus
from apps.events.models import EventKind, Registration, RegistrationStatus
from apps.experiences.models import Experience
from apps.experiences.models import State as ExperienceState
from apps.mailing.models import Delivery, Edition
from apps.mailing.models import Status as DeliveryStatus
from apps.resources.models import Resource, ResourceStatus
from apps.territories.models import Territory

# The kinds of the report, as a funder reads them; every EventKind belongs to one.
KIND_GROUPS: list[tuple[str, tuple[str, ...]]] = [
    ("Journées de rencontre", (EventKind.MEETING, EventKind.ANNUAL_DAY, EventKind.PEER_SESSION)),
    ("Webinaires", (EventKind.WEBINAR, EventKind.FLASH_WEBINAR)),
    ("Formations", (EventKind.TRAINING,)),
    ("Visites de terrain", (EventKind.SITE_VISIT,)),
    ("Ateliers", (EventKind.WORKSHOP,)),
    ("Autres", (EventKind.OTHER,)),
]
KIND_GROUP_OF = {kind: label for label, kinds in KIND_GROUPS for kind in kinds}
UNKNOWN = "Non renseigné"


def previous_period(period: Period) -> Period:
    """The period of the same length that ends the day before (the previous year for a year)."""
    if (
        period.start.month == 1
        and period.start.day == 1
        and period.end == period.start.replace(month=12, day=31)
    ):
        year = period.start.year - 1
        return Period(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
    length = period.end - period.start
    end = period.start - datetime.timedelta(days=1)
    return Period(start=end - length, end=end)


@dataclass
class KindRow:
    label: str
    events: int = 0
    registrations: int = 0  # confirmed
    present: int = 0  # marked present
    recorded: int = 0  # events whose attendance was recorded


@dataclass
class Activity:
    events: int = 0
    registrations: int = 0
    present: int = 0
    attendees: int = 0  # distinct people marked present at least once
    events_recorded: int = 0
    by_kind: list[KindRow] = field(default_factory=list)
    present_by_category: list[tuple[str, int]] = field(default_factory=list)  # distinct people
    present_by_region: list[tuple[str, int]] = field(default_factory=list)  # distinct people
    resources: int = 0
    experiences: int = 0
    questions: int = 0
    questions_answered: int = 0
    median_answer: datetime.timedelta | None = None
    consultations: int = 0
    contributions: int = 0
    contributing_organisations: int = 0
    aids: int = 0
    letters: int = 0  # editions of the network's letter sent
    letter_deliveries: int = 0  # copies delivered (one per recipient)


@dataclass
class DepartementRow:
    code: str  # COG code, as in the map outline (static/maillage/geo/france.json)
    name: str
    organisations: int = 0  # organisations that joined the network in the period
    active: int = 0  # active members (people), in the département of their first organisation


@dataclass
class Growth:
    organisations: int = 0
    organisations_by_type: list[tuple[str, int]] = field(default_factory=list)
    organisations_by_region: list[tuple[str, int]] = field(default_factory=list)
    accounts: int = 0
    active: int = 0
    # For the map: départements with a new organisation or an active member, by code; the rest
    # (régions and national bodies, people without an organisation) are counted apart.
    by_departement: list[DepartementRow] = field(default_factory=list)
    organisations_elsewhere: int = 0
    active_elsewhere: int = 0


@dataclass
class ReportFigures:
    period: Period
    activity: Activity
    growth: Growth
    surveys: list[Survey]
    computed_at: datetime.datetime


def _labelled(counter: Counter, labels: dict[str, str]) -> list[tuple[str, int]]:
    rows = [(labels.get(key, UNKNOWN) if key else UNKNOWN, count) for key, count in counter.items() if count]
    return sorted(rows, key=lambda row: (-row[1], row[0]))


def _region_names(ids) -> dict:
    return dict(Territory.objects.filter(pk__in=[i for i in ids if i]).values_list("pk", "name"))


def _people_profile(user_ids: set[int], users: QuerySet) -> tuple[Counter, Counter]:
    """Category and region (their first organisation's) of each person, counted once. `users` is
    the same set as a subquery: the database never receives tens of thousands of parameters."""
    categories: Counter = Counter()
    regions: Counter = Counter()
    seen: set[int] = set()
    rows = (
        Membership.objects.filter(person__user_id__in=users, person__is_removed=False)
        .order_by("person__user_id", "pk")
        .values_list("person__user_id", "person__category", "organisation__region_id")
    )
    for user_id, category, region_id in rows.iterator(chunk_size=5000):
        if user_id not in seen:
            seen.add(user_id)
            categories[category] += 1
            regions[region_id] += 1
    # People with a card but no organisation, then accounts without a card.
    for user_id, category in Person.objects.filter(user_id__in=users, is_removed=False).values_list(
        "user_id", "category"
    ):
        if user_id not in seen:
            seen.add(user_id)
            categories[category] += 1
            regions[None] += 1
    missing = len(user_ids - seen)
    categories[""] += missing
    regions[None] += missing
    return categories, regions


def activity(period: Period) -> Activity:
    result = Activity()
    groups = {label: KindRow(label) for label, _ in KIND_GROUPS}
    for event in events_held(period).only("pk", "kind"):
        row = groups[KIND_GROUP_OF.get(event.kind, "Autres")]
        row.events += 1
        row.registrations += event.confirmed
        row.present += event.attended_count
        row.recorded += 1 if event.attendance_recorded else 0
    result.by_kind = list(groups.values())
    result.events = sum(row.events for row in result.by_kind)
    result.registrations = sum(row.registrations for row in result.by_kind)
    result.present = sum(row.present for row in result.by_kind)
    result.events_recorded = sum(row.recorded for row in result.by_kind)
    present = Registration.objects.filter(
        event__in=events_held(period).values("pk"), status=RegistrationStatus.CONFIRMED, attended=True
    )
    present_users = set(present.values_list("user_id", flat=True))
    result.attendees = len(present_users)
    categories, regions = _people_profile(present_users, present.values("user_id"))
    result.present_by_category = _labelled(categories, dict(PersonCategory.choices))
    result.present_by_region = _labelled(regions, _region_names(regions))

    result.resources = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED)
        .annotate(published_on=Coalesce("moderated_at", "created_at"))
        .filter(in_period("published_on", period))
        .count()
    )
    result.experiences = Experience.objects.filter(
        in_period("published_at", period), state=ExperienceState.PUBLISHED
    ).count()
    result.questions = network_questions(period).count()
    result.questions_answered = questions_answered(period).count()
    result.median_answer = median_first_answer(period)
    rows = participation(period)
    result.consultations = len(rows)
    result.contributions = sum(row.contributions for row in rows)
    result.contributing_organisations = sum(row.contributing for row in rows)
    result.aids = (
        Aid.objects.filter(status=AidStatus.PUBLISHED).filter(in_period("created_at", period)).count()
    )
    sent = Edition.objects.sent().filter(in_period("sent_at", period))
    result.letters = sent.count()
    result.letter_deliveries = Delivery.objects.filter(
        message__edition__in=sent.values("pk"), status=DeliveryStatus.SENT
    ).count()
    return result


def _people_departements(users: QuerySet) -> Counter:
    """{département id (None: none): people of `users`}, each in the département of their first
    organisation (the rule of the attendees' regions), counted once."""
    counts: Counter = Counter()
    seen: set[int] = set()
    rows = (
        Membership.objects.filter(person__user_id__in=users, person__is_removed=False)
        .order_by("person__user_id", "pk")
        .values_list("person__user_id", "organisation__departement_id")
    )
    for user_id, departement_id in rows.iterator(chunk_size=5000):
        if user_id not in seen:
            seen.add(user_id)
            counts[departement_id] += 1
    return counts


def _by_departement(result: Growth, organisations: Counter, people: Counter, active: int) -> None:
    ids = [key for key in (*organisations, *people) if key]
    places = {
        pk: (code, name)
        for pk, code, name in Territory.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    }
    rows: dict[str, DepartementRow] = {}
    for key, n in organisations.items():
        if key in places and n:
            code, name = places[key]
            rows.setdefault(code, DepartementRow(code, name)).organisations += n
    for key, n in people.items():
        if key in places and n:
            code, name = places[key]
            rows.setdefault(code, DepartementRow(code, name)).active += n
    result.by_departement = sorted(rows.values(), key=lambda row: row.code)
    result.organisations_elsewhere = result.organisations - sum(row.organisations for row in rows.values())
    result.active_elsewhere = active - sum(row.active for row in rows.values())


def growth(period: Period) -> Growth:
    result = Growth()
    joined = organisations_joined(period).order_by()
    # One grouped query for the three breakdowns (the set of organisations is costly to compute).
    by_type: Counter = Counter()
    by_region: Counter = Counter()
    by_departement: Counter = Counter()
    for kind, region_id, departement_id, n in (
        joined.values_list("type", "region_id", "departement_id")
        .annotate(n=Count("pk"))
        .values_list("type", "region_id", "departement_id", "n")
    ):
        by_type[kind] += n
        by_region[region_id] += n
        by_departement[departement_id] += n
    result.organisations = sum(by_type.values())
    result.organisations_by_type = _labelled(by_type, dict(OrganisationType.choices))
    result.organisations_by_region = _labelled(by_region, _region_names(by_region))
    result.accounts = accounts_opened(period).count()
    active = active_accounts(period.start_dt, period.end_dt)
    result.active = active.count()
    people = _people_departements(active.order_by().values("pk"))
    _by_departement(result, by_departement, people, result.active)
    return result


def surveys_of(period: Period) -> list[Survey]:
    """The members' evaluations closed (or closing) within the period."""
    return list(
        Survey.objects.filter(
            status=SurveyStatus.PUBLISHED, closes_on__gte=period.start, closes_on__lte=period.end
        ).order_by("closes_on", "pk")
    )


def report_figures(period: Period) -> ReportFigures:
    from django.utils import timezone

    return ReportFigures(
        period=period,
        activity=activity(period),
        growth=growth(period),
        surveys=surveys_of(period),
        computed_at=timezone.now(),
    )


@dataclass
class Comparison:
    label: str
    current: float | None
    previous: float | None
    unit: str = ""

    @property
    def change(self) -> str:
        if self.current is None or self.previous is None:
            return "—"
        if not self.previous:
            return "nouveau" if self.current else "="
        percent = round(100 * (self.current - self.previous) / self.previous)
        return f"{percent:+d} %".replace("+0 %", "=").replace("-0 %", "=")


def _days(delay: datetime.timedelta | None) -> float | None:
    return None if delay is None else round(delay.total_seconds() / 86400, 1)


def comparison(current: ReportFigures, previous: ReportFigures) -> list[Comparison]:
    a, b = current.activity, previous.activity
    g, h = current.growth, previous.growth
    rows = [
        Comparison("Événements", a.events, b.events),
        Comparison("Inscriptions confirmées", a.registrations, b.registrations),
        Comparison("Présences relevées", a.present, b.present),
        Comparison("Personnes venues au moins une fois", a.attendees, b.attendees),
        Comparison("Ressources publiées", a.resources, b.resources),
        Comparison("Retours d'expérience publiés", a.experiences, b.experiences),
        Comparison("Questions posées au réseau", a.questions, b.questions),
        Comparison("Questions qui ont reçu une réponse", a.questions_answered, b.questions_answered),
        Comparison(
            "Délai médian de première réponse", _days(a.median_answer), _days(b.median_answer), "jours"
        ),
        Comparison("Consultations ouvertes", a.consultations, b.consultations),
        Comparison("Contributions aux consultations", a.contributions, b.contributions),
        Comparison("Aides référencées", a.aids, b.aids),
        Comparison("Lettres du réseau envoyées", a.letters, b.letters),
        Comparison("Organisations qui ont rejoint le réseau", g.organisations, h.organisations),
        Comparison("Comptes ouverts", g.accounts, h.accounts),
        Comparison("Membres actifs sur la période", g.active, h.active),
    ]
    return rows
