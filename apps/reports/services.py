"""Writes of the annual reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.utils import timezone

from apps.reports.models import AnnualReport

if TYPE_CHECKING:
    from apps.accounts.models import User


TEXT_FIELDS = ("title", "introduction", "highlights", "proposals")


def report_create(*, user: User, start: datetime.date, end: datetime.date, title: str = "") -> AnnualReport:
    """The report of a period (one per period: asking again returns the existing one)."""
    if not title:
        title = (
            f"Bilan d'activité {start.year}"
            if (start.month, start.day, end.month, end.day, start.year) == (1, 1, 12, 31, end.year)
            else f"Bilan d'activité du {start:%d/%m/%Y} au {end:%d/%m/%Y}"
        )
    report, _ = AnnualReport.objects.get_or_create(
        start=start, end=end, defaults={"title": title, "created_by": user, "updated_by": user}
    )
    return report


def report_texts_update(*, report: AnnualReport, user: User, texts: dict[str, str]) -> AnnualReport:
    """The coordinator's texts: the only part of the report that is stored."""
    for key in TEXT_FIELDS:
        if key in texts:
            setattr(report, key, texts[key])
    report.updated_by = user
    report.texts_updated_at = timezone.now()
    report.save()
    return report


def report_delete(*, report: AnnualReport) -> None:
    report.delete()


def report_figures_refresh(*, report: AnnualReport) -> None:
    """Forget the cached figures: the next render recomputes them from the data."""
    from apps.reports.selectors import cache_key

    cache.delete(cache_key(report))


def report_documents_request(*, report: AnnualReport) -> None:
    """Ask the worker for fresh PDF, ODT and DOCX files (never produced inside a request)."""
    from apps.core.tasks import enqueue_on_commit
    from apps.reports.tasks import report_documents_task

    report.documents_requested_at = timezone.now()
    report.documents_error = ""
    report.save(update_fields=["documents_requested_at", "documents_error"])
    enqueue_on_commit(report_documents_task, report_id=report.pk)
