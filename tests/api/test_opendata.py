"""Open data (/donnees/): CSV and JSON of the public datasets, under Licence Ouverte 2.0, only
what an anonymous visitor may see, through apps.core.tabular (formulas neutralised)."""

import csv
import io
import json

import pytest

from apps.api.opendata import DATASETS
from tests.aids.factories import AidFactory
from tests.events.factories import EventFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db


def _stream(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def content(db):
    theme = ThemeFactory(name="Énergie", slug="energie")
    OrganisationFactory(name='=HYPERLINK("http://x")')
    OrganisationFactory(name="Commune en attente", status="pending")
    PersonFactory(first_name="Alice", last_name="Martin")
    AidFactory(title="Fonds vert", themes=[theme])
    AidFactory(title="Aide brouillon", draft=True)
    ExperienceFactory(title="Chaufferie publique", themes=[theme])
    ExperienceFactory(title="Réservée aux membres", audience="members")
    ResourceFactory(title="Guide")
    EventFactory(title="Rencontre")
    return theme


def test_data_page_describes_every_file_and_field(client, content):
    page = client.get("/donnees/").content.decode()
    assert "Licence Ouverte" in page
    for dataset in DATASETS:
        assert f"/donnees/{dataset.slug}.csv" in page and f"/donnees/{dataset.slug}.json" in page
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in page


def test_csv_files_hold_public_rows_only_with_formulas_neutralised(client, content):
    response = client.get("/donnees/organisations.csv")
    assert response["Cache-Control"] == "public, max-age=3600"
    rows = list(csv.reader(io.StringIO(_stream(response)), delimiter=";"))
    assert rows[0][:3] == ["identifiant", "nom", "type"]
    names = [row[1] for row in rows[1:]]
    assert names == ['\'=HYPERLINK("http://x")']  # pending organisation absent, formula neutralised
    aids = _stream(client.get("/donnees/aides.csv"))
    assert "Fonds vert" in aids and "Aide brouillon" not in aids and "energie" in aids
    experiences = _stream(client.get("/donnees/retours-experience.csv"))
    assert "Chaufferie publique" in experiences and "Réservée aux membres" not in experiences
    assert client.get("/donnees/personnes.csv").status_code == 404


def test_json_files_carry_licence_fields_and_data(client, content):
    for dataset in DATASETS:
        data = json.loads(_stream(client.get(f"/donnees/{dataset.slug}.json")))
        assert data["licence"].startswith("Licence Ouverte") and data["donnees"]
        assert [field["nom"] for field in data["champs"]] == dataset.header()
        assert set(data["donnees"][0]) == set(dataset.header())
