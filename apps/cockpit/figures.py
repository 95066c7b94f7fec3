"""The network's figures over a period, for the cockpit (/animation/).

Every figure is defined once, as the list of rows it counts (`FigureList.rows`): the dashboard shows
the count (or a rate computed from the rows), the figure's page lists the rows and the CSV export
writes them. So a figure always equals its list, and tests compare both with independent counts.

Content of private groups is never counted (docs/cockpit.md): figures about groups are private too.
The definitions, in French, are shown next to each figure and written in docs/cockpit.md.
"""

from __future__ import annotations

import datetime
import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, DateTimeField, Exists, F, Min, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from apps.accounts.models import User
from apps.aids.models import Aid

# Consultation participation lives in one module so that it can follow the consultations app's
# restructuring (read through its selectors once they exist).
from apps.cockpit.consultations import participation
from apps.consultations.models import Contribution, ContributionComment
from apps.directory.models import JoinRequest, Organisation, OrganisationStatus, Person
from apps.events.models import Audience as EventAudience
from apps.events.models import Event, EventStatus, Registration, RegistrationStatus
from apps.experiences.models import Experience, ExperienceVersion
from apps.experiences.models import State as ExperienceState
from apps.groups.models import GroupDocument
from apps.polls.models import PollAnswer
from apps.questions.models import Answer, Question
from apps.questions.models import Comment as QuestionComment
from apps.questions.models import State as QuestionState
from apps.resources.models import Freshness, Resource, ResourceStatus
from apps.workshops.models import WorkshopVote

ACTIVE_WINDOWS = (30, 90)
DEFAULT_UNANSWERED_DAYS = 7
AIDS_CLOSING_DAYS = 30
RESOURCES_DUE_DAYS = 30
MAX_PERIOD_DAYS = 10 * 366


# --------------------------------------------------------------------------- period


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both days included (local time)."""

    start: datetime.date
    end: datetime.date
    unanswered_days: int = DEFAULT_UNANSWERED_DAYS

    @classmethod
    def last_months(cls, months: int = 12, *, today: datetime.date | None = None) -> Period:
        today = today or timezone.localdate()
        start = _month_start(today)
        for _ in range(months - 1):
            start = _month_start(start - datetime.timedelta(days=1))
        return cls(start=start, end=today)

    @property
    def start_dt(self) -> datetime.datetime:
        return _local_midnight(self.start)

    @property
    def end_dt(self) -> datetime.datetime:
        """Exclusive bound: midnight after the last day."""
        return _local_midnight(self.end + datetime.timedelta(days=1))

    @property
    def label(self) -> str:
        return f"du {date_format(self.start, 'j F Y')} au {date_format(self.end, 'j F Y')}"

    @property
    def query(self) -> dict[str, str]:
        return {
            "du": self.start.isoformat(),
            "au": self.end.isoformat(),
            "jours": str(self.unanswered_days),
        }

    def months(self) -> list[datetime.date]:
        months, current = [], _month_start(self.start)
        while current <= self.end:
            months.append(current)
            current = _next_month(current)
        return months

    def window_before_end(self, days: int) -> tuple[datetime.datetime, datetime.datetime]:
        """The `days` days that end with the period's last day (the "active members" window)."""
        return self.end_dt - datetime.timedelta(days=days), self.end_dt


def in_period(field_name: str, period: Period) -> Q:
    return Q(**{f"{field_name}__gte": period.start_dt, f"{field_name}__lt": period.end_dt})


# --------------------------------------------------------------------------- shared reads


def _approvals():
    return JoinRequest.objects.filter(kind=JoinRequest.Kind.ORGANISATION, status=JoinRequest.Status.APPROVED)


