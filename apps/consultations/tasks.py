"""Background production of the booklet files: WeasyPrint takes seconds on a large booklet,
too long to hold a web request."""

import logging
import time

from django.core.files.base import ContentFile
from django.db import transaction
from django.tasks import task

logger = logging.getLogger("maillage")

FORMATS = ("pdf", "odt", "docx")


@task()
def booklet_render_files(*, booklet_id: int):
    from apps.consultations.booklet import render_files
    from apps.consultations.models import Booklet

    booklet = Booklet.objects.filter(pk=booklet_id).first()
    if booklet is None:
        return
    started = time.perf_counter()
    try:
        outputs = render_files(booklet, FORMATS)
    except Exception as exc:
        logger.exception("booklet %s rendering failed", booklet_id)
        Booklet.objects.filter(pk=booklet_id).update(
            file_status=Booklet.FileStatus.FAILED, file_error=str(exc)[:2000]
        )
        return
    old = [getattr(booklet, fmt).name for fmt in FORMATS if getattr(booklet, fmt)]
    for fmt, (content, _type, filename) in outputs.items():
        getattr(booklet, fmt).save(filename, ContentFile(content), save=False)
    booklet.file_status = Booklet.FileStatus.READY
    booklet.render_seconds = round(time.perf_counter() - started, 2)
    booklet.save(update_fields=[*FORMATS, "file_status", "render_seconds", "updated_at"])
    # The previous files go only once the row points to the new ones: a worker killed in between
    # leaves an unused file behind, never a row pointing to a deleted one.
    storage = Booklet._meta.get_field("pdf").storage
    transaction.on_commit(lambda: [storage.delete(name) for name in old])
    logger.info("booklet %s rendered in %.2fs", booklet_id, booklet.render_seconds)
