"""Issue 15, item 3: every figure of the annual report equals an independent count of the data,
written here as plain Python over all rows (never through apps/reports/figures.py or the cockpit),
for the report's year and for the previous year."""

import datetime
import random
import statistics

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.aids.models import Aid, AidStatus
from apps.cockpit.figures import Period
from apps.directory.models import (
    JoinRequest,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    PersonCategory,
)
from apps.events.models import Audience, Event, EventKind, EventStatus, Registration, RegistrationStatus
from apps.experiences.models import Experience
from apps.experiences.models import State as ExperienceState
from apps.questions.models import Answer, Question
from apps.questions.models import State as QState
from apps.reports import figures
from apps.reports.figures import KIND_GROUP_OF, KIND_GROUPS, previous_period
from apps.resources.models import Resource, ResourceStatus
from tests.aids.factories import AidFactory
from tests.consultations.factories import ActionFactory, ConsultationFactory, ContributionFactory
from tests.directory.factories import JoinRequestFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, RegionFactory, UserFactory
from tests.groups.factories import GroupFactory
from tests.questions.factories import AnswerFactory, QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def set_field(obj, **values):
    type(obj).objects.filter(pk=obj.pk).update(**values)


@pytest.fixture
def network():
    """Two years of varied activity, with rows on both sides of every boundary."""
    rng = random.Random(15)
    regions = [RegionFactory(name="Occitanie"), RegionFactory(name="Bretagne")]
    people = []
    for index in range(14):
        user = UserFactory()
        if index < 12:
            org = OrganisationFactory(
                territory=regions[index % 2],
                type=[OrganisationType.MUNICIPALITY, OrganisationType.EPCI][index % 3 % 2],
            )
            person = PersonFactory(
                user=user, category=[PersonCategory.ELECTED, PersonCategory.STAFF][index % 2]
            )
            MembershipFactory(person=person, organisation=org)
            if index == 0:  # a second organisation: the person still counts once
                MembershipFactory(person=person, organisation=OrganisationFactory(territory=regions[1]))
        people.append(user)
    kinds = [k for k, _ in EventKind.choices]
    for year in (YEAR - 1, YEAR, YEAR + 1):
        for index in range(9):
            start = at(year, 1 + index, 1 + 3 * index)
            event = EventFactory(
                kind=kinds[index % len(kinds)], start=start, end=start + datetime.timedelta(hours=3)
            )
            for user in rng.sample(people, rng.randint(0, 8)):
                RegistrationFactory(
                    event=event,
                    user=user,
                    status=rng.choice([RegistrationStatus.CONFIRMED] * 3 + [RegistrationStatus.WAITING]),
                    attended=rng.choice([True, True, False, None]),
                )
    # Events that never count: cancelled, draft, private group, and one at the year's last second.
    EventFactory(start=at(YEAR, 5, 5), status=EventStatus.CANCELLED, kind=EventKind.WEBINAR)
    EventFactory(start=at(YEAR, 5, 6), status=EventStatus.DRAFT)
    EventFactory(start=at(YEAR, 5, 7), audience=Audience.GROUP, audience_group=GroupFactory())
    late = timezone.make_aware(datetime.datetime(YEAR, 12, 31, 23, 59))
    RegistrationFactory(event=EventFactory(start=late, end=late, kind=EventKind.TRAINING), attended=True)
    # Content.
    for year in (YEAR - 1, YEAR):
        for index in range(3):
            resource = ResourceFactory()
            set_field(
                resource,
                created_at=at(year, 2 + index, 3),
                moderated_at=at(year, 3 + index, 3) if index else None,
            )
            ResourceFactory(suggested=True)
            experience = ExperienceFactory()
            set_field(experience, published_at=at(year, 6, 1 + index))
            aid = AidFactory()
            set_field(aid, created_at=at(year, 4, 1 + index))
            question = QuestionFactory()
            set_field(question, created_at=at(year, 3 + index, 10))
            if index:
                answer = AnswerFactory(question=question)
                set_field(answer, created_at=at(year, 3 + index, 10 + index))
                late_answer = AnswerFactory(question=question)
                set_field(late_answer, created_at=at(year, 3 + index, 20))
        ExperienceFactory(draft=True)
        AidFactory(draft=True)
        consultation = ConsultationFactory(
            opens_on=datetime.date(year, 3, 1), closes_on=datetime.date(year, 4, 1)
        )
        action = ActionFactory(objective__consultation=consultation)
        for _ in range(3):
            ContributionFactory(action=action)
    # Organisations joining.
    for year in (YEAR - 1, YEAR):
        request = JoinRequestFactory()
        set_field(request, status=JoinRequest.Status.APPROVED, decided_at=at(year, 9, 9))
        set_field(request.organisation, status=OrganisationStatus.ACTIVE)
    direct = OrganisationFactory(type=OrganisationType.ASSOCIATION, territory=regions[0])
    set_field(direct, created_at=at(YEAR, 10, 10))
    for user in people[:5]:
        set_field(user, date_joined=at(YEAR, 7, 7))
    set_field(people[5], date_joined=at(YEAR - 1, 7, 7), last_login=at(YEAR, 8, 8))
    return {"people": people, "regions": regions}