def organisations_joined(period: Period) -> QuerySet:
    """Active organisations whose membership of the network began in the period: the day their
    (last) join request was accepted, or, for organisations created directly as members (imports,
    animators), the day their card was created.

    Written with uncorrelated IN (…) sets, which PostgreSQL hashes once, rather than a subquery per
    organisation: a national network has 35,000 of them, possibly all imported the same day."""
    approvals = _approvals()
    accepted_in = approvals.filter(in_period("decided_at", period)).values("organisation_id")
    accepted_after = approvals.filter(decided_at__gte=period.end_dt).values("organisation_id")
    accepted_ever = approvals.values("organisation_id")
    last_accepted = (
        approvals.filter(organisation=OuterRef("pk")).order_by("-decided_at").values("decided_at")[:1]
    )
    return (
        Organisation.objects.filter(status=OrganisationStatus.ACTIVE)
        .filter(
            (Q(pk__in=accepted_in) & ~Q(pk__in=accepted_after))
            | (in_period("created_at", period) & ~Q(pk__in=accepted_ever))
        )
        # The join date is only computed for the rows shown (most recently added cards first, an
        # index scan), not for every organisation before sorting.
        .annotate(joined_at=Coalesce(Subquery(last_accepted, output_field=DateTimeField()), F("created_at")))
        .select_related("territory")
        .order_by("-pk")
    )


def organisations_joined_by_month(period: Period) -> dict[datetime.date, int]:
    """The same organisations, by month of joining: accepted applications (the last one of each
    organisation) plus organisations created as members. Two grouped queries."""
    approvals = _approvals()
    last_accepted = approvals.filter(
        in_period("decided_at", period), organisation__status=OrganisationStatus.ACTIVE
    ).exclude(
        Exists(approvals.filter(organisation=OuterRef("organisation"), decided_at__gt=OuterRef("decided_at")))
    )
    direct = Organisation.objects.filter(status=OrganisationStatus.ACTIVE).exclude(
        pk__in=approvals.values("organisation_id")
    )
    counts = monthly_counts(last_accepted, "decided_at", period, distinct="organisation_id")
    for month, value in monthly_counts(direct, "created_at", period).items():
        counts[month] = counts.get(month, 0) + value
    return counts


def accounts_opened(period: Period) -> QuerySet:
    """Accounts created in the period whose owner confirmed their address (and not deactivated)."""
    return User.objects.filter(
        in_period("date_joined", period), is_active=True, email_verified_at__isnull=False
    ).order_by("-date_joined", "pk")


def people_added(period: Period) -> QuerySet:
    """Directory cards created in the period (imports included), not erased."""
    return Person.objects.filter(in_period("created_at", period), is_removed=False).order_by(
        "-created_at", "pk"
    )


@dataclass(frozen=True)
class ActivitySource:
    model: Any
    user_field: str
    date_field: str
    label: str


# What counts as activity: a dated record of something a person did. See docs/cockpit.md.
ACTIVITY_SOURCES = (
    ActivitySource(Question, "author", "created_at", "question posée"),
    ActivitySource(Answer, "author", "created_at", "réponse à une question"),
    ActivitySource(QuestionComment, "author", "created_at", "commentaire d'une réponse"),
    ActivitySource(Contribution, "author_user", "created_at", "contribution à une consultation"),
    ActivitySource(ContributionComment, "author", "created_at", "commentaire de consultation"),
    ActivitySource(WorkshopVote, "user", "created_at", "gommette d'atelier"),
    ActivitySource(Registration, "user", "created_at", "inscription à un événement"),
    ActivitySource(PollAnswer, "user", "updated_at", "réponse à un sondage de dates"),
    ActivitySource(ExperienceVersion, "author", "created_at", "rédaction d'un retour d'expérience"),
    ActivitySource(Resource, "owner", "created_at", "ressource proposée ou publiée"),
    ActivitySource(GroupDocument, "uploaded_by", "created_at", "document déposé dans un groupe"),
)


def active_accounts(since: datetime.datetime, until: datetime.datetime) -> QuerySet:
    """Active accounts that logged in, or left one of the ACTIVITY_SOURCES records, between
    `since` (included) and `until` (excluded). Only the last login of an account is known: for a
    window in the past, people who logged in then and again since are counted only through their
    other records."""
    ids = User.objects.filter(last_login__gte=since, last_login__lt=until).values_list("pk")
    for source in ACTIVITY_SOURCES:
        ids = ids.union(
            source.model.objects.filter(
                **{
                    f"{source.date_field}__gte": since,
                    f"{source.date_field}__lt": until,
                    f"{source.user_field}__isnull": False,
                }
            ).values_list(source.user_field)
        )
    return User.objects.filter(is_active=True, pk__in=ids).order_by("-last_login", "pk")


