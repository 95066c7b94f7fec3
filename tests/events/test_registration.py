from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from apps.events import services
from apps.events.models import RegistrationStatus
from tests.events.factories import EventFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_waiting_list_and_promotion_on_cancellation(commit):
    event = EventFactory(capacity=2)
    users = UserFactory.create_batch(4)
    regs = [services.registration_create(event=event, user=u) for u in users]
    assert [r.status for r in regs] == ["confirmed", "confirmed", "waiting", "waiting"]
    with commit():
        promoted = services.registration_cancel(registration=regs[0])
    assert promoted.pk == regs[2].pk
    regs[2].refresh_from_db()
    assert regs[2].status == RegistrationStatus.CONFIRMED and regs[2].promoted_at
    subjects = sorted(m.subject for m in mail.outbox)
    assert any("Inscription annulée" in s for s in subjects), subjects
    assert any("Une place s’est libérée" in s for s in subjects)
    assert mail.outbox[-1].to == [users[2].email]


def test_cancelling_a_waiting_registration_promotes_nobody():
    event = EventFactory(capacity=1)
    a, b = UserFactory.create_batch(2)
    services.registration_create(event=event, user=a)
    waiting = services.registration_create(event=event, user=b)
    assert services.registration_cancel(registration=waiting) is None


def test_registration_is_idempotent_and_reregistration_goes_to_end_of_queue():
    event = EventFactory(capacity=1)
    a, b = UserFactory.create_batch(2)
    first = services.registration_create(event=event, user=a)
    assert services.registration_create(event=event, user=a).pk == first.pk
    services.registration_cancel(registration=first)
    services.registration_create(event=event, user=b)
    again = services.registration_create(event=event, user=a)
    assert again.status == RegistrationStatus.WAITING


def test_confirmation_email_contains_local_time_and_link(commit):
    event = EventFactory(title="Atelier l'eau", timezone_name="Indian/Reunion")
    user = UserFactory()
    with commit():
        services.registration_create(event=event, user=user)
    message = mail.outbox[-1]
    assert "Inscription confirmée : Atelier l'eau" in message.subject
    assert event.get_absolute_url() in message.body
    assert event.local_start.strftime("%H:%M") in message.body
    assert "La Réunion" in message.body


def test_raising_capacity_promotes_waiting_people():
    event = EventFactory(capacity=1)
    users = UserFactory.create_batch(3)
    for u in users:
        services.registration_create(event=event, user=u)
    event.capacity = 3
    event.save()
    assert len(services.event_capacity_update(event=event)) == 2


def test_reminder_command_enqueues_once(commit):
    soon = EventFactory(start=timezone.now() + timedelta(hours=20))
    later = EventFactory(start=timezone.now() + timedelta(days=5))
    u = UserFactory()
    with commit():  # the outbox sends the registration confirmations now, not with the reminders
        services.registration_create(event=soon, user=u)
        services.registration_create(event=later, user=u)
    mail.outbox.clear()
    with commit():
        call_command("events_send_reminders")
    assert [m.to for m in mail.outbox] == [[u.email]]
    assert "Rappel" in mail.outbox[0].subject
    with commit():
        call_command("events_send_reminders")
    assert len(mail.outbox) == 1


def test_attendance_marking():
    event = EventFactory(capacity=5)
    a, b = UserFactory.create_batch(2)
    ra = services.registration_create(event=event, user=a)
    rb = services.registration_create(event=event, user=b)
    assert services.attendance_mark(event=event, present_ids={ra.pk}) == 1
    ra.refresh_from_db()
    rb.refresh_from_db()
    assert ra.attended is True and rb.attended is False
