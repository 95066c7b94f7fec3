"""Capacity under concurrent registrations: needs real row locks, so PostgreSQL only."""

import pytest
from django.db import connection

from apps.events import services
from apps.events.models import Registration, RegistrationStatus
from tests.concurrency import run_together
from tests.events.factories import EventFactory
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_exceed_capacity():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers with a database lock: SELECT … FOR UPDATE is only meaningful on PostgreSQL."
        )
    event = EventFactory(capacity=3)
    users = UserFactory.create_batch(12)
    errors = []

    def register(user):
        try:
            services.registration_create(event=event, user=user)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    run_together(register, users)
    assert not errors
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITING) == 9