def active_counts(until: datetime.datetime, windows: tuple[int, ...] = ACTIVE_WINDOWS) -> dict[int, int]:
    """{days: number of active accounts over the `days` days before `until`} for every window in one
    query: each account's last dated record over the widest window, then one count per window.
    Same definition as active_accounts() (the tests check both agree)."""
    from django.db import connection

    since = until - datetime.timedelta(days=max(windows))
    # The union's columns are named by its first query: "uid" and "d".
    records = (
        User.objects.filter(last_login__gte=since, last_login__lt=until)
        .annotate(uid=F("pk"), d=F("last_login"))
        .values_list("uid", "d")
        .order_by()
    )
    for source in ACTIVITY_SOURCES:
        records = records.union(
            source.model.objects.filter(
                **{
                    f"{source.date_field}__gte": since,
                    f"{source.date_field}__lt": until,
                    f"{source.user_field}__isnull": False,
                }
            )
            .annotate(uid=F(source.user_field), d=F(source.date_field))
            .values_list("uid", "d")
            .order_by(),
            all=True,
        )
    inner, params = records.query.sql_with_params()
    users = User._meta.db_table
    counts = ", ".join("COUNT(CASE WHEN last.d >= %s THEN 1 END)" for _ in windows)
    sql = (
        f"SELECT {counts} FROM (SELECT r.uid, MAX(r.d) AS d FROM ({inner}) r GROUP BY r.uid) last "
        f'INNER JOIN "{users}" u ON u."id" = last.uid WHERE u."is_active"'
    )
    bounds = [until - datetime.timedelta(days=days) for days in windows]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*bounds, *params])
        row = cursor.fetchone()
    return dict(zip(windows, row, strict=True))


# Contributions: what members write for the network (network-wide content only).
@dataclass(frozen=True)
class ContributionKind:
    key: str
    label: str
    date_field: str
    queryset: Callable[[], QuerySet]


CONTRIBUTION_KINDS = (
    ContributionKind(
        "questions",
        "Questions au réseau",
        "created_at",
        lambda: Question.objects.network().filter(state=QuestionState.PUBLISHED).select_related("author"),
    ),
    ContributionKind(
        "reponses",
        "Réponses aux questions",
        "created_at",
        lambda: Answer.objects.filter(
            question__group__isnull=True, state=QuestionState.PUBLISHED
        ).select_related("author", "question"),
    ),
    ContributionKind(
        "experiences",
        "Retours d'expérience publiés",
        "published_at",
        lambda: Experience.objects.filter(state=ExperienceState.PUBLISHED).select_related("author"),
    ),
    ContributionKind(
        "ressources",
        "Ressources proposées ou publiées",
        "created_at",
        lambda: Resource.objects.exclude(status=ResourceStatus.REFUSED).select_related("owner"),
    ),
    ContributionKind(
        "consultations",
        "Contributions aux consultations",
        "created_at",
        lambda: (
            Contribution.objects.filter(is_hidden=False)
            .exclude(action__objective__consultation__audience="group")
            .select_related("author_user", "action__objective__consultation")
        ),
    ),
    ContributionKind(
        "commentaires",
        "Commentaires de consultation",
        "created_at",
        lambda: (
            ContributionComment.objects.filter(is_hidden=False)
            .exclude(contribution__action__objective__consultation__audience="group")
            .select_related("author", "contribution__action__objective__consultation")
        ),
    ),
)
CONTRIBUTION_KIND_BY_KEY = {kind.key: kind for kind in CONTRIBUTION_KINDS}


def contributions(kind: ContributionKind, period: Period) -> QuerySet:
    return kind.queryset().filter(in_period(kind.date_field, period)).order_by(f"-{kind.date_field}", "-pk")


