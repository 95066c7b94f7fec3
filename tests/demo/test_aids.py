import io

import pytest
from django.contrib.contenttypes.models import ContentType

from apps.aids.models import Aid, AidStatus
from apps.search.models import SearchDocument
from demo import loader
from tests.factories import EpciFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_links_organisations():
    EpciFactory(code="200067965", name="CA de la Région de Compiègne et de la Basse Automne")
    ademe = OrganisationFactory(name="ADEME", type="agency")
    out = io.StringIO()
    loader.load_aids(stdout=out)
    assert "7 créée(s), 0 mise(s) à jour, 0 ignorée(s)" in out.getvalue()
    loader.load_aids(stdout=out)
    assert "0 créée(s), 7 mise(s) à jour, 0 ignorée(s)" in out.getvalue()
    assert Aid.objects.count() == 7
    # Published and findable, as an aid written through the services.
    assert set(Aid.objects.values_list("status", flat=True)) == {AidStatus.PUBLISHED}
    indexed = SearchDocument.objects.filter(content_type=ContentType.objects.get_for_model(Aid))
    assert indexed.count() == 7
    compiegne = Aid.objects.get(external_id="fonds-participation-compiegne")
    assert (compiegne.amount_max, compiegne.rate_max, compiegne.budget) == (1500, 50, 50000)
    assert compiegne.perimeter.code == "200067965"
    assert (str(compiegne.open_date), str(compiegne.close_date)) == ("2021-01-01", "2023-12-31")
    # A funder found in the directory replaces the free-text funder; one that is not stays as text.
    formations = Aid.objects.get(external_id="ademe-formations")
    assert list(formations.funders.all()) == [ademe] and formations.funders_text == ""
    assert (
        Aid.objects.get(external_id="intracting").funders_text == "Caisse des Dépôts — Banque des Territoires"
    )


def test_demo_skips_aids_whose_territory_is_missing():
    out = io.StringIO()
    loader.load_aids(stdout=out)
    assert not Aid.objects.filter(external_id="fonds-participation-compiegne").exists()
    assert "« Fonds de participation" in out.getvalue() and "1 ignorée(s)" in out.getvalue()
