"""The one sending path of the platform: queue a message for recipients (`message_queue`), and the
worker side (`outbox_run`) that claims due deliveries, sends them over SMTP and records the outcome.

Delivery guarantee (docs/mailing.md, "Garanties d'envoi"):
- a delivery is claimed with a lease (`lease_until`, `lease_token`); rows are picked with
  `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never claim the same row, and a
  killed worker's rows come back when its lease expires;
- the commit point is the conditional UPDATE that marks the delivery sent (`_commit_sent`). Over
  SMTP it runs after the whole message has been transmitted (MAIL, RCPT, DATA and the body) and
  *before* the final "." that makes the server accept it. A worker killed before that UPDATE
  commits leaves the server a message without its end: the server drops it, and the delivery is
  sent again later. A worker killed after it, and before the three bytes ".\r\n" reach its
  socket, loses that one message: at most once, with a window of one database commit.
- the UPDATE only succeeds while the row still holds this worker's token and is not sent: a worker
  whose lease expired and whose row another worker claimed gives up that row (it drops the SMTP
  connection instead of ending the DATA), so two workers never both deliver it.
"""

from __future__ import annotations

import logging
import os
import re
import smtplib
import socket
import ssl
import time
import uuid
from datetime import timedelta
from email import policy
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection, transaction
from django.db.models import F, Min
from django.utils import timezone
from django.utils.html import escape

from apps.mailing.models import Delivery, FailedAddress, Kind, Message, Status

logger = logging.getLogger("maillage.mailing")

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
VARIABLE = re.compile(r"\[\[([a-z_]+)\]\]")
MEMBERS_ONLY_START = "[[members_only]]"
MEMBERS_ONLY = re.compile(r"\[\[members_only\]\](.*?)\[\[/members_only\]\]", re.DOTALL)


# ---------------------------------------------------------------------------------------------
# Settings


def rate_per_minute() -> int:
    return int(getattr(settings, "MAILLAGE_MAIL_RATE_PER_MINUTE", 0) or 0)


def lease_seconds() -> int:
    return int(getattr(settings, "MAILLAGE_MAIL_LEASE_SECONDS", 600))


def batch_size() -> int:
    size = int(getattr(settings, "MAILLAGE_MAIL_BATCH_SIZE", 50))
    rate = rate_per_minute()
    if rate:
        # A batch must be sendable well within its lease at the configured rate.
        size = max(1, min(size, rate * lease_seconds() // 120))
    return size


def max_attempts() -> int:
    return int(getattr(settings, "MAILLAGE_MAIL_MAX_ATTEMPTS", 8))


def retry_delay(attempts: int) -> timedelta:
    """Exponential backoff after `attempts` temporary failures: 1, 2, 4… minutes, at most 6 hours."""
    base = int(getattr(settings, "MAILLAGE_MAIL_RETRY_BASE_SECONDS", 60))
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), 6 * 3600))


def from_address() -> str:
    """The network's name with the platform's sending address."""
    from apps.core.network import network_settings

    address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or settings.DEFAULT_FROM_EMAIL
    return formataddr((network_settings().name, address))


# ---------------------------------------------------------------------------------------------
# Queueing (inside the caller's transaction: the message exists if and only if the caller's data does)


def message_queue(
    *,
    recipients: list,
    subject: str,
    text: str,
    html: str = "",
    kind: str = Kind.TRANSACTIONAL,
    headers: dict | None = None,
    reply_to: str = "",
    source_label: str = "",
    source_url: str = "",
    created_by=None,
    group=None,
) -> Message:
    """Create a message and one delivery per distinct address, and wake the workers after commit.

    `recipients` holds addresses (str), users, or (address, user, variables) triples. Bulk kinds
    skip addresses that failed permanently (FailedAddress)."""
    message = Message.objects.create(
        kind=kind,
        subject=" ".join(subject.split())[:300],
        text=text,
        html=html,
        headers=headers or {},
        reply_to=reply_to,
        source_label=source_label[:300],
        source_url=source_url[:500],
        created_by=created_by if getattr(created_by, "pk", None) else None,
        group=group,
    )
    rows = deliveries_for(message, recipients)
    Delivery.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    if kind in Kind.bulk():
        failed = set(
            FailedAddress.objects.filter(address__in=[r.address for r in rows]).values_list(
                "address", flat=True
            )
        )
        if failed:
            message.deliveries.filter(address__in=failed).update(
                status=Status.SKIPPED, last_reply="Adresse en échec permanent : non envoyé."
            )
    outbox_wake(count=len(rows))
    return message