def _in(value, year):
    return value is not None and timezone.localtime(value).year == year


def independent(year):
    """The report's figures for a calendar year, counted by hand."""
    held = [
        e
        for e in Event.objects.all()
        if e.status == EventStatus.PUBLISHED and e.audience != Audience.GROUP and _in(e.start, year)
    ]
    regs = [r for r in Registration.objects.all() if r.event_id in {e.pk for e in held}]
    confirmed = [r for r in regs if r.status == RegistrationStatus.CONFIRMED]
    present = [r for r in confirmed if r.attended is True]
    by_kind = {label: [0, 0, 0] for label, _ in KIND_GROUPS}
    for event in held:
        by_kind[KIND_GROUP_OF[event.kind]][0] += 1
    for r in confirmed:
        by_kind[KIND_GROUP_OF[r.event.kind]][1] += 1
        by_kind[KIND_GROUP_OF[r.event.kind]][2] += r.attended is True
    attendees = {r.user_id for r in present}
    categories, regions = {}, {}
    for user_id in attendees:
        person = getattr(User.objects.get(pk=user_id), "person", None)
        label = person.get_category_display() if person else "Non renseigné"
        categories[label] = categories.get(label, 0) + 1
        first = person.memberships.order_by("pk").first() if person else None
        region = first.organisation.region.name if first and first.organisation.region else "Non renseigné"
        regions[region] = regions.get(region, 0) + 1
    questions = [
        q
        for q in Question.objects.all()
        if q.group_id is None and q.state == QState.PUBLISHED and _in(q.created_at, year)
    ]
    delays = []
    for q in questions:
        answers = [a.created_at for a in Answer.objects.filter(question=q) if a.state == QState.PUBLISHED]
        if answers:
            delays.append(min(answers) - q.created_at)
    return {
        "events": len(held),
        "registrations": len(confirmed),
        "present": len(present),
        "attendees": len(attendees),
        "by_kind": {label: tuple(v) for label, v in by_kind.items()},
        "categories": categories,
        "regions": regions,
        "resources": sum(
            1
            for r in Resource.objects.all()
            if r.status == ResourceStatus.PUBLISHED and _in(r.moderated_at or r.created_at, year)
        ),
        "experiences": sum(
            1
            for x in Experience.objects.all()
            if x.state == ExperienceState.PUBLISHED and _in(x.published_at, year)
        ),
        "aids": sum(
            1 for a in Aid.objects.all() if a.status == AidStatus.PUBLISHED and _in(a.created_at, year)
        ),
        "questions": len(questions),
        "answered": len(delays),
        "median": statistics.median(delays) if delays else None,
    }


