"""Capacity under concurrent registrations: needs real row locks, so PostgreSQL only."""

import threading

import pytest
from django.db import connection, connections

from apps.events import services
from apps.events.models import Registration, RegistrationStatus
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
    barrier = threading.Barrier(len(users))
    errors = []

    def worker(user):
        try:
            barrier.wait()
            services.registration_create(event=event, user=user)
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert statuses.count(RegistrationStatus.CONFIRMED) == 3
    assert statuses.count(RegistrationStatus.WAITING) == 9
