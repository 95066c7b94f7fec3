"""The outbox in one process, against a real SMTP server (aiosmtpd)."""

import os
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.mailing import outbox
from apps.mailing.models import Delivery, FailedAddress, Kind, Status
from tests.factories import UserFactory
from tests.mailing.smtp_sink import smtp_mailer

# The kill test uses MAILLAGE_TEST_SMTP_PORT; this one the next port.
SMTP_PORT = int(os.environ.get("MAILLAGE_TEST_SMTP_PORT", "8325")) + 1


@pytest.fixture
def smtp(settings):
    with smtp_mailer(settings, SMTP_PORT) as handler:
        yield handler


def queue(recipients, **kwargs):
    kwargs.setdefault("subject", "Objet")
    kwargs.setdefault("text", "Texte")
    return outbox.message_queue(recipients=recipients, **kwargs)


def test_temporary_refusal_is_retried_with_backoff_and_permanent_one_flagged(db, smtp, monkeypatch):
    monkeypatch.setattr(outbox, "outbox_wake", lambda **kwargs: None)
    smtp.refusals = {
        "plein@exemple.test": "452 4.2.2 Mailbox full",
        "inconnu@exemple.test": "550 5.1.1 No such user",
    }
    message = queue(["ok@exemple.test", "plein@exemple.test", "inconnu@exemple.test"], kind=Kind.NEWSLETTER)
    assert outbox.outbox_run() == 1
    rows = {d.address: d for d in message.deliveries.all()}
    assert rows["ok@exemple.test"].status == Status.SENT and rows["ok@exemple.test"].sent_at
    full = rows["plein@exemple.test"]
    assert full.status == Status.DEFERRED and full.attempts == 1 and "452" in full.last_reply
    assert timedelta(seconds=50) < full.next_attempt_at - timezone.now() <= timedelta(seconds=60)
    unknown = rows["inconnu@exemple.test"]
    assert unknown.status == Status.FAILED and unknown.last_reply.startswith("550 5.1.1")
    assert FailedAddress.objects.get().address == "inconnu@exemple.test"
    assert smtp.count() == 1

    # Not due yet: nothing happens. Once due, the second failure waits twice as long.
    assert outbox.outbox_run() == 0
    Delivery.objects.filter(pk=full.pk).update(next_attempt_at=timezone.now())
    outbox.outbox_run()
    full.refresh_from_db()
    assert full.attempts == 2 and full.next_attempt_at - timezone.now() > timedelta(seconds=110)

    # A later letter skips the failed address; a service message still tries it.
    later = queue(["inconnu@exemple.test", "ok@exemple.test"], kind=Kind.NEWSLETTER)
    assert later.deliveries.get(address="inconnu@exemple.test").status == Status.SKIPPED
    service = queue(["inconnu@exemple.test"], kind=Kind.TRANSACTIONAL)
    assert service.deliveries.get().status == Status.QUEUED


def test_recipient_gets_multipart_with_one_click_unsubscribe_and_network_sender(db, smtp, monkeypatch):
    monkeypatch.setattr(outbox, "outbox_wake", lambda **kwargs: None)
    user = UserFactory(first_name="Awa")
    url = "https://reseau.exemple.test/lettres/desinscription/abc/"
    queue(
        [(user.email, user, {"first_name": "Awa", "unsubscribe_url": url})],
        subject="Bonjour [[first_name]]",
        text="Bonjour [[first_name]]",
        html="<p>Bonjour [[first_name]] <a href='[[unsubscribe_url]]'>désinscription</a></p>",
        kind=Kind.NEWSLETTER,
    )
    outbox.outbox_run()
    (recipients, received) = smtp.messages[0]
    assert recipients == [user.email]
    assert received["Subject"] == "Bonjour Awa"
    assert received["List-Unsubscribe"] == f"<{url}>"
    assert received["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert received["From"].addresses[0].display_name == "Communauté COMETE"
    assert received.get_body(("plain",)).get_content().strip() == "Bonjour Awa"
    assert url in received.get_body(("html",)).get_content()


def test_a_worker_whose_row_was_taken_over_does_not_send_it(db, smtp, monkeypatch):
    monkeypatch.setattr(outbox, "outbox_wake", lambda **kwargs: None)
    queue(["a@exemple.test"])
    (mine,) = outbox.claim(token="lent", limit=10)
    # Its lease expires; another worker claims and sends the row.
    Delivery.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert outbox.outbox_run() == 1
    sender = outbox.make_sender()
    assert sender.deliver(mine, "lent") is False
    sender.close()
    assert smtp.count() == 1


def test_unreachable_server_defers_the_batch(db, settings, monkeypatch):
    monkeypatch.setattr(outbox, "outbox_wake", lambda **kwargs: None)
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 8327, "timeout": 2},
        }
    }
    queue(["a@exemple.test", "b@exemple.test"])
    assert outbox.outbox_run() == 0
    assert set(Delivery.objects.values_list("status", flat=True)) <= {Status.DEFERRED, Status.QUEUED}
    assert not Delivery.objects.due(timezone.now()).exists()
    assert not FailedAddress.objects.exists()


def test_templated_mail_goes_through_the_outbox_one_per_recipient(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_send_templated(
            to=["a@exemple.test", "b@exemple.test"],
            template="notifications/emails/digest",
            context={"items": [], "frequency_label": "Résumé", "user": UserFactory()},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@exemple.test", "b@exemple.test"]
    assert Delivery.objects.filter(status=Status.SENT).count() == 2
    # Sending again finds nothing to do: each delivery is sent once.
    assert outbox.outbox_run() == 0 and len(mail.outbox) == 2