def test_activity_equals_independent_counts(network):
    for year in (YEAR, YEAR - 1):
        period = Period(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
        got = figures.activity(period)
        want = independent(year)
        assert got.events == want["events"] > 0
        assert got.registrations == want["registrations"]
        assert got.present == want["present"]
        assert got.attendees == want["attendees"]
        assert {row.label: (row.events, row.registrations, row.present) for row in got.by_kind} == want[
            "by_kind"
        ]
        assert dict(got.present_by_category) == want["categories"]
        assert dict(got.present_by_region) == want["regions"]
        assert got.resources == want["resources"]
        assert got.experiences == want["experiences"]
        assert got.aids == want["aids"]
        assert got.questions == want["questions"] and got.questions_answered == want["answered"]
        assert got.median_answer == want["median"]
        assert got.consultations == 1 and got.contributions == 3 and got.contributing_organisations == 3


def _joined(year):
    return [
        o
        for o in Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        if (
            (
                approved := [
                    j.decided_at
                    for j in JoinRequest.objects.filter(
                        organisation=o, status="approved", kind="organisation"
                    )
                ]
            )
            and _in(max(approved), year)
        )
        or (not approved and _in(o.created_at, year))
    ]


def _active(year):
    # Activity: the last login, or a dated record of one of the cockpit's activity sources.
    from apps.cockpit.figures import ACTIVITY_SOURCES

    active = {u.pk for u in User.objects.all() if _in(u.last_login, year)}
    for source in ACTIVITY_SOURCES:
        for row in source.model.objects.all():
            user_id = getattr(row, f"{source.user_field}_id")
            if user_id and _in(getattr(row, source.date_field), year):
                active.add(user_id)
    return {pk for pk in active if User.objects.get(pk=pk).is_active}


def test_growth_equals_independent_counts(network):
    period = Period(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
    got = figures.growth(period)
    joined = _joined(YEAR)
    assert got.organisations == len(joined)
    types = {}
    for org in joined:
        types[org.get_type_display()] = types.get(org.get_type_display(), 0) + 1
    assert dict(got.organisations_by_type) == types
    assert got.accounts == sum(
        1 for u in User.objects.all() if _in(u.date_joined, YEAR) and u.is_active and u.email_verified_at
    )
    active = _active(YEAR)
    assert network["people"][5].pk in active and network["people"][0].pk not in active
    assert got.active == len(active)


def test_growth_by_departement_equals_independent_counts(network):
    """The map's figures: organisations that joined, by their département; active members, by
    the département of their first organisation; the rest counted apart."""
    from collections import Counter

    from apps.directory.models import Membership
    from tests.factories import CommuneFactory, DepartementFactory

    occitanie, bretagne = network["regions"]
    herault = DepartementFactory(name="Hérault", code="34", region=occitanie)
    finistere = DepartementFactory(name="Finistère", code="29", region=bretagne)
    for index, departement in enumerate([herault, herault, finistere, finistere]):
        commune = CommuneFactory(epci=None, departement=departement, region=departement.region)
        organisation = OrganisationFactory(territory=commune, type=OrganisationType.MUNICIPALITY)
        set_field(organisation, created_at=at(YEAR - index % 2, 3, 1 + index))
        user = UserFactory()
        set_field(user, last_login=at(YEAR, 4, 4 + index))
        MembershipFactory(person=PersonFactory(user=user), organisation=organisation)
    # An active person whose first organisation has no département (a région) and the second has
    # one: counted apart, by the first.
    MembershipFactory(person=network["people"][5].person, organisation=OrganisationFactory(territory=commune))
    period = Period(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31))
    got = figures.growth(period)

    organisations = Counter(o.departement.code for o in _joined(YEAR) if o.departement_id)
    active = Counter()
    for pk in _active(YEAR):
        first = (
            Membership.objects.filter(person__user_id=pk, person__is_removed=False)
            .select_related("organisation__departement")
            .order_by("pk")
            .first()
        )
        if first is not None and first.organisation.departement_id:
            active[first.organisation.departement.code] += 1
    want = {code: (organisations.get(code, 0), active.get(code, 0)) for code in {*organisations, *active}}
    assert {row.code: (row.organisations, row.active) for row in got.by_departement} == want
    assert want["34"][0] >= 1 and want["29"][1] >= 2
    assert got.organisations_elsewhere == got.organisations - sum(organisations.values()) > 0
    assert got.active_elsewhere == got.active - sum(active.values()) > 0
    assert [row.name for row in got.by_departement if row.code == "34"] == ["Hérault"]


def test_previous_period_of_a_year_is_the_previous_year():
    period = Period(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
    assert previous_period(period) == Period(start=datetime.date(2024, 1, 1), end=datetime.date(2024, 12, 31))
    spring = Period(start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
    assert previous_period(spring) == Period(start=datetime.date(2025, 1, 29), end=datetime.date(2025, 2, 28))


def test_comparison_rows(network):
    current = figures.report_figures(Period(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)))
    previous = figures.report_figures(
        Period(start=datetime.date(YEAR - 1, 1, 1), end=datetime.date(YEAR - 1, 12, 31))
    )
    rows = {row.label: row for row in figures.comparison(current, previous)}
    assert rows["Événements"].current == independent(YEAR)["events"]
    assert rows["Événements"].previous == independent(YEAR - 1)["events"]
    assert figures.Comparison("x", 12, 10).change == "+20 %"
    assert figures.Comparison("x", 5, 0).change == "nouveau"
    assert figures.Comparison("x", 0, 0).change == "="


def test_letters_sent_in_the_period():
    from apps.mailing.models import Delivery, Edition, EditionStatus, Message
    from apps.mailing.models import Status as DeliveryStatus

    def edition(sent_at, status=EditionStatus.SENT, copies=0):
        message = Message.objects.create(subject="Lettre", text="…")
        item = Edition.objects.create(
            title="Lettre",
            slug=f"lettre-{Edition.objects.count()}",
            period_start=sent_at,
            period_end=sent_at,
            status=status,
            sent_at=sent_at if status == EditionStatus.SENT else None,
            message=message,
        )
        for index in range(copies):
            Delivery.objects.create(
                message=message,
                address=f"p{index}@exemple.test",
                status=DeliveryStatus.SENT if index else DeliveryStatus.FAILED,
                next_attempt_at=sent_at,
            )
        return item

    edition(at(YEAR, 3, 3), copies=4)
    edition(at(YEAR, 9, 3), copies=2)
    edition(at(YEAR - 1, 9, 3), copies=5)
    edition(at(YEAR, 10, 3), status=EditionStatus.DRAFT)
    got = figures.activity(Period(start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)))
    assert got.letters == 2 and got.letter_deliveries == 3 + 1
