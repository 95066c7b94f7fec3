import pytest

from apps.territories.models import Kind, Territory
from tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory


@pytest.fixture
def geo(db):
    """A small map: commune C in EPCI E in département D in région R; a neighbour commune N in
    another EPCI of the same département; another département and région; two territoires de
    projet, one containing E (so C), the other containing only N."""
    region = RegionFactory(name="Hauts-de-France", code="32")
    other_region = RegionFactory(name="Bretagne", code="53")
    dept = DepartementFactory(name="Oise", code="60", region=region)
    other_dept = DepartementFactory(name="Somme", code="80", region=region)
    epci = EpciFactory(name="CA de la Région de Compiègne", code="200067965", departement=dept, region=region)
    other_epci = EpciFactory(name="CC des Deux Vallées", code="246000749", departement=dept, region=region)
    commune = CommuneFactory(name="Compiègne", code="60159", epci=epci, departement=dept, region=region)
    neighbour = CommuneFactory(
        name="Ribécourt", code="60537", epci=other_epci, departement=dept, region=region
    )
    project = Territory.objects.create(
        kind=Kind.PROJET, code="P-COMP", name="Pays compiégnois", project_kind="petr"
    )
    project.members.add(epci)
    other_project = Territory.objects.create(
        kind=Kind.PROJET, code="P-NOY", name="Pays noyonnais", project_kind="petr"
    )
    other_project.members.add(neighbour)
    return {
        "region": region,
        "other_region": other_region,
        "dept": dept,
        "other_dept": other_dept,
        "epci": epci,
        "other_epci": other_epci,
        "commune": commune,
        "neighbour": neighbour,
        "project": project,
        "other_project": other_project,
    }
