"""Reads of the evaluation: who is in a survey's audience, and its results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.db.models import Count, QuerySet

from apps.accounts.models import User
from apps.consultations.analysis import frequent_terms
from apps.directory.models import (
    Membership,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    PersonCategory,
)
from apps.evaluations.models import (
    ANONYMITY_THRESHOLD,
    AudienceKind,
    EvaluationAnswer,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Survey,
)
from apps.events.models import Registration, RegistrationStatus

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.workshops.models import WorkshopDay


# --------------------------------------------------------------------------- audience


def _member_memberships(survey: Survey) -> QuerySet:
    """Memberships of people (not erased, with an account) in active organisations, narrowed to
    the survey's segment when it has one."""
    memberships = Membership.objects.filter(
        organisation__status=OrganisationStatus.ACTIVE, person__is_removed=False, person__user__isnull=False
    )
    if survey.audience == AudienceKind.SEGMENT:
        if survey.segment_categories:
            memberships = memberships.filter(person__category__in=survey.segment_categories)
        if survey.segment_organisation_types:
            memberships = memberships.filter(organisation__type__in=survey.segment_organisation_types)
        if survey.segment_region_id:
            memberships = memberships.filter(organisation__region_id=survey.segment_region_id)
    return memberships


def audience_users(survey: Survey) -> QuerySet:
    """Active accounts with a confirmed address that the survey is for: members of the network
    (people attached to an active organisation), a segment of them, or the people who registered
    to the chosen events and were not marked absent."""
    users: QuerySet[User] = User.objects.filter(is_active=True, email_verified_at__isnull=False)
    members = _member_memberships(survey).values("person__user_id")
    if survey.audience == AudienceKind.EVENTS:
        came = Registration.objects.filter(
            event__in=survey.events.values("pk"), status=RegistrationStatus.CONFIRMED
        ).exclude(attended=False)
        users = users.filter(pk__in=came.values("user_id"))
        if survey.per_organisation:
            users = users.filter(pk__in=members)
        return users
    return users.filter(pk__in=members)


def in_audience(survey: Survey, user: AnyUser) -> bool:
    return bool(user and user.is_authenticated) and audience_users(survey).filter(pk=user.pk).exists()


def respondent_organisation(survey: Survey, user: AnyUser) -> Organisation | None:
    """The organisation a person answers for (or belongs to, for the breakdowns): their first
    active organisation that fits the survey's segment."""
    membership = (
        _member_memberships(survey)
        .filter(person__user=user)
        .select_related("organisation")
        .order_by("-is_referent", "created_at", "pk")
        .first()
    )
    return membership.organisation if membership else None


def response_of(survey: Survey, user: AnyUser) -> EvaluationResponse | None:
    """The answer `user` edits: their own, or their organisation's when the survey asks one per
    organisation."""
    if not (user and user.is_authenticated):
        return None
    if survey.per_organisation:
        organisation = respondent_organisation(survey, user)
        if organisation is None:
            return None
        return EvaluationResponse.objects.filter(survey=survey, organisation=organisation).first()
    return EvaluationResponse.objects.filter(survey=survey, user=user).first()


def open_surveys_for(user: AnyUser, *, day: WorkshopDay) -> list[Survey]:
    return [survey for survey in Survey.objects.open_on(day) if in_audience(survey, user)]


# --------------------------------------------------------------------------- results


@dataclass
class Row:
    label: str
    count: int
    share: float  # of the question's respondents (0..1)


@dataclass
class GroupRow:
    label: str
    count: int
    hidden: bool  # anonymous survey and fewer answers than the threshold
    mean: float | None = None
    nps: int | None = None


@dataclass
class QuestionResult:
    question: EvaluationQuestion
    respondents: int = 0
    rows: list[Row] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    nps: int | None = None  # % promoters (9–10) − % detractors (0–6)
    texts: list[str] = field(default_factory=list)
    ideas: dict | None = None
    groups: dict[str, list[GroupRow]] = field(default_factory=dict)


@dataclass
class Results:
    survey: Survey
    responses: int
    hidden: bool  # anonymous and too few answers to show anything
    questions: list[QuestionResult]
    by_category: list[GroupRow]
    by_organisation_type: list[GroupRow]
    audience: int | None = None

    @property
    def rate(self) -> float | None:
        return self.responses / self.audience if self.audience else None


