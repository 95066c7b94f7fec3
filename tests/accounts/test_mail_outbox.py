"""Every mail of the accounts flows (password reset, allauth's) goes through the outbox: a Message and
one Delivery row written in the request's transaction, sent by the worker after commit."""

import re

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse

from apps.mailing import outbox
from apps.mailing.models import Delivery, Kind, Message, Status
from tests.factories import UserFactory
from tests.mailing.smtp_sink import smtp_mailer

pytestmark = pytest.mark.django_db

SMTP_PORT = 8185  # this worktree's port range (8180-8189)


@pytest.fixture
def smtp(settings):
    with smtp_mailer(settings, SMTP_PORT) as handler:
        yield handler


def test_password_reset_mail_is_queued_in_the_outbox_and_sent_by_the_worker(
    client, smtp, django_capture_on_commit_callbacks
):
    UserFactory(email="alice@exemple.fr")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("accounts:password_reset"), {"email": "Alice@exemple.fr"})
    assert response.url == reverse("accounts:password_reset_done")
    # Nothing sent inside the request; the outbox holds one service message for the address.
    assert mail.outbox == [] and smtp.count() == 0
    message = Message.objects.get()
    assert message.kind == Kind.TRANSACTIONAL
    assert "nouveau mot de passe" in message.subject
    delivery = Delivery.objects.get()
    assert delivery.address == "alice@exemple.fr" and delivery.status == Status.QUEUED
    # After commit the worker task runs and delivers it over SMTP, once.
    for callback in callbacks:
        callback()
    delivery.refresh_from_db()
    assert delivery.status == Status.SENT
    assert smtp.count() == 1
    recipients, received = smtp.messages[0]
    assert recipients == ["alice@exemple.fr"]
    body = received.get_body(("plain",)).get_content()
    assert re.search(r"http://127\.0\.0\.1:8000/compte/mot-de-passe/reinitialiser/\S+/\S+/", body)
    assert outbox.outbox_run() == 0 and smtp.count() == 1


def test_allauth_mails_go_through_the_outbox(django_capture_on_commit_callbacks):
    from allauth.account.adapter import get_adapter
    from allauth.core import context

    request = RequestFactory().get("/")
    with context.request_context(request), django_capture_on_commit_callbacks(execute=False) as callbacks:
        get_adapter().send_mail(
            "account/email/unknown_account", "bob@exemple.fr", {"signup_url": "http://x/compte/inscription/"}
        )
    assert mail.outbox == []
    delivery = Delivery.objects.get()
    assert delivery.address == "bob@exemple.fr" and delivery.message.kind == Kind.TRANSACTIONAL
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["bob@exemple.fr"]
