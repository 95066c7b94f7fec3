"""Writes of the members' evaluation. Mail goes through apps.core.emails from the worker."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Required, TypedDict, Unpack

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.core.tasks import enqueue_on_commit
from apps.evaluations.models import (
    EvaluationAnswer,
    EvaluationInvitation,
    EvaluationQuestion,
    EvaluationResponse,
    QuestionKind,
    Survey,
    SurveyStatus,
)
from apps.evaluations.selectors import audience_users, respondent_organisation

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from apps.accounts.models import User
    from apps.events.models import Event


SURVEY_FIELDS = (
    "title",
    "introduction",
    "opens_on",
    "closes_on",
    "is_anonymous",
    "per_organisation",
    "audience",
    "segment_categories",
    "segment_organisation_types",
    "segment_region",
)


class SurveyClosed(Exception):
    """The survey does not take answers (any more)."""


def survey_results_changed(*, survey: Survey) -> None:
    """A new generation of the survey's results: the cached results page is recomputed at its
    next view (apps.evaluations.selectors.results_cached). Called by every service below that
    changes what the results show."""
    Survey.objects.filter(pk=survey.pk).update(results_generation=F("results_generation") + 1)
    survey.refresh_from_db(fields=["results_generation"])


def survey_create(*, user: User, data: dict[str, Any], events: Iterable[Event] = ()) -> Survey:
    survey = Survey(created_by=user, **{key: data[key] for key in SURVEY_FIELDS if key in data})
    with transaction.atomic():
        survey.save()
        survey.events.set(events)
    return survey


def survey_update(*, survey: Survey, data: dict[str, Any], events: Iterable[Event] = ()) -> Survey:
    for key in SURVEY_FIELDS:
        if key in data:
            setattr(survey, key, data[key])
    with transaction.atomic():
        survey.save()
        survey.events.set(events)
        survey_results_changed(survey=survey)
    return survey


def survey_publish(*, survey: Survey) -> Survey:
    survey.status = SurveyStatus.PUBLISHED
    survey.save(update_fields=["status", "updated_at"])
    return survey


def survey_unpublish(*, survey: Survey) -> Survey:
    """Back to draft: only while nobody has answered (the view checks it)."""
    survey.status = SurveyStatus.DRAFT
    survey.save(update_fields=["status", "updated_at"])
    return survey


def survey_delete(*, survey: Survey) -> None:
    survey.delete()


class QuestionFields(TypedDict, total=False):
    """What the animator writes of a question (the survey sets its position)."""

    kind: Required[str]
    label: Required[str]
    help_text: str
    required: bool
    choices: Iterable[str]


def _question_write(question: EvaluationQuestion, fields: QuestionFields) -> EvaluationQuestion:
    question.kind = fields["kind"]
    question.label = fields["label"]
    question.help_text = fields.get("help_text", "")
    question.required = fields.get("required", False)
    question.choices = _clean_choices(question.kind, fields.get("choices", ()))
    question.save()
    survey_results_changed(survey=question.survey)
    return question


def question_add(*, survey: Survey, **fields: Unpack[QuestionFields]) -> EvaluationQuestion:
    position = (survey.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    return _question_write(EvaluationQuestion(survey=survey, position=position), fields)


def _clean_choices(kind: str, choices: Iterable[object]) -> list[str]:
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE):
        return [str(c).strip() for c in choices if str(c).strip()]
    return []


def question_update(*, question: EvaluationQuestion, **fields: Unpack[QuestionFields]) -> EvaluationQuestion:
    return _question_write(question, fields)


def question_delete(*, question: EvaluationQuestion) -> None:
    survey = question.survey
    question.delete()
    survey_results_changed(survey=survey)


def question_move(*, question: EvaluationQuestion, offset: int) -> None:
    """Swap with the previous (offset -1) or next (+1) question; positions are renumbered 1..n."""
    questions = list(question.survey.questions.all())
    index = questions.index(question)
    target = index + offset
    if not 0 <= target < len(questions):
        return
    questions[index], questions[target] = questions[target], questions[index]
    for position, item in enumerate(questions, start=1):
        item.position = position
    EvaluationQuestion.objects.bulk_update(questions, ["position"])
    survey_results_changed(survey=question.survey)


def response_save(*, survey: Survey, user: User, answers: dict[int, Any]) -> EvaluationResponse:
    """Store `user`'s answer (their organisation's when the survey asks one per organisation),
    replacing the former one. `answers` maps question ids to an int (scale, NPS), a list of option
    indexes (choices) or a text; missing or empty values are stored as no answer."""
    if not survey.is_open:
        raise SurveyClosed("Cette évaluation n'est pas ouverte.")
    organisation = respondent_organisation(survey, user)
    person = getattr(user, "person", None)
    lookup = {"organisation": organisation} if survey.per_organisation else {"user": user}
    if survey.per_organisation and organisation is None:
        raise SurveyClosed("Vous ne répondez au nom d'aucune organisation membre.")
    with transaction.atomic():
        response = (
            EvaluationResponse.objects.select_for_update(of=("self",)).filter(survey=survey, **lookup).first()
        )
        if response is None:
            try:
                with transaction.atomic():
                    response = EvaluationResponse.objects.create(survey=survey, **lookup)
            except IntegrityError:  # a colleague (or another tab) created it meanwhile
                response = EvaluationResponse.objects.select_for_update(of=("self",)).get(
                    survey=survey, **lookup
                )
        response.person_category = getattr(person, "category", "") or ""
        response.organisation_type = organisation.type if organisation else ""
        response.organisation_name = organisation.name if organisation else ""
        response.updated_by = user
        response.save()
        response.answers.all().delete()
        rows = []
        for question in survey.questions.all():
            value = answers.get(question.pk)
            if value in (None, "", []):
                continue
            if question.is_numeric:
                rows.append(EvaluationAnswer(response=response, question=question, number=int(value)))
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                options = value if isinstance(value, list) else [value]
                rows.append(
                    EvaluationAnswer(
                        response=response, question=question, options=sorted(int(o) for o in options)
                    )
                )
            else:
                rows.append(EvaluationAnswer(response=response, question=question, text=str(value).strip()))
        EvaluationAnswer.objects.bulk_create(rows)
        survey_results_changed(survey=survey)
    return response


# --------------------------------------------------------------------------- invitations


def survey_invitations_enqueue(*, survey: Survey, reminder: bool = False) -> None:
    from apps.evaluations.tasks import survey_invitations_task

    field = "reminders_sent_at" if reminder else "invitations_sent_at"
    setattr(survey, field, timezone.now())
    survey.save(update_fields=[field])
    enqueue_on_commit(survey_invitations_task, survey_id=survey.pk, reminder=reminder)


def _answered_filter(survey: Survey) -> QuerySet[Any, Any]:
    """Users whose answer (or whose organisation's answer) is in."""
    if survey.per_organisation:
        from apps.directory.models import Membership

        orgs = EvaluationResponse.objects.filter(survey=survey, organisation__isnull=False).values(
            "organisation_id"
        )
        return Membership.objects.filter(organisation_id__in=orgs).values("person__user_id")
    return EvaluationResponse.objects.filter(survey=survey, user__isnull=False).values("user_id")


def invitations_send(*, survey: Survey, batch: int = 500) -> int:
    """Invite every person of the audience not invited yet (once each: safe to run again)."""
    if not survey.is_open:
        return 0
    sent = 0
    invited = EvaluationInvitation.objects.filter(survey=survey).values("user_id")
    pending = audience_users(survey).exclude(pk__in=invited).order_by("pk")
    while True:
        users = list(pending.only("pk", "email", "first_name", "last_name")[:batch])
        if not users:
            return sent
        with transaction.atomic():
            EvaluationInvitation.objects.bulk_create(
                [EvaluationInvitation(survey=survey, user=user) for user in users], ignore_conflicts=True
            )
            for user in users:
                _mail(survey, user, "invitation")
        sent += len(users)


def reminders_send(*, survey: Survey, batch: int = 500) -> int:
    """Remind, once, the invited people who have not answered yet."""
    if not survey.is_open:
        return 0
    sent = 0
    todo = (
        EvaluationInvitation.objects.filter(survey=survey, reminded_at__isnull=True, user__is_active=True)
        .exclude(user_id__in=_answered_filter(survey))
        .select_related("user")
        .order_by("pk")
    )
    while True:
        invitations = list(todo[:batch])
        if not invitations:
            return sent
        now = timezone.now()
        with transaction.atomic():
            for invitation in invitations:
                invitation.reminded_at = now
                _mail(survey, invitation.user, "reminder")
            EvaluationInvitation.objects.bulk_update(invitations, ["reminded_at"])
        sent += len(invitations)


def _mail(survey: Survey, user: User, template: str) -> None:
    email_send_templated(
        to=user.email,
        template=f"evaluations/emails/{template}",
        context={"survey": survey, "user": user, "url": survey.get_absolute_url()},
    )
