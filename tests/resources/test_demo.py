import io

import pytest

from apps.resources import demo
from apps.resources.models import Collection, CollectionItem, Resource

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent():
    demo.load(stdout=io.StringIO())
    counts = (Resource.objects.count(), Collection.objects.count(), CollectionItem.objects.count())
    assert counts == (len(demo.DEMO_RESOURCES), len(demo.DEMO_COLLECTIONS), 4)
    demo.load(stdout=io.StringIO())
    assert (Resource.objects.count(), Collection.objects.count(), CollectionItem.objects.count()) == counts
    assert Resource.objects.with_freshness("perimee").exists()
