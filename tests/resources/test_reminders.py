import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.resources.services import resource_renew
from apps.resources.tasks import send_resource_reminders
from tests.factories import UserFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def run(capture):
    mail.outbox.clear()
    with capture(execute=True):
        return send_resource_reminders.call()


def test_reminders_before_and_after_once_per_date(django_capture_on_commit_callbacks):
    owner = UserFactory(email="responsable@exemple.test")
    soon = ResourceFactory(owner=owner, title="Guide bientôt", review_by=days(10))
    past = ResourceFactory(owner=owner, title="Guide dépassé", review_by=days(-1))
    ResourceFactory(owner=owner, title="Guide frais", review_by=days(100))
    ResourceFactory(title="Suggestion", review_by=days(-5), suggested=True)
    other = UserFactory(email="autre@exemple.test", is_active=False)
    ResourceFactory(owner=other, review_by=days(-5))

    assert run(django_capture_on_commit_callbacks) == 1
    (message,) = mail.outbox
    assert message.to == ["responsable@exemple.test"]
    assert (
        "Guide bientôt" in message.body
        and "Guide dépassé" in message.body
        and "Guide frais" not in message.body
    )
    assert "date de revue est dépassée" in message.body and "Toujours à jour" in message.body
    assert "/ressources/mes-ressources/" in message.body

    # Nothing new: nothing sent.
    assert run(django_capture_on_commit_callbacks) == 0 and mail.outbox == []

    # The "before" reminder is followed by an "after" one once the date has passed.
    soon.review_by = days(-1)
    soon.save()
    assert run(django_capture_on_commit_callbacks) == 1
    assert "Guide bientôt" in mail.outbox[0].body and "Guide dépassé" not in mail.outbox[0].body

    # "Toujours à jour" re-arms the reminders for the next date.
    resource_renew(resource=past, by=owner)
    past.refresh_from_db()
    assert past.review_by == days(365) and past.reminder_after_sent_for is None


def test_command_enqueues(django_capture_on_commit_callbacks, capsys):
    ResourceFactory(review_by=days(3))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("resources_send_reminders")
    assert "mis en file" in capsys.readouterr().out
    assert len(mail.outbox) == 1