def monthly_counts(
    qs: QuerySet, date_field: str, period: Period, *, distinct: str = "pk"
) -> dict[datetime.date, int]:
    """{first day of month: count} for the period's months (one query)."""
    rows = (
        qs.filter(in_period(date_field, period))
        .annotate(month=TruncMonth(date_field))
        .values("month")
        # Rows are unique unless a join repeats them: count distinct values only when asked.
        .annotate(n=Count(distinct, distinct=distinct != "pk"))
        .order_by()
    )
    counts = dict.fromkeys(period.months(), 0)
    for row in rows:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        counts[_month_start(month)] = counts.get(_month_start(month), 0) + row["n"]
    return counts


def network_questions(period: Period) -> QuerySet:
    """Network-wide published questions asked in the period, with their first answer's date."""
    return (
        Question.objects.network()
        .filter(state=QuestionState.PUBLISHED)
        .filter(in_period("created_at", period))
        .annotate(
            first_answer_at=Min("answers__created_at", filter=Q(answers__state=QuestionState.PUBLISHED))
        )
        .select_related("author")
    )


def questions_unanswered(period: Period, *, now: datetime.datetime | None = None) -> QuerySet:
    """Questions of the period at least N days old that got no published answer within N days."""
    now = now or timezone.now()
    delay = datetime.timedelta(days=period.unanswered_days)
    return (
        network_questions(period)
        .filter(created_at__lte=now - delay)
        .filter(Q(first_answer_at__isnull=True) | Q(first_answer_at__gt=F("created_at") + Value(delay)))
        .order_by("created_at", "pk")
    )


def questions_answered(period: Period) -> QuerySet:
    return network_questions(period).filter(first_answer_at__isnull=False).order_by("created_at", "pk")


def median_first_answer(period: Period) -> datetime.timedelta | None:
    delays = [
        first - created
        for created, first in questions_answered(period).values_list("created_at", "first_answer_at")
    ]
    return statistics.median(delays) if delays else None


def duration_label(delay: datetime.timedelta | None) -> str:
    if delay is None:
        return "—"
    hours = delay.total_seconds() / 3600
    if hours < 1:
        return f"{max(1, round(delay.total_seconds() / 60))} min"
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} jours".replace(".", ",")


def events_held(period: Period) -> QuerySet:
    """Published events (not cancelled, not of a private group) that started in the period, with
    their confirmed registrations and recorded attendance."""
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    return (
        Event.objects.filter(status=EventStatus.PUBLISHED)
        .exclude(audience=EventAudience.GROUP)
        .filter(in_period("start", period))
        .annotate(
            confirmed=Count("registrations", filter=confirmed),
            waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
            attended_count=Count("registrations", filter=confirmed & Q(registrations__attended=True)),
            attendance_recorded=Count(
                "registrations", filter=confirmed & Q(registrations__attended__isnull=False)
            ),
        )
        .order_by("start", "pk")
    )


@dataclass
class EventFigures:
    count: int = 0
    registrations: int = 0
    waiting: int = 0
    fill_rate: float | None = None  # confirmed / capacity, over events with a capacity
    attendance_rate: float | None = None  # present / confirmed, over events whose attendance is recorded


def event_figures(period: Period) -> EventFigures:
    figures = EventFigures()
    seats = seated = present = recorded_confirmed = 0
    for event in events_held(period).only("pk", "capacity"):
        figures.count += 1
        figures.registrations += event.confirmed
        figures.waiting += event.waiting
        if event.capacity:
            seats += event.capacity
            seated += event.confirmed
        if event.attendance_recorded:
            present += event.attended_count
            recorded_confirmed += event.confirmed
    figures.fill_rate = seated / seats if seats else None
    figures.attendance_rate = present / recorded_confirmed if recorded_confirmed else None
    return figures


def resources_to_review(*, today: datetime.date | None = None) -> QuerySet:
    """Published resources whose review date has passed or comes within 30 days (as of today)."""
    today = today or timezone.localdate()
    return (
        Resource.objects.published()
        .filter(review_by__lte=today + datetime.timedelta(days=RESOURCES_DUE_DAYS))
        .select_related("owner")
        .order_by("review_by", "pk")
    )


