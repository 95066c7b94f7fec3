"""Directory writes keep the platform's search index up to date (no signals: services do it)."""

import pytest

from apps.directory import services
from apps.directory.models import JoinRequest, OrganisationStatus
from apps.search.models import SearchDocument
from tests.factories import CommuneFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_join_request_indexes_the_pending_organisation_for_animators_only_then_approval_publishes_it():
    user = UserFactory()
    join_request = services.organisation_join_request_create(
        user=user,
        name="Syndicat des eaux de la Vallée Verte",
        type="syndicate",
        territory=CommuneFactory(),
        motivation="Partager nos retours sur la sobriété",
    )
    doc = SearchDocument.objects.get(title="Syndicat des eaux de la Vallée Verte")
    assert doc.visibility == "animators"

    services.join_request_approve(join_request=join_request, decided_by=UserFactory(animator=True))
    doc.refresh_from_db()
    assert doc.visibility == "public"
    join_request.organisation.refresh_from_db()
    assert join_request.organisation.status == OrganisationStatus.ACTIVE


def test_refused_organisation_leaves_the_index():
    join_request = services.organisation_join_request_create(
        user=UserFactory(),
        name="Bureau refusé",
        type="consultancy",
        territory=CommuneFactory(),
        motivation="",
    )
    services.join_request_refuse(
        join_request=join_request, decided_by=UserFactory(animator=True), message="Hors champ"
    )
    assert not SearchDocument.objects.filter(title="Bureau refusé").exists()
    assert JoinRequest.objects.get().status == JoinRequest.Status.REFUSED
