"""Every figure of the cockpit equals an independent count of the database (written here with
plain filters, not through apps.cockpit.figures), and equals the length of the list behind it."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.cockpit import figures
from apps.cockpit.figures import FIGURE_LISTS, Period, dashboard
from apps.consultations.models import Audience as ConsultationAudience
from apps.consultations.models import ContributionComment
from apps.directory.models import JoinRequest, Organisation, OrganisationStatus
from apps.events.models import Audience as EventAudience
from apps.events.models import Event, EventStatus, Registration, RegistrationStatus
from apps.experiences.models import Experience, State
from apps.questions.models import Answer, Question
from apps.questions.models import State as QState
from tests.aids.factories import AidFactory
from tests.cockpit.conftest import ago, backdate
from tests.consultations.factories import (
    ActionFactory,
    ConsultationFactory,
    ContributionFactory,
    ObjectiveFactory,
)
from tests.events.factories import EventFactory, RegistrationFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.groups.factories import GroupFactory
from tests.questions.factories import AnswerFactory, QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def period():
    today = timezone.localdate()
    return Period(start=today - datetime.timedelta(days=59), end=today, unanswered_days=7)


def figure_value(board, key):
    for _, figure in board.all_figures():
        if figure.key == key:
            return figure.value
    raise KeyError(key)


def number(text: str) -> int:
    return int(text.replace("\u202f", ""))


# --------------------------------------------------------------------------- members


def test_organisations_joined_counts_approvals_and_direct_members_in_the_period(period):
    direct = OrganisationFactory()  # created today, active: joined today
    old = OrganisationFactory()
    backdate(old, days=400)  # joined long ago
    approved = OrganisationFactory(pending=True)
    backdate(approved, days=400)  # applied long ago…
    request = JoinRequest.objects.create(
        organisation=approved, requested_by=UserFactory(), kind=JoinRequest.Kind.ORGANISATION
    )
    Organisation.objects.filter(pk=approved.pk).update(status=OrganisationStatus.ACTIVE)
    JoinRequest.objects.filter(pk=request.pk).update(status=JoinRequest.Status.APPROVED, decided_at=ago(10))
    approved_before = OrganisationFactory()
    before = JoinRequest.objects.create(
        organisation=approved_before, requested_by=UserFactory(), kind=JoinRequest.Kind.ORGANISATION
    )
    JoinRequest.objects.filter(pk=before.pk).update(status=JoinRequest.Status.APPROVED, decided_at=ago(200))
    OrganisationFactory(pending=True)
    OrganisationFactory(status=OrganisationStatus.REFUSED)

    # Independent count: approvals decided in the period, plus active organisations created in the
    # period without any approved application.
    approvals = JoinRequest.objects.filter(
        kind="organisation",
        status="approved",
        decided_at__gte=period.start_dt,
        decided_at__lt=period.end_dt,
        organisation__status="active",
    ).count()
    direct_members = (
        Organisation.objects.filter(status="active", created_at__gte=period.start_dt)
        .exclude(join_requests__status="approved", join_requests__kind="organisation")
        .count()
    )
    assert approvals + direct_members == 2
    board = dashboard(period)
    assert number(figure_value(board, "organisations")) == 2
    listed = set(FIGURE_LISTS["organisations"].rows(period).values_list("pk", flat=True))
    assert listed == {direct.pk, approved.pk}
    # The monthly series adds up to the same figure.
    assert sum(value for _, value in board.series[0].points) == 2


def test_accounts_opened_only_counts_confirmed_addresses_in_the_period(period):
    UserFactory()
    UserFactory(unverified=True)
    old = UserFactory()
    User.objects.filter(pk=old.pk).update(date_joined=ago(100))
    expected = User.objects.filter(
        date_joined__gte=period.start_dt, is_active=True, email_verified_at__isnull=False
    ).count()
    assert expected == 1
    assert number(figure_value(dashboard(period), "comptes")) == expected
    assert FIGURE_LISTS["comptes"].rows(period).count() == expected


def test_people_added_to_the_directory(period):
    PersonFactory()
    PersonFactory(hidden=True)
    removed = PersonFactory(is_removed=True)
    old = PersonFactory()
    backdate(old, days=90)
    assert removed.is_removed
    assert number(figure_value(dashboard(period), "fiches")) == 2


# --------------------------------------------------------------------------- active members


def test_active_members_come_from_real_activity_records(period):
    asked = UserFactory()
    question = QuestionFactory(author=asked)
    backdate(question, days=10)
    registered = UserFactory()
    registration = RegistrationFactory(user=registered)
    Registration.objects.filter(pk=registration.pk).update(created_at=ago(50))  # within 90, not 30
    logged_in = UserFactory()
    User.objects.filter(pk=logged_in.pk).update(last_login=ago(2))
    contributor = UserFactory()
    ContributionFactory(author_user=contributor)
    dormant = UserFactory()
    old = QuestionFactory(author=dormant)
    backdate(old, days=120)
    deactivated = UserFactory(is_active=False)
    QuestionFactory(author=deactivated)

    # The question's author of the registration's event etc. are other accounts: count them all
    # independently, from the same records.
    def independent(days):
        since = timezone.now() - datetime.timedelta(days=days)
        ids = set(User.objects.filter(last_login__gte=since).values_list("pk", flat=True))
        ids |= set(Question.objects.filter(created_at__gte=since).values_list("author_id", flat=True))
        ids |= set(Registration.objects.filter(created_at__gte=since).values_list("user_id", flat=True))
        ids |= set(
            figures.Contribution.objects.filter(created_at__gte=since).values_list(
                "author_user_id", flat=True
            )
        )
        ids |= set(
            figures.ExperienceVersion.objects.filter(created_at__gte=since).values_list(
                "author_id", flat=True
            )
        )
        ids |= set(figures.Resource.objects.filter(created_at__gte=since).values_list("owner_id", flat=True))
        ids.discard(None)
        return User.objects.filter(pk__in=ids, is_active=True).count()

    board = dashboard(period)
    thirty = set(FIGURE_LISTS["actifs-30"].rows(period).values_list("pk", flat=True))
    ninety = set(FIGURE_LISTS["actifs-90"].rows(period).values_list("pk", flat=True))
    assert {asked.pk, logged_in.pk, contributor.pk} <= thirty
    assert registered.pk not in thirty and registered.pk in ninety
    assert dormant.pk not in ninety and deactivated.pk not in ninety
    assert number(figure_value(board, "actifs-30")) == len(thirty) == independent(30)
    assert number(figure_value(board, "actifs-90")) == len(ninety) == independent(90)


# --------------------------------------------------------------------------- contributions


def test_contributions_per_kind_and_month_leave_group_content_out(period):
    QuestionFactory()
    QuestionFactory(group=GroupFactory())  # private group: never counted
    QuestionFactory(state=QState.HIDDEN)
    AnswerFactory()
    ExperienceFactory()
    ExperienceFactory(draft=True)
    ResourceFactory()
    ResourceFactory(suggested=True)
    ResourceFactory(status="refused")
    ContributionFactory()
    ContributionFactory(is_hidden=True)
    old = QuestionFactory()
    backdate(old, days=300)

    expected = {
        "questions": Question.objects.filter(
            group__isnull=True, state="published", created_at__gte=period.start_dt
        ).count(),
        "reponses": Answer.objects.filter(
            question__group__isnull=True, state="published", created_at__gte=period.start_dt
        ).count(),
        "experiences": Experience.objects.filter(
            state=State.PUBLISHED, published_at__gte=period.start_dt
        ).count(),
        "ressources": figures.Resource.objects.filter(created_at__gte=period.start_dt)
        .exclude(status="refused")
        .count(),
        "consultations": figures.Contribution.objects.filter(
            is_hidden=False, created_at__gte=period.start_dt
        ).count(),
        "commentaires": ContributionComment.objects.filter(is_hidden=False).count(),
    }
    assert expected["questions"] == 2  # the answered one's question and the plain one
    board = dashboard(period)
    for kind, total in zip(board.contribution_kinds, board.contribution_totals, strict=True):
        assert total == expected[kind.key], kind.key
        assert number(figure_value(board, f"contributions-{kind.key}")) == total
        assert FIGURE_LISTS[f"contributions-{kind.key}"].rows(period).count() == total
    # The table (months × kinds) adds up to the same totals.
    assert sum(total for _, _, total in board.contribution_table) == sum(expected.values())
    assert len(board.contribution_table) == len(period.months())


# --------------------------------------------------------------------------- questions


def test_unanswered_questions_and_median_time_to_first_answer(period):
    never = QuestionFactory()
    backdate(never, days=20)
    fast = QuestionFactory()
    backdate(fast, days=20)
    fast_answer = AnswerFactory(question=fast)
    Answer.objects.filter(pk=fast_answer.pk).update(created_at=ago(18))  # 2 days later
    slow = QuestionFactory()
    backdate(slow, days=20)
    slow_answer = AnswerFactory(question=slow)
    Answer.objects.filter(pk=slow_answer.pk).update(created_at=ago(10))  # 10 days later
    hidden_answer_only = QuestionFactory()
    backdate(hidden_answer_only, days=20)
    AnswerFactory(question=hidden_answer_only, state=QState.HIDDEN)
    young = QuestionFactory()  # asked today: not yet 7 days old
    group_question = QuestionFactory(group=GroupFactory())
    backdate(group_question, days=20)

    unanswered = set(FIGURE_LISTS["questions-sans-reponse"].rows(period).values_list("pk", flat=True))
    assert unanswered == {never.pk, slow.pk, hidden_answer_only.pk}
    assert young.pk not in unanswered
    board = dashboard(period)
    assert number(figure_value(board, "questions-sans-reponse")) == 3
    # Median of 2 days and 10 days.
    median = figures.median_first_answer(period)
    assert abs(median - datetime.timedelta(days=6)) < datetime.timedelta(seconds=5)
    assert figure_value(board, "delai-premiere-reponse") == "6,0 jours"
    assert FIGURE_LISTS["delai-premiere-reponse"].rows(period).count() == 2


def test_a_longer_delay_changes_the_unanswered_count(period):
    slow = QuestionFactory()
    backdate(slow, days=20)
    answer = AnswerFactory(question=slow)
    Answer.objects.filter(pk=answer.pk).update(created_at=ago(10))
    patient = Period(start=period.start, end=period.end, unanswered_days=14)
    assert FIGURE_LISTS["questions-sans-reponse"].rows(period).count() == 1
    assert FIGURE_LISTS["questions-sans-reponse"].rows(patient).count() == 0


# --------------------------------------------------------------------------- events


def test_event_registrations_fill_rate_and_attendance(period):
    full = EventFactory(past=True, capacity=10)
    for index in range(5):
        RegistrationFactory(event=full, attended=index < 3)
    RegistrationFactory(event=full, status=RegistrationStatus.WAITING)
    RegistrationFactory(event=full, status=RegistrationStatus.CANCELLED)
    open_ended = EventFactory(past=True, capacity=None)
    for _ in range(4):
        RegistrationFactory(event=open_ended)
    EventFactory(past=True, audience=EventAudience.GROUP, audience_group=GroupFactory())
    EventFactory(past=True, status=EventStatus.CANCELLED)
    EventFactory(past=True, draft=True)
    later = EventFactory()  # in ten days: after the period
    assert later.start.date() > period.end

    held = Event.objects.filter(
        status="published", start__gte=period.start_dt, start__lt=period.end_dt
    ).exclude(audience="group")
    confirmed = Registration.objects.filter(event__in=held, status="confirmed").count()
    assert held.count() == 2 and confirmed == 9
    board = dashboard(period)
    assert number(figure_value(board, "evenements")) == 2
    values = {figure.label: figure.value for figure in board.events}
    assert values["inscriptions confirmées"] == "9"
    assert values["taux de remplissage"] == "50 %"  # 5 confirmed out of 10 seats
    assert values["taux de présence"] == "60 %"  # 3 present out of 5 confirmed (recorded)
    rows = list(FIGURE_LISTS["evenements"].rows(period))
    assert [event.pk for event in rows] == sorted([full.pk, open_ended.pk], key=lambda pk: rows[0].pk != pk)


# --------------------------------------------------------------------------- content to watch


def test_resources_to_review_and_aids_closing(period):
    stale = ResourceFactory(stale=True)
    due = ResourceFactory(review_by=timezone.localdate() + datetime.timedelta(days=20))
    ResourceFactory()  # 200 days ahead
    ResourceFactory(stale=True, suggested=True)  # not published
    today = timezone.localdate()
    closing = AidFactory(close_date=today + datetime.timedelta(days=10))
    AidFactory(close_date=today + datetime.timedelta(days=60))
    AidFactory(close_date=today - datetime.timedelta(days=1))
    AidFactory(close_date=today + datetime.timedelta(days=5), draft=True)
    board = dashboard(period)
    assert number(figure_value(board, "ressources-a-revoir")) == 2
    assert set(FIGURE_LISTS["ressources-a-revoir"].rows(period).values_list("pk", flat=True)) == {
        stale.pk,
        due.pk,
    }
    assert number(figure_value(board, "aides-cloture")) == 1
    assert list(FIGURE_LISTS["aides-cloture"].rows(period)) == [closing]


def test_consultation_participation(period):
    members = [OrganisationFactory() for _ in range(4)]
    network_wide = ConsultationFactory()
    action = ActionFactory(objective=ObjectiveFactory(consultation=network_wide))
    ContributionFactory(action=action, organisation=members[0])
    ContributionFactory(action=action, organisation=members[0])
    ContributionFactory(action=action, organisation=members[1], is_hidden=True)
    targeted = ConsultationFactory(audience=ConsultationAudience.ORGANISATIONS)
    targeted.invited_organisations.set(members[:2])
    ContributionFactory(
        action=ActionFactory(objective=ObjectiveFactory(consultation=targeted)), organisation=members[1]
    )
    group = GroupFactory()
    ConsultationFactory(audience=ConsultationAudience.GROUP, group=group)
    ConsultationFactory(is_published=False)
    ConsultationFactory(
        opens_on=period.start - datetime.timedelta(days=90),
        closes_on=period.start - datetime.timedelta(days=1),
    )

    rows = {row.consultation.pk: row for row in figures.participation(period)}
    assert set(rows) == {network_wide.pk, targeted.pk}
    active = Organisation.objects.filter(status="active").count()
    assert (rows[network_wide.pk].invited, rows[network_wide.pk].contributing) == (active, 1)
    assert rows[network_wide.pk].contributions == 2
    assert (rows[targeted.pk].invited, rows[targeted.pk].contributing) == (2, 1)
    board = dashboard(period)
    assert number(figure_value(board, "consultations")) == 2
    participation = next(f for f in board.consultations if f.label.startswith("participation"))
    assert participation.value == f"{round(100 * 2 / (active + 2))} %"


# --------------------------------------------------------------------------- pages


def test_every_figure_links_to_a_list_whose_length_is_the_figure(animator_client, period):
    OrganisationFactory()
    QuestionFactory()
    EventFactory(past=True)
    board = dashboard(period)
    query = f"?du={period.start:%Y-%m-%d}&au={period.end:%Y-%m-%d}&jours=7"
    page = animator_client.get(reverse("cockpit:index") + query).text
    for _, figure in board.all_figures():
        url = reverse("cockpit:figure", kwargs={"key": figure.key})
        assert f'href="{url}{query.replace("&", "&amp;")}"' in page, figure.key
    for key in ("organisations", "contributions-questions", "evenements"):
        response = animator_client.get(reverse("cockpit:figure", kwargs={"key": key}) + query)
        assert response.status_code == 200
        assert response.context["page_obj"].paginator.count == FIGURE_LISTS[key].rows(period).count()


def test_dashboard_query_count_does_not_grow_with_the_data(animator_client, django_assert_max_num_queries):
    def load():
        with django_assert_max_num_queries(60) as queries:
            assert animator_client.get(reverse("cockpit:index")).status_code == 200
        return len(queries)

    load()  # warm the caches (network settings, queue counts)
    small = load()
    for _ in range(3):
        OrganisationFactory()
        QuestionFactory()
        EventFactory(past=True)
        ConsultationFactory()
    # Consultations add one query (the network's member count, read once whatever their number).
    assert load() <= small + 1


def test_figure_list_query_count_is_bounded(animator_client, django_assert_max_num_queries):
    for _ in range(30):
        OrganisationFactory()
    url = reverse("cockpit:figure", kwargs={"key": "organisations"})
    animator_client.get(url)  # warm the caches (network settings, queue counts)
    # Session, user, unread notifications, then the list: its count and one page of rows.
    with django_assert_max_num_queries(5):
        response = animator_client.get(url)
    assert len(response.context["rows"]) == 30


def test_csv_exports_are_french_excel_files_with_neutralised_formulas(animator_client, period):
    OrganisationFactory(name='=HYPERLINK("http://pirate.test")')
    query = f"?du={period.start:%Y-%m-%d}&au={period.end:%Y-%m-%d}"
    response = animator_client.get(reverse("cockpit:figure_csv", kwargs={"key": "organisations"}) + query)
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Organisation", "Type", "Territoire", "Membre depuis le"]
    assert rows[1][0] == '\'=HYPERLINK("http://pirate.test")'
    export = animator_client.get(reverse("cockpit:export") + query)
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Rubrique", "Indicateur", "Valeur"]
    assert rows[1][:3] == ["Membres", "organisations ont rejoint le réseau", "1"]


def test_period_errors_are_french_and_fall_back_to_the_default(animator_client):
    response = animator_client.get(reverse("cockpit:index") + "?du=2026-05-01&au=2026-01-01")
    assert response.status_code == 200
    assert "La date de début doit précéder la date de fin." in response.text
    response = animator_client.get(reverse("cockpit:index") + "?du=pas-une-date&jours=0")
    assert "Saisissez une date de début valide" in response.text
    assert "Au moins 1 jour." in response.text


def test_unknown_figure_is_a_404(animator_client):
    assert animator_client.get("/animation/chiffres/inconnu/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/animation/",
        "/animation/chiffres/organisations/",
        "/animation/chiffres/organisations.csv",
        "/animation/chiffres.csv",
    ],
)
def test_cockpit_is_for_animators(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(animator=True))
    assert client.get(url).status_code == 200


def test_private_group_content_stays_out_of_every_list(period):
    group = GroupFactory()
    question = QuestionFactory(group=group)
    backdate(question, days=20)
    EventFactory(past=True, audience=EventAudience.GROUP, audience_group=group)
    for key, figure_list in FIGURE_LISTS.items():
        for row in figure_list.rows(period):
            assert getattr(row, "group_id", None) is None, key
            assert getattr(row, "audience_group_id", None) is None, key


def test_dashboard_is_kept_in_the_shared_cache_and_can_be_recomputed(
    animator_client, django_assert_max_num_queries
):
    from django.core.cache import cache

    from apps.cockpit.figures import _dashboard_key, cached_dashboard

    first = animator_client.get("/animation/")
    assert first.status_code == 200
    period = first.context["period"]
    assert cache.get(_dashboard_key(period)) is not None
    OrganisationFactory()
    # Served from the cache: the dashboard's ~35 counting queries are not run again.
    with django_assert_max_num_queries(15):
        again = animator_client.get("/animation/")
    assert again.context["board"].people[0].value == first.context["board"].people[0].value
    assert list(again.context["board"].contribution_kinds)  # rebuilt, not pickled
    board, _ = cached_dashboard(Period(start=period.start, end=period.end), refresh=True)
    fresh = animator_client.get("/animation/", {"actualiser": "1"})
    assert fresh.status_code == 200
    assert board.people == fresh.context["board"].people
    assert fresh.context["board"].people[0].value != first.context["board"].people[0].value