def aids_closing(*, today: datetime.date | None = None) -> QuerySet:
    """Published aids whose closing date falls within the next 30 days (today included)."""
    today = today or timezone.localdate()
    return (
        Aid.objects.published()
        .filter(close_date__gte=today, close_date__lte=today + datetime.timedelta(days=AIDS_CLOSING_DAYS))
        .order_by("close_date", "pk")
    )


# --------------------------------------------------------------------------- the lists


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    link: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class FigureList:
    key: str
    title: str
    definition: str
    columns: tuple[Column, ...]
    rows: Callable[[Period], QuerySet | list]
    dated: bool = True  # False: "as of today", whatever the period


def _person(user) -> str:
    if user is None:
        return "Compte supprimé"
    return user.get_full_name() or user.email


def _date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d/m/Y H:i")
    return date_format(value, "d/m/Y")


def _rate(numerator: int, denominator: int) -> str:
    return f"{round(100 * numerator / denominator)} %" if denominator else "—"


def _absolute(obj) -> str | None:
    try:
        return obj.get_absolute_url()
    except Exception:  # pragma: no cover - every listed model has one
        return None


def _person_card(user) -> str | None:
    person = getattr(user, "person", None) if user is not None else None
    if person is None or person.is_removed:
        return None
    return person.get_absolute_url()


def _contribution_columns(kind: ContributionKind) -> tuple[Column, ...]:
    if kind.key in ("questions",):
        return (
            Column("Question", lambda o: o.title, _absolute),
            Column("Auteur·rice", lambda o: _person(o.author)),
            Column("Posée le", lambda o: _date(o.created_at)),
        )
    if kind.key == "reponses":
        return (
            Column("Réponse à", lambda o: o.question.title, _absolute),
            Column("Auteur·rice", lambda o: _person(o.author)),
            Column("Le", lambda o: _date(o.created_at)),
        )
    if kind.key == "experiences":
        return (
            Column("Retour d'expérience", lambda o: o.title, _absolute),
            Column("Auteur·rice", lambda o: _person(o.author)),
            Column("Publié le", lambda o: _date(o.published_at)),
        )
    if kind.key == "ressources":
        return (
            Column("Ressource", lambda o: o.title, _absolute),
            Column("État", lambda o: o.get_status_display()),
            Column("Par", lambda o: _person(o.owner)),
            Column("Le", lambda o: _date(o.created_at)),
        )
    if kind.key == "consultations":
        return (
            Column("Consultation", lambda o: o.action.objective.consultation.title),
            Column("Action", lambda o: o.action.title, lambda o: o.action.get_absolute_url()),
            Column("Auteur", lambda o: o.author_display),
            Column("Le", lambda o: _date(o.created_at)),
        )
    return (
        Column("Consultation", lambda o: o.contribution.action.objective.consultation.title),
        Column(
            "Action",
            lambda o: o.contribution.action.title,
            lambda o: o.contribution.action.get_absolute_url(),
        ),
        Column("Auteur·rice", lambda o: _person(o.author)),
        Column("Le", lambda o: _date(o.created_at)),
    )


def _active_list(days: int) -> FigureList:
    return FigureList(
        key=f"actifs-{days}",
        title=f"Membres actifs sur {days} jours",
        definition=(
            f"Comptes actifs qui, dans les {days} jours qui finissent le dernier jour de la période, "
            "se sont connectés ou ont laissé une trace datée : question, réponse, commentaire, "
            "contribution ou commentaire de consultation, gommette d'atelier, inscription à un "
            "événement, réponse à un sondage, rédaction d'un retour d'expérience, ressource, "
            "document de groupe. Seule la dernière connexion d'un compte est conservée."
        ),
        columns=(
            Column("Personne", _person, _person_card),
            Column("Adresse électronique", lambda u: u.email),
            Column("Dernière connexion", lambda u: _date(u.last_login)),
        ),
        rows=lambda period: active_accounts(*period.window_before_end(days)).select_related("person"),
    )


FIGURE_LISTS: dict[str, FigureList] = {}


def _add(figure: FigureList) -> None:
    FIGURE_LISTS[figure.key] = figure


