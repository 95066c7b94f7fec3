"""Writes of arbitrage questionnaires."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, TypedDict

from django.db import transaction
from django.utils import timezone

from apps.arbitrages.models import (
    ArbitrageQuestion,
    ArbitrageResponse,
    ArbitrageResponseRevision,
    Questionnaire,
    QuestionnaireStatus,
)
from apps.arbitrages.selectors import missing_questions
from apps.core.emails import email_send_templated
from apps.core.services import model_save

if TYPE_CHECKING:
    import datetime

    from apps.accounts.models import User
    from apps.directory.models import Organisation
    from apps.programmes.models import Programme


def _emails_of(delegation: Organisation) -> list[str]:
    return sorted(
        {
            user.email
            for m in delegation.memberships.select_related("person__user")
            if (user := m.person.user) is not None and user.is_active and not m.person.is_removed
        }
    )


def questionnaire_send(*, questionnaire: Questionnaire) -> int:
    """Open the questionnaire and tell each delegation's members. Returns the number of mails."""
    sent = 0
    with transaction.atomic():
        questionnaire.status = QuestionnaireStatus.OPEN
        questionnaire.sent_at = timezone.now()
        questionnaire.save(update_fields=["status", "sent_at"])
        for delegation in questionnaire.delegations.all():
            for email in _emails_of(delegation):
                email_send_templated(
                    to=email,
                    template="arbitrages/emails/sent",
                    context={"questionnaire": questionnaire, "delegation": delegation},
                )
                sent += 1
    return sent


def questionnaire_remind(*, questionnaire: Questionnaire, now: datetime.datetime | None = None) -> int:
    """Remind the members of delegations whose answer is missing or incomplete."""
    now = now or timezone.now()
    questions = list(questionnaire.questions.all())
    responses = {r.delegation_id: r for r in questionnaire.responses.all()}
    sent = 0
    with transaction.atomic():
        for delegation in questionnaire.delegations.all():
            response = responses.get(delegation.pk)
            missing = missing_questions(questions, response.answers if response else {})
            if response is not None and not missing:
                continue
            for email in _emails_of(delegation):
                email_send_templated(
                    to=email,
                    template="arbitrages/emails/reminder",
                    context={"questionnaire": questionnaire, "delegation": delegation, "missing": missing},
                )
                sent += 1
        questionnaire.last_reminder_at = now
        questionnaire.save(update_fields=["last_reminder_at"])
    return sent


def questionnaire_close(*, questionnaire: Questionnaire) -> None:
    questionnaire.status = QuestionnaireStatus.CLOSED
    questionnaire.save(update_fields=["status"])


def response_save(
    *, questionnaire: Questionnaire, delegation: Organisation, answers: dict, by: User
) -> ArbitrageResponse:
    """Store the delegation's answer and keep the former one in the history."""
    with transaction.atomic():
        response, _ = ArbitrageResponse.objects.select_for_update(of=("self",)).get_or_create(
            questionnaire=questionnaire, delegation=delegation
        )
        response.answers = answers
        response.updated_by = by
        response.save()
        ArbitrageResponseRevision.objects.create(response=response, answers=answers, created_by=by)
    return response


class QuestionnaireData(TypedDict, total=False):
    title: str
    programme: Programme | None
    intro: str
    deadline: datetime.datetime | None
    delegations: Iterable[Organisation]


class QuestionData(TypedDict, total=False):
    question: ArbitrageQuestion | None  # the stored question this rewrites; None for a new one
    position: int
    kind: str
    short_label: str
    label: str
    help_text: str
    required: bool
    choices: str
    grid_rows: str
    grid_columns: str


@transaction.atomic
def questionnaire_save(
    *,
    questionnaire: Questionnaire | None,
    data: QuestionnaireData,
    questions: Sequence[QuestionData],
    by: User,
) -> Questionnaire:
    """Write a new questionnaire (`questionnaire` None) or rewrite a draft: its questions become
    exactly `questions` (stored ones not listed are deleted)."""
    if questionnaire is None:
        questionnaire = Questionnaire(created_by=by)
    model_save(instance=questionnaire, data=dict(data))
    kept = []
    for row in questions:
        fields = {name: value for name, value in row.items() if name != "question"}
        stored = row.get("question")
        if stored is not None and stored.questionnaire_id != questionnaire.pk:
            raise ValueError("A question of another questionnaire")
        question = model_save(instance=stored or ArbitrageQuestion(questionnaire=questionnaire), data=fields)
        kept.append(question.pk)
    questionnaire.questions.exclude(pk__in=kept).delete()
    return questionnaire
