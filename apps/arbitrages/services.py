"""Writes of arbitrage questionnaires."""

from django.db import transaction
from django.utils import timezone

from apps.arbitrages.models import Questionnaire, QuestionnaireStatus, Response, ResponseRevision
from apps.arbitrages.selectors import missing_questions
from apps.core.emails import email_send_templated


def _emails_of(delegation) -> list[str]:
    return sorted(
        {
            m.person.user.email
            for m in delegation.memberships.select_related("person__user")
            if m.person.user_id and m.person.user.is_active and not m.person.is_removed
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


def questionnaire_remind(*, questionnaire: Questionnaire, now=None) -> int:
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


def response_save(*, questionnaire: Questionnaire, delegation, answers: dict, by) -> Response:
    """Store the delegation's answer and keep the former one in the history."""
    with transaction.atomic():
        response, _ = Response.objects.select_for_update().get_or_create(
            questionnaire=questionnaire, delegation=delegation
        )
        response.answers = answers
        response.updated_by = by
        response.save()
        ResponseRevision.objects.create(response=response, answers=answers, created_by=by)
    return response


def questionnaire_save(*, form, formset, user) -> Questionnaire:
    with transaction.atomic():
        questionnaire = form.save(commit=False)
        if questionnaire.pk is None:
            questionnaire.created_by = user
        questionnaire.save()
        questionnaire.delegations.set(form.cleaned_data["delegations"])
        formset.instance = questionnaire
        formset.save()
    return questionnaire
