import io

import pytest

from apps.resources.models import Collection, Resource, ResourceStatus
from demo import loader
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_links_publishers_and_collections():
    animator = UserFactory(animator=True)
    ademe = OrganisationFactory(name="ADEME", type="agency")
    out = io.StringIO()
    loader.load_resources(stdout=out)
    loader.load_resources(stdout=out)
    assert "0 créée(s), 6 mise(s) à jour, 2 bloc(s) ressources." in out.getvalue()
    assert Resource.objects.count() == 6
    assert set(Resource.objects.values_list("status", flat=True)) == {ResourceStatus.PUBLISHED}
    # Reminders go to an animator; a publisher in the directory is linked, else kept as a name.
    assert set(Resource.objects.values_list("owner", flat=True)) == {animator.pk}
    guide = Resource.objects.get(title="Guide méthodologique de la concertation dans les plans climat")
    assert (guide.publisher, guide.publisher_name) == (ademe, "")
    rameau = Resource.objects.get(url="https://www.lerameau.fr/reconnaissance_mse/")
    assert (rameau.publisher, rameau.publisher_name) == (None, "Le RAMEAU")
    # Freshness: one resource is past its review date, for the animators' dashboard.
    assert list(Resource.objects.with_freshness("stale")) == [guide]
    financing = Collection.objects.get(title="Financer la transition dans son territoire")
    assert [item.resource.title for item in financing.items.order_by("position")] == [
        "Aides-territoires : le moteur de recherche des aides aux collectivités",
        "Cahier d'accompagnement des porteurs de projet et services instructeurs — renaturation",
    ]
