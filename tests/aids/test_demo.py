import io

import pytest

from apps.aids import demo
from apps.aids.models import Aid
from tests.factories import EpciFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_links_organisations():
    EpciFactory(code="200067965", name="CA de la Région de Compiègne et de la Basse Automne")
    ademe = OrganisationFactory(name="ADEME", type="agence")
    out = io.StringIO()
    demo.load(stdout=out)
    count = Aid.objects.count()
    assert count == len(demo.DEMO_AIDS)
    demo.load(stdout=out)
    assert Aid.objects.count() == count
    compiegne = Aid.objects.get(external_id="fonds-participation-compiegne")
    assert (compiegne.amount_max, compiegne.rate_max, compiegne.budget) == (1500, 50, 50000)
    assert compiegne.perimeter.code == "200067965"
    assert list(Aid.objects.get(external_id="ademe-formations").funders.all()) == [ademe]


def test_demo_skips_aids_whose_territory_is_missing():
    out = io.StringIO()
    demo.load(stdout=out)
    assert not Aid.objects.filter(external_id="fonds-participation-compiegne").exists()
    assert "ignorée" in out.getvalue()
