"""Reads of arbitrages: recap across delegations, status per programme."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from apps.arbitrages.models import ArbitrageResponse, QuestionKind, Questionnaire

if TYPE_CHECKING:
    from apps.arbitrages.models import ArbitrageQuestion
    from apps.programmes.models import Programme


def is_answered(question: ArbitrageQuestion, value: object) -> bool:
    if question.kind == QuestionKind.GRID:
        # A grid counts as answered once the response exists (an empty grid means "no availability").
        return isinstance(value, dict)
    return value not in (None, "", [])


def missing_questions(
    questions: Iterable[ArbitrageQuestion], answers: dict[str, Any]
) -> list[ArbitrageQuestion]:
    return [q for q in questions if q.required and not is_answered(q, answers.get(str(q.pk)))]


def recap(questionnaire: Questionnaire) -> dict:
    questions = list(questionnaire.questions.all())
    delegations = list(questionnaire.delegations.order_by("name"))
    responses = {
        r.delegation_id: r
        for r in ArbitrageResponse.objects.filter(questionnaire=questionnaire).select_related("updated_by")
    }
    rows = []
    for delegation in delegations:
        response = responses.get(delegation.pk)
        answers = response.answers if response else {}
        missing = missing_questions(questions, answers)
        rows.append(
            {
                "delegation": delegation,
                "response": response,
                "cells": [q.format_answer(answers.get(str(q.pk))) for q in questions],
                "missing": missing,
                "complete": response is not None and not missing,
            }
        )
    return {
        "questions": questions,
        "rows": rows,
        "complete": sum(1 for r in rows if r["complete"]),
        "started": sum(1 for r in rows if r["response"]),
        "total": len(rows),
    }


def programme_status(programme: Programme) -> list[dict]:
    """Per questionnaire of the programme: how many delegations have fully answered."""
    items = []
    for questionnaire in programme.questionnaires.exclude(status="draft").prefetch_related("questions"):
        data = recap(questionnaire)
        items.append(
            {"questionnaire": questionnaire, **{k: data[k] for k in ("complete", "started", "total")}}
        )
    return items
