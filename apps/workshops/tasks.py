"""Background production of a day's booklet files (PDF, ODT, DOCX).

Idempotent and debounced: every change enqueues this task to run a few seconds later
(`MAILLAGE_WORKSHOP_FILES_DEBOUNCE`); a run that finds the files already at the day's current
version does nothing, and a run that comes while changes are still arriving leaves the work to
the task the latest change enqueued. The booklet's data is built once, then laid out in the three
formats, the PDF first; each file is stored as soon as it is ready, with its own rendering time.

A worker killed mid-way (SIGKILL, out of memory, a deploy) leaves the previous files, still
marked outdated, and never a half-written one: a new file is written, then swapped in by one
transaction, and the old one deleted only after it commits. The killed task stays "running" in
the task table; `manage.py workshops_render_due` (cron, every minute) enqueues a new one once
`MAILLAGE_WORKSHOP_RENDER_TIMEOUT` has passed.
"""

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("maillage")

FORMATS = ("pdf", "odt", "docx")


@task()
def workshop_render_files(*, day_id: int, force: bool = False) -> str:
    from apps.core.documents import render_file
    from apps.workshops.booklet import booklet_document
    from apps.workshops.models import WorkshopDay, WorkshopRenderState

    day = WorkshopDay.objects.filter(pk=day_id).first()
    if day is None:
        return "missing"
    version = day.data_version
    current = set(day.booklet_files.filter(data_version=version).values_list("fmt", flat=True))
    if not force and current == set(FORMATS):
        return "up to date"
    quiet = dt.timedelta(seconds=settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE)
    if not force and quiet and timezone.now() - day.data_changed_at < quiet * 0.9:
        return "debounced"  # a later task (enqueued by the latest change) will do it
    started = time.perf_counter()
    WorkshopRenderState.objects.filter(day=day).update(running_since=timezone.now())
    try:
        document = booklet_document(day)
        for fmt in FORMATS:  # the PDF first: each file is served as soon as it is ready
            begun = time.perf_counter()
            content, _type, filename = render_file(document, fmt)
            _store(day, fmt, content, filename, version, round(time.perf_counter() - begun, 2))
    except Exception as exc:
        logger.exception("workshop day %s: rendering failed", day_id)
        WorkshopRenderState.objects.filter(day=day).update(last_error=str(exc)[:2000], running_since=None)
        return "failed"
    seconds = round(time.perf_counter() - started, 2)
    WorkshopRenderState.objects.filter(day=day).update(last_error="", running_since=None)
    logger.info("workshop day %s: files rendered in %.2fs (version %s)", day_id, seconds, version)
    return "rendered"


def _store(day, fmt: str, content: bytes, filename: str, version: int, seconds: float) -> None:
    """Swap in the new file of one format: written first, then pointed to in one transaction;
    the old file is deleted only once that transaction has committed."""
    from apps.workshops.models import WorkshopBookletFile, WorkshopRenderState

    replaced: list = []
    with transaction.atomic():
        # One writer at a time per day: two workers finishing together must not both insert.
        WorkshopRenderState.objects.select_for_update(of=("self",)).filter(day=day).first()
        old = WorkshopBookletFile.objects.filter(day=day, fmt=fmt).first()
        if old is not None and old.data_version > version:
            return  # a newer run already stored a newer file
        new = WorkshopBookletFile(
            day=day,
            fmt=fmt,
            original_name=filename,
            data_version=version,
            generated_at=timezone.now(),
            render_seconds=seconds,
        )
        new.file.save(filename, ContentFile(content), save=False)
        if old is not None:
            replaced.append(old.file)
            old.delete()
        new.save()
        transaction.on_commit(lambda: [f.delete(save=False) for f in replaced if f])
