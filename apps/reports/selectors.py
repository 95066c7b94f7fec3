"""The report's content: figures of the period and of the previous one, and the results of the
members' evaluations of the period. Recomputed from the data when older than FRESH_SECONDS (the
page then answers from the shared cache; "Recalculer" forces a new computation)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from apps.cockpit.figures import Period
from apps.evaluations import selectors as evaluation_selectors
from apps.reports.figures import Comparison, ReportFigures, comparison, previous_period, report_figures
from apps.reports.models import AnnualReport

FRESH_SECONDS = 300


@dataclass
class ReportContent:
    figures: ReportFigures
    previous: ReportFigures
    comparison: list[Comparison]
    evaluations: list  # evaluation_selectors.Results


def cache_key(report: AnnualReport) -> str:
    return f"reports:content:v1:{report.start.isoformat()}:{report.end.isoformat()}"


def build(report: AnnualReport) -> ReportContent:
    period = Period(start=report.start, end=report.end)
    current = report_figures(period)
    previous = report_figures(previous_period(period))
    return ReportContent(
        figures=current,
        previous=previous,
        comparison=comparison(current, previous),
        evaluations=[evaluation_selectors.results(survey) for survey in current.surveys],
    )


def content(report: AnnualReport) -> ReportContent:
    key = cache_key(report)
    found: ReportContent | None = cache.get(key)
    if found is None:
        found = build(report)
        cache.set(key, found, FRESH_SECONDS)
    return found


def fingerprint(report: AnnualReport, content: ReportContent) -> str:
    """What the files were made from: the texts and every figure (not the time of computation). A
    file whose fingerprint differs from the page's is outdated."""
    figures = (content.figures.activity, content.figures.growth, content.comparison)
    evaluations = [
        (r.survey.pk, r.responses, [(q.respondents, q.mean, q.nps) for q in r.questions])
        for r in content.evaluations
    ]
    texts = (report.title, report.introduction, report.highlights, report.proposals)
    return hashlib.sha256(repr((texts, figures, evaluations)).encode()).hexdigest()
