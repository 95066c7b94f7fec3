"""Background production of the booklet files: WeasyPrint takes seconds on a large booklet,
too long to hold a web request."""

import logging
import time

from django.core.files.base import ContentFile
from django.tasks import task

logger = logging.getLogger("maillage")


@task()
def booklet_render_files(*, booklet_id: int):
    from apps.consultations.booklet import render_odt, render_pdf
    from apps.consultations.models import Booklet

    booklet = Booklet.objects.filter(pk=booklet_id).first()
    if booklet is None:
        return
    started = time.perf_counter()
    try:
        pdf = render_pdf(booklet)
        odt = render_odt(booklet)
    except Exception as exc:
        logger.exception("booklet %s rendering failed", booklet_id)
        Booklet.objects.filter(pk=booklet_id).update(
            file_status=Booklet.FileStatus.FAILED, file_error=str(exc)[:2000]
        )
        return
    name = f"livret-{booklet.source.slug}"
    if booklet.pdf:
        booklet.pdf.delete(save=False)
    if booklet.odt:
        booklet.odt.delete(save=False)
    booklet.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
    booklet.odt.save(f"{name}.odt", ContentFile(odt), save=False)
    booklet.file_status = Booklet.FileStatus.READY
    booklet.render_seconds = round(time.perf_counter() - started, 2)
    booklet.save(update_fields=["pdf", "odt", "file_status", "render_seconds", "updated_at"])
    logger.info("booklet %s rendered in %.2fs", booklet_id, booklet.render_seconds)
