"""Background tasks of the resource hub, run by the db_worker (see docs/resources.md for the schedule)."""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.db.models import F, Q
from django.tasks import task
from django.utils import timezone

logger = logging.getLogger("maillage")

# Reminders go out this many days before the review-by date.
REMINDER_BEFORE_DAYS = 14
# A link that times out or answers 5xx is only marked broken after this many consecutive failures.
BROKEN_AFTER_FAILURES = 2


def _link_settings() -> tuple[float, float]:
    timeout = float(getattr(settings, "MAILLAGE_LINK_CHECK_TIMEOUT", 10))
    delay = float(getattr(settings, "MAILLAGE_LINK_CHECK_DELAY", 2))
    return timeout, delay


@task()
def check_resource_links(*, resource_ids: list[int] | None = None) -> dict:
    """Check the external link of every published resource (or of `resource_ids`), record the
    outcome and mail each owner the links that just broke. Returns counts per outcome."""
    from apps.core.emails import email_send_templated
    from apps.resources.linkcheck import check_urls_politely
    from apps.resources.models import LINK_CHECK_FIELDS, LinkStatus, Resource, ResourceStatus

    qs = Resource.objects.filter(status=ResourceStatus.PUBLISHED).exclude(url="").select_related("owner")
    if resource_ids is not None:
        qs = qs.filter(pk__in=resource_ids)
    by_url = defaultdict(list)
    for resource in qs:
        by_url[resource.url].append(resource)
    timeout, delay = _link_settings()
    counts = defaultdict(int)
    newly_broken = defaultdict(list)
    now = timezone.now()
    for url, result in check_urls_politely(list(by_url), timeout=timeout, delay=delay):
        counts[result.outcome] += 1
        for resource in by_url[url]:
            was_broken = resource.link_status == LinkStatus.BROKEN
            if result.outcome in ("ok", "redirect"):
                resource.link_status = LinkStatus.OK if result.outcome == "ok" else LinkStatus.REDIRECT
                resource.link_failures = 0
            else:
                resource.link_failures += 1
                if result.outcome == "broken" or resource.link_failures >= BROKEN_AFTER_FAILURES:
                    resource.link_status = LinkStatus.BROKEN
                else:
                    resource.link_status = LinkStatus.UNREACHABLE
            resource.link_status_code = result.code
            resource.link_final_url = result.final_url[:500] if result.outcome == "redirect" else ""
            resource.link_error = result.error[:300]
            resource.link_checked_at = now
            resource.save(update_fields=list(LINK_CHECK_FIELDS))
            if resource.link_status == LinkStatus.BROKEN and not was_broken:
                newly_broken[_recipient(resource)].append(resource)
    for email, resources in newly_broken.items():
        if email:
            email_send_templated(
                to=email, template="resources/emails/broken_links", context={"resources": resources}
            )
    logger.info("resource links checked: %s", dict(counts))
    return dict(counts)


def _recipient(resource) -> str:
    if resource.owner_id and resource.owner.is_active:
        return resource.owner.email
    return settings.MAILLAGE_CONTACT_EMAIL


@task()
def send_resource_reminders() -> int:
    """Remind each owner, in one mail, of the resources to review within REMINDER_BEFORE_DAYS and of
    those past their review-by date. Each reminder is sent once per review-by date: renewing the
    resource ("toujours à jour") re-arms them. Returns the number of mails queued."""
    from apps.core.emails import email_send_templated
    from apps.resources.models import Resource, ResourceStatus

    today = timezone.localdate()
    horizon = today + datetime.timedelta(days=REMINDER_BEFORE_DAYS)
    qs = (
        Resource.objects.filter(status=ResourceStatus.PUBLISHED, owner__isnull=False, owner__is_active=True)
        .filter(review_by__lte=horizon)
        .select_related("owner")
        .order_by("review_by")
    )
    before, after = defaultdict(list), defaultdict(list)
    for resource in qs.filter(
        Q(review_by__lt=today)
        & (Q(reminder_after_sent_for__isnull=True) | ~Q(reminder_after_sent_for=F("review_by")))
    ):
        after[resource.owner].append(resource)
    for resource in qs.filter(
        Q(review_by__gte=today)
        & (Q(reminder_before_sent_for__isnull=True) | ~Q(reminder_before_sent_for=F("review_by")))
    ):
        before[resource.owner].append(resource)
    owners = set(before) | set(after)
    for owner in owners:
        email_send_templated(
            to=owner.email,
            template="resources/emails/review_reminder",
            context={"owner": owner, "before": before[owner], "after": after[owner], "today": today},
        )
        for resource in before[owner]:
            resource.reminder_before_sent_for = resource.review_by
            resource.save(update_fields=["reminder_before_sent_for"])
        for resource in after[owner]:
            resource.reminder_after_sent_for = resource.review_by
            resource.save(update_fields=["reminder_after_sent_for"])
    logger.info("resource reminders: %s mail(s) queued", len(owners))
    return len(owners)
