"""Background tasks of the aid directory, run by the db_worker (see docs/aids.md for the schedule)."""

import datetime
import logging
from urllib.parse import urlencode

from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("maillage")

# An aid enters the "closing soon" part of a digest when its closing date gets this close.
DEADLINE_WINDOW_DAYS = 14


def saved_search_digest(saved_search, *, now=None) -> dict:
    """What the next digest of `saved_search` contains: aids published since the last digest, and
    aids whose closing date entered the deadline window since then. Stateless: it only needs
    `last_sent_at`, so a missed run never loses nor repeats an aid."""
    from apps.aids.selectors import aid_search

    now = now or timezone.now()
    today = timezone.localdate(now)
    since = saved_search.last_sent_at or (now - datetime.timedelta(days=7))
    base = aid_search(
        user=saved_search.user,
        query=saved_search.query,
        territory=saved_search.territory,
        beneficiary=saved_search.beneficiary,
        theme=saved_search.theme,
        kind=saved_search.kind,
        today=today,
    ).filter(status="published")
    new = list(base.filter(created_at__gt=since, created_at__lte=now).select_related("perimeter")[:50])
    window_end = today + datetime.timedelta(days=DEADLINE_WINDOW_DAYS)
    previous_window_end = timezone.localdate(since) + datetime.timedelta(days=DEADLINE_WINDOW_DAYS)
    new_ids = {aid.pk for aid in new}
    closing = [
        aid
        for aid in base.filter(close_date__gt=previous_window_end, close_date__lte=window_end).select_related(
            "perimeter"
        )[:50]
        if aid.pk not in new_ids
    ]
    return {"new": new, "closing": closing}


@task()
def send_aid_alerts():
    """One digest per saved search that has something new. Returns the number of mails queued."""
    from apps.aids.models import SavedSearch
    from apps.core.emails import email_send_templated

    now = timezone.now()
    sent = 0
    for saved_search in SavedSearch.objects.select_related("user", "territory", "theme").filter(
        user__is_active=True
    ):
        digest = saved_search_digest(saved_search, now=now)
        if digest["new"] or digest["closing"]:
            email_send_templated(
                to=saved_search.user.email,
                template="aids/emails/alert_digest",
                context={
                    "saved_search": saved_search,
                    "new": digest["new"],
                    "closing": digest["closing"],
                    "search_path": f"/aides/?{urlencode(saved_search.as_params())}",
                },
            )
            sent += 1
        saved_search.last_sent_at = now
        saved_search.save(update_fields=["last_sent_at"])
    logger.info("aid alerts: %s digest(s) queued", sent)
    return sent


@task()
def aid_import_task(*, import_id: int):
    """Run a recorded import (file or API address). Idempotent: re-running an import upserts the
    same aids by their source id and closes nothing the listing still contains."""
    from apps.aids.importers import aid_import_run
    from apps.aids.models import AidImport

    aid_import = AidImport.objects.filter(pk=import_id).first()
    if aid_import is None:
        return None
    report = aid_import_run(aid_import=aid_import)
    logger.info("aid import %s: %s", import_id, report.summary())
    return report.summary()