def _weighted_median(counter: Mapping[Any, int]) -> float | None:
    total = sum(counter.values())
    if not total:
        return None
    values = sorted(counter)

    def nth(k: int) -> float:  # the k-th value (0-based) of the sorted, expanded list
        seen = 0
        for value in values:
            seen += counter[value]
            if k < seen:
                return float(value)
        return float(values[-1])

    return nth(total // 2) if total % 2 else (nth(total // 2 - 1) + nth(total // 2)) / 2


def _nps(counter: Mapping[Any, int]) -> int | None:
    total = sum(counter.values())
    if not total:
        return None
    promoters = sum(n for v, n in counter.items() if v >= 9)
    detractors = sum(n for v, n in counter.items() if v <= 6)
    return round(100 * (promoters - detractors) / total)


def _mean(counter: Mapping[Any, int]) -> float | None:
    total = sum(counter.values())
    return round(sum(v * n for v, n in counter.items()) / total, 2) if total else None


def _groups(
    survey: Survey, by_group: dict[str, Counter], labels: dict[str, str], *, nps: bool
) -> list[GroupRow]:
    """One row per group (in the order of `labels`) from {group key: Counter(value → answers)};
    groups under the anonymity threshold of an anonymous survey carry no figure."""
    out = []
    for key, label in [*labels.items(), ("", "Non renseigné")]:
        counter = by_group.get(key)
        if not counter:
            continue
        count = sum(counter.values())
        if not count:
            continue
        hidden = survey.is_anonymous and count < ANONYMITY_THRESHOLD
        row = GroupRow(label=label, count=count, hidden=hidden)
        numbers = Counter({v: n for v, n in counter.items() if v is not None})
        if not hidden and numbers:
            row.nps = _nps(numbers) if nps else None
            row.mean = None if nps else _mean(numbers)
        out.append(row)
    return out


def nps_score(values: list[int]) -> int | None:
    return _nps(Counter(values))


def results(survey: Survey, *, with_audience: bool = True) -> Results:
    """Figures of every question, read as grouped counts (a handful of aggregate queries whatever
    the number of answers); only free texts are read one by one."""
    responses = EvaluationResponse.objects.filter(survey=survey)
    by_category: dict[str, Counter] = {}
    by_type: dict[str, Counter] = {}
    total = 0
    for category, org_type, n in (
        responses.values_list("person_category", "organisation_type").annotate(n=Count("pk")).order_by()
    ):
        by_category.setdefault(category or "", Counter())[None] += n
        by_type.setdefault(org_type or "", Counter())[None] += n
        total += n
    hidden = survey.is_anonymous and total < ANONYMITY_THRESHOLD
    category_labels = dict(PersonCategory.choices)
    type_labels = dict(OrganisationType.choices)
    result = Results(
        survey=survey,
        responses=total,
        hidden=hidden,
        questions=[],
        by_category=_groups(survey, by_category, category_labels, nps=False),
        by_organisation_type=_groups(survey, by_type, type_labels, nps=False),
        audience=audience_users(survey).count() if with_audience else None,
    )
    if hidden:
        return result
    answers = EvaluationAnswer.objects.filter(response__survey=survey).order_by()
    numeric: dict[int, dict[str, dict]] = {}
    for question_id, category, org_type, number, n in (
        answers.filter(number__isnull=False)
        .values_list("question_id", "response__person_category", "response__organisation_type", "number")
        .annotate(n=Count("pk"))
    ):
        groups = numeric.setdefault(question_id, {"all": Counter(), "category": {}, "type": {}})
        groups["all"][number] += n
        groups["category"].setdefault(category or "", Counter())[number] += n
        groups["type"].setdefault(org_type or "", Counter())[number] += n
    chosen: dict[int, Counter] = {}
    chosen_respondents: Counter = Counter()
    for question_id, options, n in (
        answers.exclude(options=[]).values_list("question_id", "options").annotate(n=Count("pk"))
    ):
        for index in options:
            chosen.setdefault(question_id, Counter())[index] += n
        chosen_respondents[question_id] += n
    texts: dict[int, list[str]] = {}
    for question_id, text in (
        answers.exclude(text="").values_list("question_id", "text").order_by("response_id")
    ):
        if text.strip():
            texts.setdefault(question_id, []).append(text)
    for question in survey.questions.all():
        qr = QuestionResult(question=question)
        if question.is_numeric:
            groups = numeric.get(question.pk, {"all": Counter(), "category": {}, "type": {}})
            counter = groups["all"]
            qr.respondents = sum(counter.values())
            if question.kind == QuestionKind.SCALE:
                scale = [
                    (value, f"{value} — {label}")
                    for value, label in enumerate(question.scale_labels, start=1)
                ]
            else:
                scale = [(value, str(value)) for value in range(11)]
            qr.rows = [
                Row(label, counter[value], counter[value] / qr.respondents if qr.respondents else 0)
                for value, label in scale
            ]
            if qr.respondents:
                qr.mean = _mean(counter)
                qr.median = _weighted_median(counter)
                if question.kind == QuestionKind.NPS:
                    qr.nps = _nps(counter)
            is_nps = question.kind == QuestionKind.NPS
            qr.groups = {
                "Catégorie de personne": _groups(survey, groups["category"], category_labels, nps=is_nps),
                "Type d'organisation": _groups(survey, groups["type"], type_labels, nps=is_nps),
            }
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counter = chosen.get(question.pk, Counter())
            qr.respondents = chosen_respondents[question.pk]
            qr.rows = [
                Row(option, counter[index], counter[index] / qr.respondents if qr.respondents else 0)
                for index, option in enumerate(question.choices)
            ]
        else:
            qr.texts = texts.get(question.pk, [])
            qr.respondents = len(qr.texts)
            qr.ideas = frequent_terms(qr.texts, limit=10) if qr.texts else None
        result.questions.append(qr)
    return result


# The audience (people the survey is for) follows the directory, which does not bump the survey's
# generation: the cached results are recomputed at least this often.
RESULTS_SECONDS = 600


def results_cache_key(survey: Survey) -> str:
    return f"evaluations:results:v1:{survey.pk}:{survey.results_generation}"


def results_cached(survey: Survey) -> Results:
    """`results(survey)` kept in the shared cache under the survey's generation, which every
    service that changes the results bumps (apps.evaluations.services.survey_results_changed):
    the page recomputes only after a new answer, a question or settings change, or RESULTS_SECONDS."""
    key = results_cache_key(survey)
    found: Results | None = cache.get(key)
    if found is None:
        found = results(survey)
        cache.set(key, found, RESULTS_SECONDS)
    return found


def counts(*, survey_ids: Collection[int] | None = None) -> dict[int, int]:
    """{survey id: number of responses}."""
    qs = EvaluationResponse.objects.all()
    if survey_ids is not None:
        qs = qs.filter(survey_id__in=survey_ids)
    return dict(qs.values_list("survey_id").annotate(n=Count("pk")).values_list("survey_id", "n"))