def deliveries_for(message: Message, recipients) -> list[Delivery]:
    now = timezone.now()
    rows: dict[str, Delivery] = {}
    for recipient in recipients:
        user, variables = None, {}
        if isinstance(recipient, str):
            address = recipient
        elif isinstance(recipient, tuple):
            address, user, variables = recipient
        else:
            address, user = recipient.email, recipient
            variables = {"first_name": user.first_name or "", "name": user.get_full_name() or user.email}
        address = (address or "").strip().lower()
        if not address or address in rows:
            continue
        rows[address] = Delivery(
            message=message, address=address, user=user, variables=variables or {}, next_attempt_at=now
        )
    return list(rows.values())


def outbox_wake(*, count: int = 1) -> None:
    """Enqueue sending tasks after commit: one per worker for a big message, so that they share it."""
    from apps.core.tasks import enqueue_on_commit
    from apps.mailing.tasks import outbox_send

    workers = int(getattr(settings, "MAILLAGE_MAIL_WORKERS", 2))
    for _ in range(max(1, min(workers, count // max(batch_size(), 1)))):
        enqueue_on_commit(outbox_send)


# ---------------------------------------------------------------------------------------------
# Building the e-mail of one delivery


def substitute(template: str, variables: dict, *, html: bool = False) -> str:
    if MEMBERS_ONLY_START in template:
        # Parts for members only (a letter's members-only blocks): cut for a non-member reader.
        public = bool(variables and variables.get("public_reader"))
        template = MEMBERS_ONLY.sub(lambda match: "" if public else match.group(1), template)
    if not variables or "[[" not in template:
        return template

    def value(match):
        found = variables.get(match.group(1))
        if found is None:
            return match.group(0)
        return escape(str(found)) if html else str(found)

    return VARIABLE.sub(value, template)


def build_email(delivery: Delivery) -> EmailMultiAlternatives:
    message = delivery.message
    variables = delivery.variables or {}
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "maillage.localhost"
    headers = {
        **message.headers,
        # Stable per delivery: a receiving system (or a test) can tell a duplicate from two messages.
        "Message-ID": f"<maillage.{message.pk}.{delivery.pk}@{domain}>",
        "Auto-Submitted": "auto-generated",
    }
    unsubscribe_url = variables.get("unsubscribe_url")
    if unsubscribe_url:
        # RFC 2369 + RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to the URL.
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if message.kind in Kind.bulk():
        headers.setdefault("Precedence", "bulk")
    email = EmailMultiAlternatives(
        subject=substitute(message.subject, variables),
        body=substitute(message.text, variables),
        from_email=from_address(),
        to=[delivery.address],
        reply_to=[message.reply_to] if message.reply_to else None,
        headers=headers,
    )
    if message.html:
        email.attach_alternative(substitute(message.html, variables, html=True), "text/html")
    return email


# ---------------------------------------------------------------------------------------------
# Claiming and recording outcomes


def worker_token() -> str:
    return f"{socket.gethostname()[:20]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def claim(*, token: str, limit: int) -> list[Delivery]:
    """Lease up to `limit` due deliveries to this worker."""
    now = timezone.now()
    with transaction.atomic():
        due = Delivery.objects.due(now).order_by("next_attempt_at", "pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        # SQLite: the IMMEDIATE transaction (settings) serialises claims between processes.
        ids = list(due.values_list("pk", flat=True)[:limit])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids).due(now).update(
            lease_until=now + timedelta(seconds=lease_seconds()), lease_token=token
        )
    return list(
        Delivery.objects.filter(pk__in=ids, lease_token=token, status__in=[Status.QUEUED, Status.DEFERRED])
        .select_related("message")
        .order_by("pk")
    )


def _commit_sent(delivery: Delivery, token: str) -> bool:
    """THE commit point: this delivery is sent, if it is still ours. One short transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Don't wait for the WAL flush: the window between this commit and the final "." is the
            # loss window. Only a crash of the database server itself could undo the mark (and then
            # the message would be sent again, never lost).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        updated = Delivery.objects.filter(
            pk=delivery.pk, lease_token=token, status__in=[Status.QUEUED, Status.DEFERRED]
        ).update(
            status=Status.SENT,
            sent_at=timezone.now(),
            attempts=F("attempts") + 1,
            last_reply="",
            lease_until=None,
        )
    return updated == 1


def _record_failure(delivery: Delivery, token: str, *, code: int | None, reply: str, after_sent=False) -> str:
    """A refusal or an error: temporary (4xx, network) → deferred with backoff; permanent (5xx) →
    failed, and the address is flagged. Returns the new status."""
    reply = reply[:500]
    attempts = delivery.attempts + 1
    permanent = code is not None and 500 <= code < 600
    if permanent or attempts >= max_attempts():
        status, next_at = Status.FAILED, timezone.now()
    else:
        status, next_at = Status.DEFERRED, timezone.now() + retry_delay(attempts)
    mine = Delivery.objects.filter(pk=delivery.pk, lease_token=token)
    mine = mine.filter(status=Status.SENT) if after_sent else mine.exclude(status=Status.SENT)
    updated = mine.update(
        status=status,
        attempts=attempts,
        next_attempt_at=next_at,
        last_reply=reply,
        lease_until=None,
        sent_at=None,
    )
    if updated and permanent:
        address_flag_failed(address=delivery.address, reply=reply)
    return status


def address_flag_failed(*, address: str, reply: str) -> FailedAddress:
    now = timezone.now()
    row, created = FailedAddress.objects.get_or_create(
        address=address.lower(), defaults={"reply": reply[:500], "last_failed_at": now}
    )
    if not created:
        FailedAddress.objects.filter(pk=row.pk).update(
            failures=F("failures") + 1, reply=reply[:500], last_failed_at=now
        )
    return row


def release(deliveries: list[Delivery], token: str, *, delay: timedelta | None = None) -> None:
    """Give unsent claimed rows back (due again now, or after `delay`)."""
    changes = {"lease_until": None}
    if delay:
        changes["next_attempt_at"] = timezone.now() + delay
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries], lease_token=token).exclude(
        status=Status.SENT
    ).update(**changes)


# ---------------------------------------------------------------------------------------------
# Senders


class Pacer:
    """At most `rate_per_minute()` messages a minute: spaced within this worker, and capped across
    workers by the number sent in the last minute (shared, read from the database)."""

    def __init__(self):
        self.rate = rate_per_minute()
        self.interval = 60.0 / self.rate if self.rate else 0.0
        self.next_at = 0.0

    def wait(self):
        if not self.rate:
            return
        now = time.monotonic()
        if self.next_at > now:
            time.sleep(self.next_at - now)
        self.next_at = max(now, self.next_at) + self.interval
        while True:
            since = timezone.now() - timedelta(seconds=60)
            recent = Delivery.objects.filter(status=Status.SENT, sent_at__gte=since)
            if recent.count() < self.rate:
                return
            oldest = recent.aggregate(first=Min("sent_at"))["first"]
            pause = (oldest - since).total_seconds() if oldest else 1.0
            time.sleep(min(max(pause, 0.05), 5.0))


class SmtpSender:
    """Talks SMTP itself so that the commit point sits before the final "." (module docstring)."""

    def __init__(self, options: dict):
        self.options = options
        self.smtp: smtplib.SMTP | None = None

    def open(self):
        if self.smtp is not None:
            return
        o = self.options
        timeout = o.get("timeout") or 20
        klass = smtplib.SMTP_SSL if o.get("use_ssl") else smtplib.SMTP
        kwargs = {"timeout": timeout}
        if o.get("use_ssl"):
            kwargs["context"] = ssl.create_default_context()
        smtp = klass(o.get("host", "localhost"), int(o.get("port", 25)), **kwargs)
        # The final "." goes in its own small write after the body: without TCP_NODELAY, Nagle's
        # algorithm holds it until the server's delayed ACK (~40 ms a message).
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo_or_helo_if_needed()
        if o.get("use_tls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if o.get("username"):
            smtp.login(o["username"], o.get("password", ""))
        self.smtp = smtp

    def close(self):
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None

    def abort(self):
        """Drop the connection without ending a DATA: the server discards the message."""
        if self.smtp is not None:
            self.smtp.close()
        self.smtp = None

    def deliver(self, delivery: Delivery, token: str) -> bool:
        email = build_email(delivery)
        raw = email.message(policy=policy.SMTP).as_bytes()
        data = re.sub(rb"(?m)^\.", b"..", re.sub(rb"\r\n|\r|\n", b"\r\n", raw))
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        sender = parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
        self.open()  # unreachable server: raised to outbox_run, which gives the batch back
        smtp = self.smtp
        try:
            code, reply = smtp.mail(sender)
            if code != 250:
                return self._refused(delivery, token, code, reply)
            code, reply = smtp.rcpt(delivery.address)
            if code not in (250, 251):
                return self._refused(delivery, token, code, reply)
            smtp.putcmd("data")
            code, reply = smtp.getreply()
            if code != 354:
                return self._refused(delivery, token, code, reply)
            smtp.send(data)
            if not _commit_sent(delivery, token):
                # Another worker took this row over (our lease expired): never end this DATA.
                self.abort()
                return False
            smtp.send(b".\r\n")
        except (smtplib.SMTPException, OSError) as error:
            self.abort()
            _record_failure(delivery, token, code=None, reply=f"Erreur de connexion : {error}")
            return False
        try:
            code, reply = smtp.getreply()
        except (smtplib.SMTPException, OSError) as error:
            # The message was transmitted; whether the server kept it is unknown. At most once:
            # it stays "sent", with the doubt recorded.
            self.abort()
            Delivery.objects.filter(pk=delivery.pk).update(
                last_reply=f"Réponse du serveur non reçue, remise incertaine : {error}"[:500]
            )
            return True
        if code != 250:
            _record_failure(delivery, token, code=code, reply=_reply_text(code, reply), after_sent=True)
            return False
        return True

    def _refused(self, delivery, token, code, reply) -> bool:
        _record_failure(delivery, token, code=code, reply=_reply_text(code, reply))
        try:
            self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            self.abort()
        return False


class BackendSender:
    """Any other Django mail backend (console in development, memory in tests): send, then mark.
    At least once; used where there is no SMTP server to be careful with."""

    def __init__(self):
        self.connection = None

    def open(self):
        if self.connection is None:
            self.connection = mailers.default
            self.connection.open()

    def close(self):
        if self.connection is not None:
            self.connection.close()
        self.connection = None

    def deliver(self, delivery: Delivery, token: str) -> bool:
        email = build_email(delivery)
        self.open()
        try:
            self.connection.send_messages([email])
        except (smtplib.SMTPException, OSError) as error:
            _record_failure(delivery, token, code=None, reply=str(error))
            return False
        return _commit_sent(delivery, token)


def _reply_text(code, reply) -> str:
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {reply}".strip()


def make_sender():
    config = mailers.settings.get("default", {})
    if config.get("BACKEND") == SMTP_BACKEND:
        return SmtpSender(config.get("OPTIONS", {}))
    return BackendSender()


# ---------------------------------------------------------------------------------------------
# The worker loop


def outbox_run(*, time_budget: float = 600.0, limit: int | None = None) -> int:
    """Send due deliveries until none is left or the time budget is spent. Returns how many were
    sent. Safe to run in any number of processes at once."""
    token = worker_token()
    pacer = Pacer()
    sender = make_sender()
    deadline = time.monotonic() + time_budget
    sent = 0
    try:
        while time.monotonic() < deadline:
            batch = claim(token=token, limit=limit or batch_size())
            if not batch:
                break
            for index, delivery in enumerate(batch):
                if time.monotonic() >= deadline:
                    release(batch[index:], token)
                    break
                pacer.wait()
                try:
                    sent += sender.deliver(delivery, token)
                except (smtplib.SMTPException, OSError) as error:
                    # The server cannot be reached: give the rest back, try again later.
                    logger.warning("mail server unreachable: %s", error)
                    _record_failure(delivery, token, code=None, reply=f"Serveur injoignable : {error}")
                    release(batch[index + 1 :], token, delay=retry_delay(1))
                    return sent
    finally:
        sender.close()
    if time.monotonic() >= deadline and outbox_due_count():
        # Budget spent with work left: hand over to a fresh task (the cron line would, within a minute).
        from apps.mailing.tasks import outbox_send

        outbox_send.enqueue()
    return sent


def outbox_due_count() -> int:
    return Delivery.objects.due(timezone.now()).count()