_add(
    FigureList(
        key="organisations",
        title="Organisations qui ont rejoint le réseau",
        definition=(
            "Organisations membres dont l'adhésion date de la période : le jour où leur demande "
            "d'adhésion a été acceptée, ou celui où leur fiche a été créée pour celles ajoutées "
            "directement (import, équipe d'animation)."
        ),
        columns=(
            Column("Organisation", lambda o: o.name, _absolute),
            Column("Type", lambda o: o.get_type_display()),
            Column("Territoire", lambda o: o.territory.name if o.territory_id else ""),
            Column("Membre depuis le", lambda o: _date(o.joined_at)),
        ),
        rows=organisations_joined,
    )
)
_add(
    FigureList(
        key="comptes",
        title="Comptes ouverts",
        definition="Comptes créés pendant la période dont l'adresse électronique a été confirmée.",
        columns=(
            Column("Personne", _person, _person_card),
            Column("Adresse électronique", lambda u: u.email),
            Column("Compte créé le", lambda u: _date(u.date_joined)),
        ),
        rows=lambda period: accounts_opened(period).select_related("person"),
    )
)
_add(
    FigureList(
        key="fiches",
        title="Personnes ajoutées à l'annuaire",
        definition=(
            "Fiches de personnes créées pendant la période (inscriptions, invitations, imports), "
            "qu'elles apparaissent ou non dans l'annuaire public."
        ),
        columns=(
            Column("Personne", lambda p: p.full_name, _absolute),
            Column("Catégorie", lambda p: p.get_category_display()),
            Column("Dans l'annuaire", lambda p: "oui" if p.directory_consent else "non"),
            Column("Ajoutée le", lambda p: _date(p.created_at)),
        ),
        rows=people_added,
    )
)
for _days in ACTIVE_WINDOWS:
    _add(_active_list(_days))
for _kind in CONTRIBUTION_KINDS:
    _add(
        FigureList(
            key=f"contributions-{_kind.key}",
            title=_kind.label,
            definition=f"{_kind.label} pendant la période (hors contenus des groupes privés).",
            columns=_contribution_columns(_kind),
            rows=lambda period, kind=_kind: contributions(kind, period),
        )
    )
