"""Imported participant lists (CSV from French Excel, XLSX), read by apps.core.tabular: preview,
confirm, line-by-line French errors, and every hostile file refused in French."""

import io
from html import unescape

import pytest

from apps.rotations import services
from apps.rotations.models import Participant
from apps.rotations.views import IMPORT_LIMITS
from tests.core.hostile import csv_bytes, hostile_files, xlsx_bytes
from tests.events.factories import EventFactory
from tests.factories import DepartementFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
HEADER = ["Prénom", "Nom", "Organisation", "Catégorie", "Département", "Courriel", "Table animée"]


@pytest.fixture
def plan(client):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    event = EventFactory(title="Journée du réseau régional")
    DepartementFactory(code="74")
    OrganisationFactory(name="Commune de Faverges-Seythenex")
    return services.plan_create(
        event=event, by=animator, title="World café", format="world_cafe", tables=5, seats=6, rounds=3
    )


def url(plan):
    return f"/agenda/{plan.event.slug}/rotations/{plan.pk}/participants/import/"


def upload(name, data):
    file = io.BytesIO(data)
    file.name = name
    return file


ROWS = [
    HEADER,
    ["Gaëlle", "Villard", "Commune de Faverges-Seythenex", "Élu·e", "74", "g.villard@exemple.test", "1"],
    ["Céline", "Coubard", "PHARES", "partenaires", "", "", ""],
    ["Jérôme", "Lefèvre", "DDT de Haute-Savoie", "DDT", "74", "", ""],
]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("liste.csv", csv_bytes(ROWS, encoding="cp1252")),  # what French Excel writes
        ("liste.csv", b"\xef\xbb\xbf" + csv_bytes(ROWS)),  # « CSV UTF-8 » with its BOM
        ("liste.xlsx", xlsx_bytes(ROWS)),
    ],
)
def test_preview_then_confirm(client, plan, name, data):
    response = client.post(url(plan), {"step": "preview", "file": upload(name, data)})
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "3 participant·es prêt·es à importer" in html and "Gaëlle Villard" in html
    assert not plan.participants.exists()  # nothing before the confirmation
    response = client.post(url(plan), {"step": "confirm"})
    assert response.status_code == 302
    people = {p.name: p for p in plan.participants.all()}
    assert set(people) == {"Gaëlle Villard", "Céline Coubard", "Jérôme Lefèvre"}
    gaelle = people["Gaëlle Villard"]
    assert (gaelle.category, gaelle.host_table, gaelle.departement, gaelle.organisation.name) == (
        "elected",
        1,
        "74",
        "Commune de Faverges-Seythenex",
    )
    assert people["Jérôme Lefèvre"].category == "state" and people["Céline Coubard"].category == "partner"
    assert {p.source for p in people.values()} == {"import"}
    # A second confirmation without a new preview does nothing.
    assert "L'aperçu a expiré" in unescape(
        client.post(url(plan), {"step": "confirm"}, follow=True).content.decode()
    )
    assert plan.participants.count() == 3


def test_errors_are_listed_and_nothing_is_saved(client, plan):
    rows = [HEADER, ["Ana", "Martin", "", "Inconnue", "", "", "9"], ["Paul", "Durand", "", "", "", "", ""]]
    response = client.post(url(plan), {"step": "preview", "file": upload("liste.csv", csv_bytes(rows))})
    html = unescape(response.content.decode())
    assert "La liste n'est pas importée" in html
    assert "Ligne 2 : catégorie « Inconnue » inconnue" in html
    assert "Ligne 2 : « 9 » n'est pas un numéro de table entre 1 et 5." in html
    assert "Importer ces" not in html
    client.post(url(plan), {"step": "confirm"})
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "name", list(hostile_files(HEADER, max_bytes=IMPORT_LIMITS.max_bytes, max_rows=IMPORT_LIMITS.max_rows))
)
def test_hostile_files_are_refused_in_french(client, plan, name):
    filename, data, message = hostile_files(
        HEADER, max_bytes=IMPORT_LIMITS.max_bytes, max_rows=IMPORT_LIMITS.max_rows
    )[name]
    response = client.post(url(plan), {"step": "preview", "file": upload(filename, data)})
    assert response.status_code == 400
    assert message in unescape(response.content.decode())
    client.post(url(plan), {"step": "confirm"})
    assert not Participant.objects.exists()


def test_only_the_events_editors_import(client, plan):
    client.force_login(UserFactory())
    assert (
        client.post(url(plan), {"step": "preview", "file": upload("l.csv", csv_bytes(ROWS))}).status_code
        == 403
    )
