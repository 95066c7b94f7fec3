"""Results table of a poll: one query for the options, one for all the choices."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from apps.polls.models import AnswerValue, PollAnswer, PollChoice

if TYPE_CHECKING:
    from apps.polls.models import Poll


def results(poll: Poll) -> dict[str, Any]:
    options = list(poll.options.all())
    answers = list(PollAnswer.objects.filter(poll=poll).select_related("user"))
    by_answer: defaultdict[int, dict[int, str]] = defaultdict(dict)
    totals: dict[int, Counter[str]] = {o.pk: Counter() for o in options}
    for answer_id, option_id, value in PollChoice.objects.filter(answer__poll=poll).values_list(
        "answer_id", "option_id", "value"
    ):
        by_answer[answer_id][option_id] = value
        if option_id in totals:
            totals[option_id][value] += 1
    rows: list[dict[str, Any]] = [
        {"answer": a, "cells": [by_answer[a.pk].get(o.pk, AnswerValue.NO) for o in options]} for a in answers
    ]
    summary: list[dict[str, Any]] = [
        {
            "option": o,
            "yes": totals[o.pk][AnswerValue.YES],
            "maybe": totals[o.pk][AnswerValue.MAYBE],
            "no": totals[o.pk][AnswerValue.NO],
        }
        for o in options
    ]
    best = max(((s["yes"], s["maybe"]) for s in summary), default=(0, 0))
    for s in summary:
        s["best"] = best != (0, 0) and (s["yes"], s["maybe"]) == best
    for s, column in zip(summary, range(len(options)), strict=True):
        # Who answered what, per option: the phone layout lists names under each slot.
        s["people"] = {value: [] for value in AnswerValue.values}
        for row in rows:
            s["people"][row["cells"][column]].append(row["answer"].user)
    return {
        "options": options,
        "rows": rows,
        "summary": summary,
        "days": _days(summary),
        "best": [s for s in summary if s["best"]],
        "count": len(answers),
    }


def _days(summary: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Options grouped by day (Framadate-like headers: the weekday and date over its time slots)."""
    days: list[dict[str, Any]] = []
    for item in summary:
        option = item["option"]
        if days and days[-1]["key"] == option.day_key:
            days[-1]["items"].append(item)
        else:
            days.append({"key": option.day_key, "label": option.day_label, "items": [item]})
    for day in days:
        day["span"] = len(day["items"])
    return days