# The first columns of both lists of questions.
ASKED = (
    Column("Question", lambda q: q.title, _absolute),
    Column("Posée le", lambda q: _date(q.created_at)),
)
_add(
    FigureList(
        key="questions-sans-reponse",
        title="Questions sans réponse après N jours",
        definition=(
            "Questions posées à tout le réseau pendant la période, publiées, vieilles d'au moins "
            "N jours, qui n'ont reçu aucune réponse publiée dans les N jours suivant leur publication."
        ),
        columns=(
            *ASKED,
            Column("Première réponse le", lambda q: _date(q.first_answer_at) or "aucune"),
        ),
        rows=questions_unanswered,
    )
)
_add(
    FigureList(
        key="delai-premiere-reponse",
        title="Délai de première réponse",
        definition=(
            "Questions posées à tout le réseau pendant la période qui ont reçu au moins une réponse "
            "publiée ; la médiane est celle du délai entre la question et sa première réponse."
        ),
        columns=(
            *ASKED,
            Column("Première réponse le", lambda q: _date(q.first_answer_at)),
            Column("Délai", lambda q: duration_label(q.first_answer_at - q.created_at)),
        ),
        rows=questions_answered,
    )
)
_add(
    FigureList(
        key="evenements",
        title="Événements de la période",
        definition=(
            "Événements publiés (hors annulés et hors groupes privés) qui ont commencé pendant la "
            "période. Remplissage : inscriptions confirmées rapportées aux places, pour les "
            "événements à places limitées. Présence : personnes présentes rapportées aux "
            "inscriptions confirmées, pour les événements dont la présence a été relevée."
        ),
        columns=(
            Column("Événement", lambda e: e.title, _absolute),
            Column("Date", lambda e: _date(e.start)),
            Column("Inscriptions confirmées", lambda e: e.confirmed),
            Column("Liste d'attente", lambda e: e.waiting),
            Column("Places", lambda e: e.capacity or "illimitées"),
            Column("Remplissage", lambda e: _rate(e.confirmed, e.capacity or 0)),
            Column(
                "Présence",
                lambda e: _rate(e.attended_count, e.confirmed) if e.attendance_recorded else "non relevée",
            ),
        ),
        rows=events_held,
    )
)
_add(
    FigureList(
        key="ressources-a-revoir",
        title="Ressources à revoir",
        definition=(
            "Ressources publiées dont la date de revue est dépassée ou tombe dans les 30 prochains "
            "jours (à ce jour, quelle que soit la période)."
        ),
        columns=(
            Column("Ressource", lambda r: r.title, _absolute),
            Column("À revoir avant le", lambda r: _date(r.review_by)),
            Column("État", lambda r: Freshness(r.freshness()).label),
            Column("Suivie par", lambda r: _person(r.owner) if r.owner_id else ""),
        ),
        rows=lambda period: resources_to_review(),
        dated=False,
    )
)
_add(
    FigureList(
        key="aides-cloture",
        title="Aides qui ferment dans les 30 jours",
        definition="Aides publiées dont la date de clôture tombe dans les 30 prochains jours (à ce jour).",
        columns=(
            Column("Aide", lambda a: a.title, _absolute),
            Column("Clôture le", lambda a: _date(a.close_date)),
        ),
        rows=lambda period: aids_closing(),
        dated=False,
    )
)
_add(
    FigureList(
        key="consultations",
        title="Participation aux consultations",
        definition=(
            "Consultations publiées (hors groupes privés) ouvertes pendant au moins un jour de la "
            "période : organisations invitées, organisations qui ont contribué, et leur rapport."
        ),
        columns=(
            Column(
                "Consultation", lambda c: c.consultation.title, lambda c: c.consultation.get_absolute_url()
            ),
            Column("Du", lambda c: _date(c.consultation.opens_on)),
            Column("Au", lambda c: _date(c.consultation.closes_on)),
            Column("Organisations invitées", lambda c: c.invited),
            Column("Organisations contributrices", lambda c: c.contributing),
            Column("Participation", lambda c: _rate(c.contributing, c.invited)),
            Column("Contributions", lambda c: c.contributions),
        ),
        rows=participation,
    )
)


# --------------------------------------------------------------------------- the dashboard


@dataclass
class Figure:
    label: str
    value: str
    key: str  # the list behind it
    note: str = ""


@dataclass
class Series:
    title: str
    unit: str
    points: list[tuple[datetime.date, int]]
    key: str = ""  # the list behind the series' total


@dataclass
class Dashboard:
    period: Period
    people: list[Figure] = field(default_factory=list)
    activity: list[Figure] = field(default_factory=list)
    questions: list[Figure] = field(default_factory=list)
    events: list[Figure] = field(default_factory=list)
    content: list[Figure] = field(default_factory=list)
    consultations: list[Figure] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    # months × contribution kinds
    contribution_table: list[tuple[datetime.date, list[int], int]] = field(default_factory=list)
    contribution_totals: list[int] = field(default_factory=list)
    contribution_kinds: tuple[ContributionKind, ...] = CONTRIBUTION_KINDS

    def all_figures(self) -> Iterable[tuple[str, Figure]]:
        for section, figures in (
            ("Membres", self.people),
            ("Activité", self.activity),
            ("Questions", self.questions),
            ("Événements", self.events),
            ("Contenus", self.content),
            ("Consultations", self.consultations),
        ):
            for figure in figures:
                yield section, figure


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{round(100 * rate)} %"


