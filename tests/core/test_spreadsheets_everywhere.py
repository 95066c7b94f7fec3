"""Every export and every import of the project goes through apps.core.tabular: a formula typed
by a member never reaches a spreadsheet alive, and a hostile file never gets a 500."""

import csv
import html
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from apps.arbitrages.services import response_save
from apps.directory.importers import LIMITS as DIRECTORY_LIMITS
from apps.directory.models import Organisation
from apps.polls.models import Poll, PollOption
from apps.polls.services import poll_answer_save
from tests.arbitrages.factories import ArbitrageQuestionFactory, QuestionnaireFactory
from tests.core.hostile import hostile_files
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.workshops.factories import WorkshopAtelierFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://pirate.example","clic")'
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def cells_of(response) -> list[str]:
    """Every cell of a CSV or XLSX download, as a spreadsheet would read it."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        text = content.decode("utf-8-sig")
        return [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert all(b"<f>" not in sheet and b"<f " not in sheet for sheet in sheets), "a live formula"
    workbook = load_workbook(io.BytesIO(content))
    cells = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s"
                    cells.append(cell.value)
    return cells


def assert_neutralised(response):
    assert response.status_code == 200
    cells = cells_of(response)
    assert "'" + FORMULA in cells, "the formula was not exported at all"
    assert not [cell for cell in cells if cell.startswith(FORMULA_PREFIXES)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_directory_organisations_export(client, fmt):
    OrganisationFactory(name=FORMULA, description="+1+1", association=True, territory=None)
    assert_neutralised(client.get(reverse(f"directory:export_{fmt}")))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_directory_people_export(client, fmt):
    PersonFactory(first_name=FORMULA, function="@SOMME(A1)")
    client.force_login(UserFactory(animator=True))
    assert_neutralised(client.get(reverse(f"directory:export_people_{fmt}")))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_arbitrage_export(client, fmt):
    delegation = OrganisationFactory(name=FORMULA)
    questionnaire = QuestionnaireFactory(delegations=[delegation])
    ArbitrageQuestionFactory(questionnaire=questionnaire, short_label="-1+2")
    response_save(
        questionnaire=questionnaire, delegation=delegation, answers={}, by=UserFactory(first_name="@moi")
    )
    client.force_login(UserFactory(animator=True))
    assert_neutralised(client.get(reverse("arbitrages:export", args=[questionnaire.slug, fmt])))


def test_event_participants_export(client):
    event = EventFactory()
    RegistrationFactory(
        event=event, share_contact=True, user=UserFactory(first_name=FORMULA, last_name="\tcaché")
    )
    client.force_login(UserFactory(animator=True))
    assert_neutralised(client.get(reverse("events:participants_csv", args=[event.slug])))


def test_poll_export(client):
    author = UserFactory()
    client.force_login(author)
    client.post(
        reverse("polls:create"),
        {
            "title": "Date",
            "option_0_date": "2099-03-10",
            "option_0_label": FORMULA,
            "option_1_date": "2099-03-11",
            "option_1_label": "+33 6 12",
        },
    )
    poll = Poll.objects.get(title="Date")
    options = list(PollOption.objects.filter(poll=poll))
    assert len(options) == 2
    voter = UserFactory(first_name=FORMULA, last_name="")
    poll_answer_save(poll=poll, user=voter, values={option.pk: "yes" for option in options})
    assert_neutralised(client.get(reverse("polls:export", args=[poll.slug])))


# --- Imports ------------------------------------------------------------------------------------

DIRECTORY_HEADER = ["nom", "type"]
PROPOSALS_HEADER = [
    "Atelier",
    "Table",
    "Question",
    "Piste d'orientation",
    "Action proposée",
    "Objectifs poursuivis",
]
DIRECTORY_FILES = hostile_files(
    DIRECTORY_HEADER, max_bytes=DIRECTORY_LIMITS.max_bytes, max_rows=DIRECTORY_LIMITS.max_rows
)


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.mark.parametrize("name", list(DIRECTORY_FILES))
def test_directory_import_refuses_hostile_files_in_french(client, name):
    filename, data, message = DIRECTORY_FILES[name]
    client.force_login(UserFactory(animator=True))
    upload = io.BytesIO(data)
    upload.name = filename
    response = client.post(reverse("directory:import"), {"kind": "organisations", "file": upload})
    assert response.status_code == 400  # the form, with the error on the file field
    assert message in page_text(response)
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    "name", list(hostile_files(PROPOSALS_HEADER, max_bytes=2 * 1024 * 1024, max_rows=2000))
)
def test_workshop_proposal_import_refuses_hostile_files_in_french(client, name):
    from apps.workshops.imports import LIMITS
    from apps.workshops.models import WorkshopProposal

    filename, data, message = hostile_files(
        PROPOSALS_HEADER, max_bytes=LIMITS.max_bytes, max_rows=LIMITS.max_rows
    )[name]
    workshop = WorkshopAtelierFactory().day
    client.force_login(UserFactory(animator=True))
    upload = io.BytesIO(data)
    upload.name = filename
    url = reverse("workshops:proposals_import", args=[workshop.slug])
    response = client.post(url, {"step": "preview", "file": upload})
    assert response.status_code == 200
    assert message in page_text(response)
    client.post(url, {"step": "confirm"})
    assert not WorkshopProposal.objects.exists()
