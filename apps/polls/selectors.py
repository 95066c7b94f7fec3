"""Results table of a poll: one query for the options, one for all the choices."""

from collections import Counter, defaultdict

from apps.polls.models import AnswerValue, PollAnswer, PollChoice


def results(poll):
    options = list(poll.options.all())
    answers = list(PollAnswer.objects.filter(poll=poll).select_related("user"))
    by_answer = defaultdict(dict)
    totals = {o.pk: Counter() for o in options}
    for answer_id, option_id, value in PollChoice.objects.filter(answer__poll=poll).values_list(
        "answer_id", "option_id", "value"
    ):
        by_answer[answer_id][option_id] = value
        if option_id in totals:
            totals[option_id][value] += 1
    rows = [
        {"answer": a, "cells": [by_answer[a.pk].get(o.pk, AnswerValue.NO) for o in options]} for a in answers
    ]
    summary = [
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
    return {"options": options, "rows": rows, "summary": summary, "count": len(answers)}