def dashboard(period: Period) -> Dashboard:
    board = Dashboard(period=period)
    joined = organisations_joined_by_month(period)
    accounts = accounts_opened(period)
    board.people = [
        Figure("organisations ont rejoint le réseau", _n(sum(joined.values())), "organisations"),
        Figure("comptes ouverts", _n(accounts.count()), "comptes"),
        Figure("personnes ajoutées à l'annuaire", _n(people_added(period).count()), "fiches"),
    ]
    active = active_counts(period.end_dt)
    for days in ACTIVE_WINDOWS:
        board.activity.append(
            Figure(
                f"membres actifs sur {days} jours",
                _n(active[days]),
                f"actifs-{days}",
                note=f"au {date_format(period.end, 'j F Y')}",
            )
        )
    # Contributions: one query per kind, by month.
    per_kind = [monthly_counts(kind.queryset(), kind.date_field, period) for kind in CONTRIBUTION_KINDS]
    months = period.months()
    board.contribution_table = [
        (month, [counts[month] for counts in per_kind], sum(counts[month] for counts in per_kind))
        for month in months
    ]
    board.contribution_totals = [sum(counts.values()) for counts in per_kind]
    board.activity.extend(
        Figure(kind.label.lower(), _n(total), f"contributions-{kind.key}")
        for kind, total in zip(CONTRIBUTION_KINDS, board.contribution_totals, strict=True)
    )
    asked = network_questions(period).count()
    unanswered = questions_unanswered(period).count()
    board.questions = [
        Figure("questions posées au réseau", _n(asked), "contributions-questions"),
        Figure(
            f"sans réponse après {period.unanswered_days} jours",
            _n(unanswered),
            "questions-sans-reponse",
        ),
        Figure(
            "délai médian de première réponse",
            duration_label(median_first_answer(period)),
            "delai-premiere-reponse",
        ),
    ]
    events = event_figures(period)
    board.events = [
        Figure("événements", _n(events.count), "evenements"),
        Figure("inscriptions confirmées", _n(events.registrations), "evenements"),
        Figure(
            "taux de remplissage",
            _percent(events.fill_rate),
            "evenements",
            note="événements à places limitées",
        ),
        Figure("taux de présence", _percent(events.attendance_rate), "evenements", note="présence relevée"),
    ]
    board.content = [
        Figure(
            "ressources à revoir",
            _n(resources_to_review().count()),
            "ressources-a-revoir",
            note="date de revue dépassée ou dans 30 jours",
        ),
        Figure("aides qui ferment dans les 30 jours", _n(aids_closing().count()), "aides-cloture"),
    ]
    rows = participation(period)
    invited = sum(row.invited for row in rows)
    contributing = sum(row.contributing for row in rows)
    board.consultations = [
        Figure("consultations ouvertes", _n(len(rows)), "consultations"),
        Figure(
            "participation des organisations invitées",
            _percent(contributing / invited if invited else None),
            "consultations",
            note=f"{_n(contributing)} sur {_n(invited)}",
        ),
    ]
    board.series = [
        Series(
            "Organisations qui ont rejoint le réseau, par mois",
            "organisations",
            sorted(joined.items()),
            "organisations",
        ),
        Series(
            "Comptes ouverts, par mois",
            "comptes",
            sorted(monthly_counts(accounts, "date_joined", period).items()),
            "comptes",
        ),
        Series(
            "Contributions, par mois",
            "contributions",
            [(month, total) for month, _, total in board.contribution_table],
        ),
    ]
    return board


# --- The dashboard in the shared cache --------------------------------------------------------------

DASHBOARD_CACHE_SECONDS = 300


def _dashboard_key(period: Period) -> str:
    return (
        f"cockpit:dashboard:v1:{period.start.isoformat()}:{period.end.isoformat()}:{period.unanswered_days}"
    )


def cached_dashboard(period: Period, *, refresh: bool = False) -> tuple[Dashboard, datetime.datetime]:
    """The dashboard of `period` and when it was computed. Computing it counts the whole network
    (about 35 queries, most of a second on a national network): it is kept 5 minutes in the shared
    cache (Redis in production, so for every app server), per period. `refresh` recomputes it."""
    from django.core.cache import cache
    from django.utils import timezone

    key = _dashboard_key(period)
    cached = None if refresh else cache.get(key)
    if cached is not None:
        computed_at, fields = cached
        # The contribution kinds hold their querysets as functions: never pickled, always the module's.
        return Dashboard(**fields, contribution_kinds=CONTRIBUTION_KINDS), computed_at
    board = dashboard(period)
    computed_at = timezone.now()
    fields = {
        name: getattr(board, name) for name in Dashboard.__dataclass_fields__ if name != "contribution_kinds"
    }
    cache.set(key, (computed_at, fields), DASHBOARD_CACHE_SECONDS)
    return board, computed_at
