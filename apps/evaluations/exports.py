"""The answers of a survey as rows for apps.core.tabular (CSV / XLSX): one row per answer.

For an anonymous survey, rows carry neither names, organisations, categories nor dates (a rare
category plus a date would point at someone), are shuffled in a stable order unrelated to when
people answered, and nothing is exported below 5 answers."""

from __future__ import annotations

import hashlib

from django.utils import timezone

from apps.evaluations.models import (
    ANONYMITY_THRESHOLD,
    EvaluationAnswer,
    EvaluationResponse,
    QuestionKind,
    Survey,
)


def _cell(question, answer) -> object:
    if answer is None:
        return ""
    if question.is_numeric:
        return answer.number
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        return " ; ".join(question.choices[i] for i in answer.options if 0 <= i < len(question.choices))
    return answer.text


def response_rows(survey: Survey) -> list[list[object]] | None:
    responses = list(
        EvaluationResponse.objects.filter(survey=survey).select_related("user").order_by("created_at", "pk")
    )
    if survey.is_anonymous and len(responses) < ANONYMITY_THRESHOLD:
        return None
    questions = list(survey.questions.all())
    answers: dict[tuple[int, int], EvaluationAnswer] = {
        (a.response_id, a.question_id): a for a in EvaluationAnswer.objects.filter(response__survey=survey)
    }
    if survey.is_anonymous:
        header = ["Réponse"]
        responses.sort(key=lambda r: hashlib.sha256(f"{survey.pk}-{r.pk}".encode()).hexdigest())
    else:
        header = ["Réponse", "Personne", "Organisation", "Catégorie", "Type d'organisation", "Modifiée le"]
    rows: list[list[object]] = [header + [q.label for q in questions]]
    for number, response in enumerate(responses, start=1):
        row: list[object] = [number]
        if not survey.is_anonymous:
            who = response.user or response.updated_by
            row += [
                (who.get_full_name() or who.email) if who else "",
                response.organisation_name,
                response.get_person_category_display(),
                response.get_organisation_type_display(),
                timezone.localtime(response.updated_at).replace(tzinfo=None),
            ]
        row += [_cell(q, answers.get((response.pk, q.pk))) for q in questions]
        rows.append(row)
    return rows
