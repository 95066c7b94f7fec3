"""The report's PDF, ODT and DOCX, produced in the worker through the shared document builder
(apps/core/documents/). Idempotent: each run replaces the three files with fresh ones."""

import logging
import time

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone

from apps.reports.models import AnnualReport, DocumentFormat, ReportFile

logger = logging.getLogger("maillage")


def report_documents_produce(*, report: AnnualReport) -> list[ReportFile]:
    from apps.core.documents import render_file
    from apps.reports import selectors
    from apps.reports.document import build_document
    from apps.reports.selectors import fingerprint

    content = selectors.build(report)  # fresh figures, also given to the page
    cache.set(selectors.cache_key(report), content, selectors.FRESH_SECONDS)
    document = build_document(report, content)
    stamp = fingerprint(report, content)
    produced = []
    for fmt in DocumentFormat.values:
        began = time.perf_counter()
        data, _content_type, filename = render_file(document, fmt)
        duration = round((time.perf_counter() - began) * 1000)
        with transaction.atomic():
            old = ReportFile.objects.select_for_update(of=("self",)).filter(report=report, format=fmt).first()
            previous_name = old.file.name if old else ""
            item = old or ReportFile(report=report, format=fmt)
            item.file.save(filename, ContentFile(data), save=False)
            item.size = len(data)
            item.fingerprint = stamp
            item.figures_at = content.figures.computed_at
            item.generated_at = timezone.now()
            item.duration_ms = duration
            item.save()
            if previous_name and previous_name != item.file.name:
                storage = item.file.storage
                transaction.on_commit(lambda name=previous_name, storage=storage: storage.delete(name))
        logger.info("report %s: %s produced in %s ms (%s bytes)", report.pk, fmt, duration, len(data))
        produced.append(item)
    AnnualReport.objects.filter(pk=report.pk).update(documents_error="")
    return produced


@task()
def report_documents_task(*, report_id: int) -> int:
    report = AnnualReport.objects.filter(pk=report_id).first()
    if report is None:
        return 0
    try:
        return len(report_documents_produce(report=report))
    except Exception as exc:
        AnnualReport.objects.filter(pk=report_id).update(
            documents_error=f"{type(exc).__name__} : {exc}"[:2000]
        )
        raise
