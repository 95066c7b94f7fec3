import json
import shutil

import pytest

from apps.territories import loader
from apps.territories.models import CoordinateSource, Kind, Territory, TerritoryToken
from apps.territories.selectors import territory_autocomplete
from tests.territories.conftest import load

pytestmark = pytest.mark.django_db


def _json(name):
    with (loader.data_dir() / f"{name}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def _expected_communes(deps):
    return [c for c in _json("communes") if c["type"] == "commune-actuelle" and c["departement"] in deps]


def _counts():
    return {kind: Territory.objects.filter(kind=kind).count() for kind in Kind.values}


def test_subset_load_counts_and_links(cog):
    counts = _counts()
    assert counts[Kind.REGION] == len(_json("regions"))
    assert counts[Kind.DEPARTMENT] == len(_json("departements"))
    assert counts[Kind.MUNICIPALITY] == len(_expected_communes({"74", "01"}))
    # Every loaded EPCI has at least one member in the two départements, and only those.
    epci_codes = set(Territory.objects.filter(kind=Kind.EPCI).values_list("code", flat=True))
    expected = {e["code"] for e in _json("epci") if any(m["code"][:2] in ("74", "01") for m in e["membres"])}
    assert epci_codes == expected

    annecy = Territory.objects.select_related("epci", "departement", "region").get(
        kind=Kind.MUNICIPALITY, code="74010"
    )
    assert annecy.name == "Annecy"
    assert annecy.search_name == "annecy"
    assert annecy.population > 100_000
    assert annecy.siren == "200063402"
    assert annecy.postcodes.split()[0] == "74000"
    assert annecy.departement.code == "74"
    assert annecy.region.code == "84"
    assert annecy.epci.name == "CA du Grand Annecy"
    assert annecy.epci.epci_type == "CC" or annecy.epci.epci_type == "CA"
    assert annecy.epci.departement_id == annecy.departement_id
    assert annecy.departement.region_id == annecy.region_id
    # The commune is indexed for the autocomplete (postcodes).
    assert TerritoryToken.objects.filter(territory=annecy, field="postcode", token="74000").exists()


def test_rerun_is_idempotent_and_writes_nothing(cog):
    before = _counts()
    tokens = TerritoryToken.objects.count()
    report = loader.territories_load(departements=["74", "01"])
    assert _counts() == before
    assert TerritoryToken.objects.count() == tokens
    assert sum(report.created.values()) == 0
    assert sum(report.updated.values()) == 0
    assert sum(report.retired.values()) == 0


def test_changed_name_and_vanished_commune_are_updated(cog, tmp_path):
    directory = tmp_path / "data"
    shutil.copytree(loader.data_dir(), directory)
    communes = _json("communes")
    for commune in communes:
        if commune["code"] == "74010" and commune["type"] == "commune-actuelle":
            commune["nom"] = "Annecy-sur-Lac"
    gone = "74002"  # Alex: pretend it merged into a neighbour
    communes = [c for c in communes if not (c["code"] == gone and c["type"] == "commune-actuelle")]
    (directory / "communes.json").write_text(json.dumps(communes), encoding="utf-8")
    pk = Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010").pk

    report = loader.territories_load(departements=["74", "01"], directory=directory)

    annecy = Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010")
    assert annecy.pk == pk
    assert annecy.name == "Annecy-sur-Lac"
    assert annecy.search_name == "annecy sur lac"
    assert TerritoryToken.objects.filter(territory=annecy, field="word", token="lac").exists()
    vanished = Territory.objects.get(kind=Kind.MUNICIPALITY, code=gone)  # kept, not deleted
    assert vanished.is_current is False
    assert report.retired[Kind.MUNICIPALITY] == 1
    # Out of the autocomplete once retired.
    assert vanished not in territory_autocomplete(vanished.name, kinds=[Kind.MUNICIPALITY])


def test_subset_reload_does_not_retire_other_departements(cog):
    load(departements="74")
    assert Territory.objects.filter(
        kind=Kind.MUNICIPALITY, code__startswith="01", is_current=True
    ).count() == len(_expected_communes({"01"}))


def test_if_empty_does_nothing_when_communes_exist(cog):
    Territory.objects.filter(kind=Kind.MUNICIPALITY, code="74010").update(name="Nom modifié")
    output = load(if_empty=True)
    assert "rien à faire" in output
    assert Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010").name == "Nom modifié"
    load(departements="74")
    assert Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010").name == "Annecy"


def test_manual_coordinates_survive_a_reload(cog):
    Territory.objects.filter(kind=Kind.MUNICIPALITY, code="74010").update(
        latitude=45.0, longitude=6.0, coordinates_source=CoordinateSource.MANUAL
    )
    load(departements="74")
    annecy = Territory.objects.get(kind=Kind.MUNICIPALITY, code="74010")
    assert (annecy.latitude, annecy.longitude) == (45.0, 6.0)


def test_ept_members_are_communes(db):
    load(departements="93")
    plaine = Territory.objects.get(kind=Kind.EPT, code="200057867")
    members = set(plaine.members.values_list("code", flat=True))
    assert "93066" in members  # Saint-Denis
    assert set(plaine.members.values_list("kind", flat=True)) == {Kind.MUNICIPALITY}
    assert plaine.epci_type == "EPT"
    # Reloading keeps the membership exact.
    load(departements="93")
    assert set(plaine.members.values_list("code", flat=True)) == members


def test_missing_data_directory_is_a_clear_error(db, tmp_path):
    with pytest.raises(FileNotFoundError, match="npm"):
        loader.territories_load(directory=tmp_path)
