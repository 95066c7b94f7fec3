import datetime

import pytest
from django.utils import timezone

from tests.factories import UserFactory


def ago(days: float, *, hours: float = 0) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days, hours=hours)


def backdate(obj, field: str = "created_at", *, days: float, hours: float = 0) -> None:
    """Move an auto_now_add date into the past (what happened N days ago)."""
    when = ago(days, hours=hours)
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})
    setattr(obj, field, when)


@pytest.fixture
def animator():
    return UserFactory(animator=True)


@pytest.fixture
def animator_client(client, animator):
    client.force_login(animator)
    return client
