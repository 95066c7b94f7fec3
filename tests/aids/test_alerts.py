import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.aids.tasks import saved_search_digest, send_aid_alerts
from tests.aids.factories import AidFactory, SavedSearchFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_digest_contains_new_matching_aids_and_entering_deadlines(geo):
    now = timezone.now()
    last = now - datetime.timedelta(days=7)
    user = UserFactory()
    search = SavedSearchFactory(
        user=user, territory=geo["commune"], beneficiary="municipality", last_sent_at=last
    )
    new_ok = AidFactory(
        title="Nouvelle agglo", perimeter=geo["epci"], created_at=now - datetime.timedelta(days=1)
    )
    AidFactory(
        title="Nouvelle voisine", perimeter=geo["other_epci"], created_at=now - datetime.timedelta(days=1)
    )
    AidFactory(title="Nouvelle associations", beneficiaries=",association,", created_at=now)
    AidFactory(title="Ancienne", created_at=now - datetime.timedelta(days=30))
    soon = AidFactory(
        title="Clôture proche",
        created_at=now - datetime.timedelta(days=60),
        close_date=timezone.localdate() + datetime.timedelta(days=10),
    )
    AidFactory(  # already in the window at the previous digest: not repeated
        title="Déjà signalée",
        created_at=now - datetime.timedelta(days=60),
        close_date=timezone.localdate() + datetime.timedelta(days=2),
    )
    digest = saved_search_digest(search, now=now)
    assert digest["new"] == [new_ok]
    assert digest["closing"] == [soon]


def test_send_alerts_mails_once_then_nothing_new(django_capture_on_commit_callbacks):
    user = UserFactory(email="elue@exemple.test")
    SavedSearchFactory(user=user, name="Écoles", last_sent_at=timezone.now() - datetime.timedelta(days=1))
    AidFactory(title="Fonds vert", created_at=timezone.now() - datetime.timedelta(hours=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_aid_alerts.call() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert (
        message.to == ["elue@exemple.test"] and "Écoles" in message.subject and "Fonds vert" in message.body
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_aid_alerts.call() == 0
    assert mail.outbox == []


def test_command_enqueues_the_task(capsys, django_capture_on_commit_callbacks):
    user = UserFactory()
    SavedSearchFactory(user=user, last_sent_at=timezone.now() - datetime.timedelta(days=1))
    AidFactory(created_at=timezone.now() - datetime.timedelta(hours=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("aids_send_alerts")
    assert "mis en file" in capsys.readouterr().out
    assert len(mail.outbox) == 1  # the test settings run tasks immediately
