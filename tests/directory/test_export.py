"""Exports: visibility matrix, list filters, formula neutralisation, round trip with the import."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.directory.exporters import organisations_export_rows, people_export_rows
from apps.directory.importers import ImportKind, LineStatus, directory_import_preview
from apps.directory.models import Visibility
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    OrganisationFactory,
    PersonFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict]:
    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content[1:]), delimiter=";"))


@pytest.fixture
def directory():
    region = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    other_region = RegionFactory(code="53", name="Bretagne")
    rhone = DepartementFactory(code="69", name="Rhône", region=region)
    finistere = DepartementFactory(code="29", name="Finistère", region=other_region)
    ecully = CommuneFactory(
        code="69081", name="Écully", epci__departement=rhone, departement=rhone, region=region
    )
    brest = CommuneFactory(
        code="29019", name="Brest", epci__departement=finistere, departement=finistere, region=other_region
    )
    energie = ThemeFactory(name="Énergie export")
    active = OrganisationFactory(
        name="Mairie d'Écully", territory=ecully, themes=[energie], email="mairie@ecully.fr"
    )
    pending = OrganisationFactory(name="Asso en attente", pending=True, association=True, territory=brest)
    PersonFactory(
        first_name="Paula", last_name="Publique", email="pub@exemple.test",
        contact_visibility=Visibility.PUBLIC, organisation=active,
    )  # fmt: skip
    PersonFactory(
        first_name="Marc", last_name="Membres", email="mem@exemple.test",
        contact_visibility=Visibility.MEMBERS, organisation=active,
    )  # fmt: skip
    PersonFactory(
        first_name="Hélène", last_name="Masquée", email="hid@exemple.test",
        contact_visibility=Visibility.HIDDEN, organisation=active,
    )  # fmt: skip
    PersonFactory(
        first_name="Nina", last_name="Nonconsentante", email="no@exemple.test", hidden=True,
        contact_visibility=Visibility.PUBLIC, organisation=active,
    )  # fmt: skip
    PersonFactory(
        first_name="Rémi", last_name="Effacé", email="rem@exemple.test", is_removed=True, organisation=active
    )
    return {"active": active, "pending": pending, "energie": energie}


def users():
    return {"anonymous": None, "member": UserFactory(), "animator": UserFactory(animator=True)}


@pytest.mark.parametrize(
    ("role", "names", "visible_people", "emails", "has_status"),
    [
        ("anonymous", ["Mairie d'Écully"], ["Paula", "Marc", "Hélène"], ["pub@"], False),
        ("member", ["Mairie d'Écully"], ["Paula", "Marc", "Hélène"], ["pub@", "mem@"], False),
        (
            "animator",
            ["Asso en attente", "Mairie d'Écully"],
            ["Paula", "Marc", "Hélène", "Nina"],
            ["pub@", "mem@", "hid@", "no@"],
            True,
        ),
    ],
)
def test_organisation_export_visibility_matrix(
    client, directory, role, names, visible_people, emails, has_status
):
    user = users()[role]
    if user:
        client.force_login(user)
    response = client.get(reverse("directory:export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="annuaire-organisations-')
    assert "no-store" in response["Cache-Control"]
    rows = read_csv(response)
    assert [row["nom"] for row in rows] == names
    assert ("statut" in rows[0]) is has_status
    mairie = next(row for row in rows if row["nom"] == "Mairie d'Écully")
    people = mairie["personnes"]
    for first_name in ["Paula", "Marc", "Hélène", "Nina", "Rémi"]:
        assert (first_name in people) is (first_name in visible_people), first_name
    for email in ["pub@", "mem@", "hid@", "no@", "rem@"]:
        assert (email in people) is (email in emails), email
    assert mairie["code_insee"] == "69081"
    assert mairie["thematiques"] == "Énergie export"
    assert mairie["email"] == "mairie@ecully.fr"
    assert mairie["departement"] == "Rhône"
    assert mairie["fiche"].endswith(directory["active"].get_absolute_url())


def test_people_export_for_animators(client, directory):
    client.force_login(UserFactory(animator=True))
    rows = read_csv(client.get(reverse("directory:export_people_csv")))
    by_email = {row["email"]: row for row in rows}
    assert set(by_email) == {"pub@exemple.test", "mem@exemple.test", "hid@exemple.test", "no@exemple.test"}
    assert by_email["no@exemple.test"]["consentement_annuaire"] == "non"
    assert by_email["pub@exemple.test"]["consentement_annuaire"] == "oui"
    assert by_email["pub@exemple.test"]["organisation"] == "Mairie d'Écully"
    assert by_email["hid@exemple.test"]["visibilite_coordonnees"] == "Masquées"


def test_people_rows_follow_contact_visibility_for_a_member(directory):
    """The logic is generic even though the page is for animators: a member gets consenting people
    only, with emails when visibility allows."""
    rows = list(people_export_rows(UserFactory(), {}))
    emails = {row[0]: row[2] for row in rows[1:]}
    assert emails == {"Paula": "pub@exemple.test", "Marc": "mem@exemple.test", "Hélène": ""}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Mairie d'Écully"]),
        ("?q=ecully", ["Mairie d'Écully"]),
        ("?q=brest", []),
        ("?type=association", ["Autre association"]),
        ("?type=municipality", ["Mairie d'Écully"]),
        ("?region=84", ["Mairie d'Écully"]),
        ("?region=53", []),
        ("?departement=69", ["Mairie d'Écully"]),
        ("?departement=29", []),
        ("?theme=energie-export", ["Mairie d'Écully"]),
    ],
)
def test_export_honours_the_list_filters(client, directory, query, expected):
    OrganisationFactory(name="Autre association", association=True, territory=None)
    rows = read_csv(client.get(reverse("directory:export_csv") + query))
    expected = expected if query else ["Autre association", *expected]
    assert [row["nom"] for row in rows] == expected


def test_animator_filters_include_pending(client, directory):
    client.force_login(UserFactory(animator=True))
    rows = read_csv(client.get(reverse("directory:export_csv") + "?region=53"))
    assert [(row["nom"], row["statut"]) for row in rows] == [
        ("Asso en attente", "Demande d'adhésion en attente")
    ]


def test_export_query_count_does_not_grow_with_rows(client, directory, django_assert_max_num_queries):
    for i in range(30):
        org = OrganisationFactory(name=f"Asso {i}", association=True, territory=directory["active"].territory)
        PersonFactory(organisation=org)
    with django_assert_max_num_queries(8):
        rows = read_csv(client.get(reverse("directory:export_csv")))
    assert len(rows) == 31


# --- Formula neutralisation ---------------------------------------------------------------------


def test_formulas_are_neutralised_in_csv_and_xlsx(client):
    OrganisationFactory(
        name='=HYPERLINK("http://pirate.example","clic")',
        description="+1+1",
        competences="@cmd",
        needs="-2",
        association=True,
        territory=None,
    )
    row = read_csv(client.get(reverse("directory:export_csv")))[0]
    assert row["nom"] == '\'=HYPERLINK("http://pirate.example","clic")'
    assert (row["description"], row["competences"], row["besoins"]) == ("'+1+1", "'@cmd", "'-2")

    response = client.get(reverse("directory:export_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("nom") + 1)
    assert cell.value == '\'=HYPERLINK("http://pirate.example","clic")'
    assert cell.data_type == "s"


def test_xlsx_export_strips_control_characters(client):
    OrganisationFactory(name="Asso\x01 bizarre", association=True, territory=None)
    sheet = load_workbook(io.BytesIO(client.get(reverse("directory:export_xlsx")).content)).worksheets[0]
    assert sheet.cell(row=2, column=1).value == "Asso bizarre"


# --- Round trip ---------------------------------------------------------------------------------


def reimport(rows, kind, encoding="utf-8"):
    """The import preview of the exported rows, written as the CSV the export serves."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(rows)
    return directory_import_preview(data=buffer.getvalue().encode(encoding), filename="export.csv", kind=kind)


def test_organisation_export_can_be_reimported_unchanged(directory):
    animator = UserFactory(animator=True)
    preview = reimport(organisations_export_rows(animator, {}), ImportKind.ORGANISATIONS, "utf-8-sig")
    assert preview.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
    assert "personnes" in preview.ignored_columns


def test_people_export_can_be_reimported_unchanged(directory):
    animator = UserFactory(animator=True)
    preview = reimport(people_export_rows(animator, {}), ImportKind.PEOPLE)
    assert [line.status for line in preview.lines] == [LineStatus.UNCHANGED] * 4
