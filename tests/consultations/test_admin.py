import pytest
from django.urls import reverse

from tests.consultations.factories import ContributionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "consultation",
    "action",
    "contribution",
    "contributioncomment",
    "booklet",
]


@pytest.mark.parametrize("model", MODELS)
def test_admin_changelists(client, model):
    ContributionFactory()
    client.force_login(UserFactory(admin=True))
    assert client.get(reverse(f"admin:consultations_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:consultations_{model}_add")).status_code == 200
