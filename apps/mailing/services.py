"""Writes of the mailing app: editions of the letter, subscriptions, messages from places. Every
e-mail goes through the outbox (apps.mailing.outbox.message_queue)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from apps.core.emails import email_send_templated
from apps.mailing import audiences, drafting, rendering
from apps.mailing.models import (
    Edition,
    EditionStatus,
    Kind,
    Message,
    Segment,
    Subscription,
    SubscriptionStatus,
)
from apps.mailing.outbox import message_queue

if TYPE_CHECKING:
    from typing import Any

    from django.db.models import Model

    from apps.accounts.models import User
    from apps.groups.models import Group
    from apps.mailing.models import Announcement, SubjectFollow
    from apps.territories.models import Territory
    from apps.themes.models import Theme


UNSUBSCRIBE_SALT = "mailing.unsubscribe"
CONFIRM_SALT = "mailing.confirm"
CONFIRM_MAX_AGE = 7 * 24 * 3600
DEFAULT_PERIOD_DAYS = 31


class EditionError(Exception):
    """A French message for the coordinator."""


# ---------------------------------------------------------------------------------------------
# Tokens (no login needed to unsubscribe or to confirm)


def unsubscribe_token(address: str) -> str:
    return signing.dumps(address.lower(), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_address(token: str) -> str | None:
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and "@" in value else None


def unsubscribe_url(address: str) -> str:
    site_url: str = settings.MAILLAGE_SITE_URL
    return site_url + reverse("mailing:unsubscribe", args=[unsubscribe_token(address)])


# ---------------------------------------------------------------------------------------------
# Editions


def _unique_slug(title: str) -> str:
    base = slugify(title)[:200] or "lettre"
    slug, n = base, 2
    while Edition.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def edition_create(
    *,
    title: str = "",
    theme: Theme | None = None,
    territory: Territory | None = None,
    segment: str = Segment.ALL,
    segment_value: str = "",
    is_public: bool = True,
    period_start: datetime | None = None,
    created_by: User | None = None,
) -> Edition:
    """A new draft, its blocks built from what happened since the previous edition (of the same
    theme and territory), or in the last month."""
    now = timezone.now()
    if period_start is None:
        previous = (
            Edition.objects.sent().filter(theme=theme, territory=territory).order_by("-sent_at").first()
        )
        period_start = previous.sent_at if previous else now - timedelta(days=DEFAULT_PERIOD_DAYS)
    title = title.strip() or drafting.edition_title(theme=theme, territory=territory)
    return Edition.objects.create(
        title=title,
        slug=_unique_slug(title),
        theme=theme,
        territory=territory,
        period_start=period_start,
        period_end=now,
        blocks=drafting.draft_blocks(start=period_start, end=now, theme=theme, territory=territory),
        segment=segment,
        segment_value=segment_value,
        is_public=is_public,
        created_by=created_by,
    )


def _editable(edition: Edition) -> None:
    if edition.status == EditionStatus.SENT:
        raise EditionError("Cette lettre est déjà envoyée : elle ne se modifie plus.")


def edition_update(
    *, edition: Edition, title: str, intro: str, segment: str, segment_value: str, is_public: bool
) -> Edition:
    _editable(edition)
    edition.title = title.strip() or edition.title
    edition.intro = intro
    edition.segment = segment
    edition.segment_value = segment_value if segment != Segment.ALL else ""
    edition.is_public = is_public
    edition.save()
    return edition


def _block_index(edition: Edition, block_id: str) -> int:
    for index, block in enumerate(edition.blocks):
        if block.get("id") == block_id:
            return index
    raise EditionError("Ce bloc n'existe plus.")


def edition_block_move(*, edition: Edition, block_id: str, offset: int) -> None:
    _editable(edition)
    index = _block_index(edition, block_id)
    target = max(0, min(len(edition.blocks) - 1, index + offset))
    blocks = list(edition.blocks)
    blocks.insert(target, blocks.pop(index))
    edition.blocks = blocks
    edition.save(update_fields=["blocks", "updated_at"])


def edition_block_remove(*, edition: Edition, block_id: str) -> dict:
    _editable(edition)
    blocks = list(edition.blocks)
    removed: dict = blocks.pop(_block_index(edition, block_id))
    edition.blocks = blocks
    edition.save(update_fields=["blocks", "updated_at"])
    return removed


def edition_block_update(*, edition: Edition, block_id: str, title: str, text: str) -> None:
    _editable(edition)
    blocks = list(edition.blocks)
    index = _block_index(edition, block_id)
    blocks[index] = {**blocks[index], "title": title.strip() or blocks[index]["title"], "text": text}
    edition.blocks = blocks
    edition.save(update_fields=["blocks", "updated_at"])


def edition_block_add(*, edition: Edition, title: str, text: str) -> dict:
    _editable(edition)
    block = drafting.text_block(title=title.strip() or "Le mot de l'équipe", text=text)
    edition.blocks = [*edition.blocks, block]
    edition.save(update_fields=["blocks", "updated_at"])
    return block


def edition_item_remove(*, edition: Edition, block_id: str, position: int) -> None:
    _editable(edition)
    blocks = list(edition.blocks)
    index = _block_index(edition, block_id)
    items = list(blocks[index].get("items", []))
    if not 0 <= position < len(items):
        raise EditionError("Cet élément n'existe plus.")
    items.pop(position)
    blocks[index] = {**blocks[index], "items": items}
    edition.blocks = blocks
    edition.save(update_fields=["blocks", "updated_at"])


def edition_redraft(*, edition: Edition) -> Edition:
    """Rebuild the automatic blocks (the coordinators' text blocks are kept, at the end)."""
    _editable(edition)
    kept = [b for b in edition.blocks if b.get("kind") == "text"]
    edition.period_end = timezone.now()
    edition.blocks = [
        *drafting.draft_blocks(
            start=edition.period_start,
            end=edition.period_end,
            theme=edition.theme,
            territory=edition.territory,
        ),
        *kept,
    ]
    edition.save()
    return edition


def edition_send_test(*, edition: Edition, user: User) -> Message:
    """The edition as its recipients will get it, to the coordinator only."""
    subject, text, html = rendering.edition_email(edition)
    return message_queue(
        recipients=[
            (
                user.email,
                user,
                {"first_name": user.first_name, "unsubscribe_url": unsubscribe_url(user.email)},
            )
        ],
        subject=f"[Test] {subject}",
        text=text,
        html=html,
        kind=Kind.TEST,
        source_label=f"Test de la lettre : {edition.title}",
        source_url=reverse("mailing:edition_edit", args=[edition.pk]),
        created_by=user,
    )


def edition_schedule(*, edition: Edition, when: datetime) -> Edition:
    _editable(edition)
    if when <= timezone.now():
        raise EditionError("Choisissez une date et une heure à venir.")
    edition.status = EditionStatus.SCHEDULED
    edition.scheduled_at = when
    edition.save(update_fields=["status", "scheduled_at", "updated_at"])
    return edition


def edition_unschedule(*, edition: Edition) -> Edition:
    _editable(edition)
    edition.status = EditionStatus.DRAFT
    edition.scheduled_at = None
    edition.save(update_fields=["status", "scheduled_at", "updated_at"])
    return edition


def edition_send(*, edition: Edition, by: User | None = None) -> Message:
    """Queue the edition for every recipient of its segment, once: a second call (double click,
    scheduled send racing a manual one) finds it sent and does nothing more."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update(of=("self",)).get(pk=edition.pk)
        if edition.status == EditionStatus.SENT:
            raise EditionError("Cette lettre est déjà envoyée.")
        subject, text, html = rendering.edition_email(edition)
        recipients = [
            (
                address,
                user,
                {
                    "first_name": getattr(user, "first_name", "") or "",
                    "unsubscribe_url": unsubscribe_url(address),
                    # Public subscribers without an account: no members-only block.
                    **({} if user is not None else {"public_reader": True}),
                },
            )
            for address, user in audiences.recipients(edition.segment, edition.segment_value)
        ]
        message = message_queue(
            recipients=recipients,
            subject=subject,
            text=text,
            html=html,
            kind=Kind.NEWSLETTER,
            source_label=f"Lettre : {edition.title} ({audiences.segment_label(edition.segment, edition.segment_value)})",
            source_url=reverse("mailing:edition_edit", args=[edition.pk]),
            created_by=by or edition.created_by,
        )
        edition.status = EditionStatus.SENT
        edition.sent_at = timezone.now()
        edition.message = message
        edition.save(update_fields=["status", "sent_at", "message", "updated_at"])
    return message


def editions_send_due() -> int:
    """Send the scheduled editions whose time has come (cron: manage.py mailing_wake)."""
    sent = 0
    for edition in Edition.objects.due(timezone.now()):
        try:
            edition_send(edition=edition)
        except EditionError:
            continue
        sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# Subscriptions and consent


def subscription_request(*, address: str) -> Subscription | None:
    """Someone asks for the public letter: a confirmation e-mail (double opt-in). Says nothing
    about whether the address was known (no enumeration): the caller always shows the same page."""
    address = address.strip().lower()
    row = Subscription.objects.filter(address__iexact=address).first()
    if row is not None and row.status == SubscriptionStatus.SUBSCRIBED:
        return row
    if row is None:
        row = Subscription.objects.create(address=address, status=SubscriptionStatus.PENDING)
    elif row.status == SubscriptionStatus.UNSUBSCRIBED and row.user_id is None:
        row.status = SubscriptionStatus.PENDING
        row.save(update_fields=["status"])
    token = signing.dumps(address, salt=CONFIRM_SALT, compress=True)
    email_send_templated(
        to=address,
        template="mailing/emails/confirm",
        context={
            "address": address,
            "confirm_url": settings.MAILLAGE_SITE_URL + reverse("mailing:confirm", args=[token]),
        },
    )
    return row


def subscription_for_token(*, token: str) -> Subscription | None:
    """The subscription a confirmation link names (a read: the link's page asks before confirming,
    so that a mail scanner opening the link subscribes nobody); None for a forged or expired one."""
    try:
        address = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Subscription.objects.filter(address__iexact=address).first()


def subscription_confirm(*, token: str) -> Subscription | None:
    row = subscription_for_token(token=token)
    if row is None:
        return None
    if row.status != SubscriptionStatus.SUBSCRIBED:
        row.status = SubscriptionStatus.SUBSCRIBED
        row.confirmed_at = timezone.now()
        row.unsubscribed_at = None
        row.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
    return row


def subscription_cancel(*, address: str) -> Subscription:
    """Unsubscribe an address (member or not): idempotent."""
    address = address.strip().lower()
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=address).first()
    row, _ = Subscription.objects.get_or_create(
        address=address, defaults={"status": SubscriptionStatus.UNSUBSCRIBED, "user": user}
    )
    if row.status != SubscriptionStatus.UNSUBSCRIBED:
        row.status = SubscriptionStatus.UNSUBSCRIBED
        row.unsubscribed_at = timezone.now()
        row.save(update_fields=["status", "unsubscribed_at"])
    return row


def member_subscription_set(*, user: User, subscribed: bool) -> None:
    if subscribed:
        Subscription.objects.filter(address__iexact=user.email).delete()
    else:
        subscription_cancel(address=user.email)


def subscription_forget(*, address: str) -> int:
    """Erase everything kept about a non-member's consent (RGPD)."""
    return Subscription.objects.filter(address__iexact=address).delete()[0]


# ---------------------------------------------------------------------------------------------
# Messages from places (events, consultations, polls, groups)


def place_message_send(
    *,
    recipients: list[User],
    subject: str,
    body: str,
    kind: str,
    source_label: str,
    source_url: str,
    sender: User | None,
    footer: str = "",
    link_label: str = "",
    group: Group | None = None,
) -> Message:
    """A message written by an organiser or an animator to the people of a place; it always ends
    with the link to that place."""
    text, html = rendering.simple_email(
        title=subject, body_markdown=body, footer=footer, link=(link_label or source_label, source_url)
    )
    return message_queue(
        recipients=recipients,
        subject=subject,
        text=text,
        html=html,
        kind=kind,
        reply_to=getattr(sender, "email", "") or "",
        source_label=source_label,
        source_url=source_url,
        created_by=sender,
        group=group,
    )


# ---------------------------------------------------------------------------------------------
# Announcements


def announcement_save(
    *, announcement: Announcement | None = None, data: dict[str, Any], by: User | None = None
) -> Announcement:
    """Create or update an announcement from cleaned data; pages show it within a minute at most
    (now, for the process that saved it)."""
    from apps.mailing import announcements
    from apps.mailing.models import Announcement

    if announcement is None:
        announcement = Announcement(created_by=by)
    for field in ("title", "body", "link_url", "link_label", "audience", "all_pages", "starts_at", "ends_at"):
        setattr(announcement, field, data[field])
    announcement.save()
    # Now (this request's next page) and after commit (a page rendered meanwhile cached the old list).
    announcements.forget()
    transaction.on_commit(announcements.forget)
    return announcement


def announcement_delete(*, announcement: Announcement) -> None:
    from apps.mailing import announcements

    announcement.delete()
    announcements.forget()
    transaction.on_commit(announcements.forget)


# ---------------------------------------------------------------------------------------------
# Follows


def follow_add(*, user: User, kind: str, object_id: int) -> tuple[SubjectFollow, Model]:
    """`user` follows a theme, a territory, an organisation or a person (idempotent). Returns the
    follow and what it points to."""
    from apps.mailing.follows import follow_targets, followable
    from apps.mailing.models import FollowKind, SubjectFollow

    if kind not in FollowKind.values:
        raise EditionError("Ce suivi n'est pas possible.")
    target = follow_targets(kind).objects.filter(pk=object_id).first()
    if not followable(kind, target, user=user):
        raise EditionError("Ce que vous voulez suivre n'existe pas ou plus.")
    follow, _ = SubjectFollow.objects.get_or_create(user=user, kind=kind, object_id=object_id)
    return follow, target


def follow_remove(*, user: User, follow_id: int) -> int:
    from apps.mailing.models import SubjectFollow

    return SubjectFollow.objects.filter(user=user, pk=follow_id).delete()[0]
