"""Import pages: permissions, upload → preview → confirm → report, templates."""

import io
from types import SimpleNamespace

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from apps.directory import views_import
from apps.directory.importers import directory_import_run, import_dir
from apps.directory.models import Organisation
from tests.directory.fixtures_import.builders import csv_bytes, xlsx_bytes
from tests.factories import CommuneFactory, DepartementFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROWS = [
    ["nom", "type", "code_insee", "email"],
    ["Commune d'Écully", "commune", "69081", "mairie@ecully.fr"],
    ["Mauvaise ligne", "association", "", "pas-une-adresse"],
]


@pytest.fixture(autouse=True)
def _private_import_dir(settings, tmp_path):
    settings.MAILLAGE_IMPORT_DIR = str(tmp_path / "imports")


@pytest.fixture
def ecully():
    rhone = DepartementFactory(code="69", name="Rhône")
    return CommuneFactory(code="69081", name="Écully", epci__departement=rhone, departement=rhone)


@pytest.fixture
def animator_client(client):
    client.force_login(UserFactory(animator=True))
    return client


def token_file_id(token: str) -> str:
    return signing.loads(token, salt=views_import.TOKEN_SALT)["f"]


def upload(client, data=None, *, name="liste.csv", kind="organisations"):
    data = csv_bytes(ROWS) if data is None else data
    return client.post(reverse("directory:import"), {"kind": kind, "file": SimpleUploadedFile(name, data)})


# --- Permission matrix --------------------------------------------------------------------------


def _urls():
    token = "invalide"
    return [
        ("get", reverse("directory:import")),
        ("post", reverse("directory:import")),
        ("get", reverse("directory:import_preview", kwargs={"token": token})),
        ("post", reverse("directory:import_confirm", kwargs={"token": token})),
        ("get", reverse("directory:import_report", kwargs={"token": token})),
        ("get", reverse("directory:import_template", kwargs={"kind": "organisations", "fmt": "csv"})),
        ("get", reverse("directory:export_people_csv")),
        ("get", reverse("directory:export_people_xlsx")),
    ]


@pytest.mark.parametrize("index", range(8))
@pytest.mark.parametrize(
    ("role", "expected"),
    [("anonymous", 302), ("member", 403), ("animator", None), ("admin", None)],
)
def test_permission_matrix(client, index, role, expected):
    method, url = _urls()[index]
    if role == "member":
        client.force_login(UserFactory())
    elif role == "animator":
        client.force_login(UserFactory(animator=True))
    elif role == "admin":
        client.force_login(UserFactory(admin=True))
    response = getattr(client, method)(url)
    if expected == 302:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif expected == 403:
        assert response.status_code == 403
    else:
        # Animators get through: a page, a file, or a redirect for the invalid token / empty form.
        assert response.status_code in (200, 302, 400)
        if response.status_code == 302:
            assert not response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("url_name", ["directory:export_csv", "directory:export_xlsx"])
@pytest.mark.parametrize("role", ["anonymous", "member", "animator"])
def test_organisation_export_is_open_to_everyone(client, url_name, role):
    if role != "anonymous":
        client.force_login(UserFactory(animator=role == "animator"))
    assert client.get(reverse(url_name)).status_code == 200


def test_inactive_animator_account_is_refused(client):
    user = UserFactory(animator=True)
    client.force_login(user)
    user.is_active = False
    user.save()
    response = client.get(reverse("directory:import"))
    assert response.status_code in (302, 403)


# --- Pages --------------------------------------------------------------------------------------


def test_import_page_documents_columns_and_consent(animator_client):
    response = animator_client.get(reverse("directory:import"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "n'apparaissent pas publiquement dans l'annuaire" in content
    assert "<code>code_insee</code>" in content
    assert "<code>consentement_annuaire</code>" in content
    assert reverse("directory:import_template", kwargs={"kind": "personnes", "fmt": "xlsx"}) in content
    assert 'enctype="multipart/form-data"' in content


def test_full_flow_upload_preview_confirm_report(animator_client, ecully):
    response = upload(animator_client)
    assert response.status_code == 302
    preview_url = response["Location"]
    assert Organisation.objects.count() == 0

    response = animator_client.get(preview_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Rien n'a encore été enregistré" in content
    assert "Adresse électronique invalide dans « email » : « pas-une-adresse »." in content
    assert response.context["counts"] == {"create": 1, "update": 0, "unchanged": 0, "error": 1}
    assert Organisation.objects.count() == 0

    errors_only = animator_client.get(preview_url + "?statut=error")
    assert [line.number for line in errors_only.context["page_obj"]] == [3]

    token = response.context["token"]
    response = animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:import_report", kwargs={"token": token})
    # Tests run tasks immediately (ImmediateBackend): the import is done.
    assert list(Organisation.objects.values_list("name", flat=True)) == ["Commune d'Écully"]

    report = animator_client.get(response["Location"])
    assert report.status_code == 200
    assert report.context["report"]["status"] == "done"
    assert report.context["report"]["created"] == 1
    assert "Mauvaise ligne" in report.content.decode()
    # The upload is deleted, only the report is left.
    assert [path.name for path in import_dir().iterdir()] == [f"{token_file_id(token)}.report.json"]

    # The upload is gone: confirming twice does not import twice.
    again = animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))
    assert again.status_code == 302
    assert again["Location"] == reverse("directory:import")
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "vide.csv", "Le fichier est vide."),
        (b"nom;type\r\n", "entete.csv", "que la ligne d&#x27;en-tête"),
        (b"nom;siren\r\nA;1\r\n", "liste.csv", "Colonne obligatoire manquante : « type »"),
        (b"nom;type\r\nA;commune\r\n", "faux.xlsx", "pas un classeur Excel"),
        (b"nom;type\r\nA\x81\x8d;association\r\n", "liste.csv", "Encodage du fichier non reconnu"),
    ],
)
def test_file_level_errors_are_shown_on_the_form(animator_client, data, name, message):
    response = upload(animator_client, data, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not any(import_dir().iterdir())


def test_oversize_upload_is_refused_before_reading(animator_client):
    response = upload(animator_client, b"nom;type\r\n" + b"x" * (5 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "la limite est de 5 Mo" in response.content.decode()


def test_preview_token_belongs_to_its_uploader(animator_client, client, ecully):
    preview_url = upload(animator_client)["Location"]
    other = UserFactory(animator=True)
    client.force_login(other)
    response = client.get(preview_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("directory:import")


def test_forged_token_is_refused(animator_client):
    response = animator_client.get(reverse("directory:import_preview", kwargs={"token": "abc:def"}))
    assert response.status_code == 302


def test_reimport_through_the_views_updates(animator_client, ecully):
    OrganisationFactory(name="Mairie d'Écully", territory=ecully, email="")
    response = animator_client.get(upload(animator_client)["Location"])
    assert response.context["counts"]["update"] == 1
    animator_client.post(reverse("directory:import_confirm", kwargs={"token": response.context["token"]}))
    assert Organisation.objects.get().email == "mairie@ecully.fr"


def test_preview_without_anything_to_write_has_no_confirm_button(animator_client):
    data = csv_bytes([["nom", "type"], ["Sans code", "commune"]])
    response = animator_client.get(upload(animator_client, data)["Location"])
    content = response.content.decode()
    assert "Aucune ligne à importer" in content
    assert "Confirmer l&#x27;import" not in content
    confirm = animator_client.post(
        reverse("directory:import_confirm", kwargs={"token": response.context["token"]})
    )
    report = animator_client.get(confirm["Location"])
    assert report.context["report"]["created"] == 0
    assert Organisation.objects.count() == 0


def test_report_page_polls_while_the_import_runs(animator_client, ecully, monkeypatch):
    """With a real worker the task runs later: the page says so and refreshes itself with htmx."""
    enqueued = []
    queue = SimpleNamespace(enqueue=lambda **kwargs: enqueued.append(kwargs))
    monkeypatch.setattr(views_import, "directory_import_run", queue)
    token = animator_client.get(upload(animator_client)["Location"]).context["token"]
    report_url = animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))[
        "Location"
    ]
    response = animator_client.get(report_url)
    assert response.context["running"] is True
    content = response.content.decode()
    assert "Import en cours" in content
    assert 'hx-trigger="every 2s"' in content
    assert Organisation.objects.count() == 0
    # A second confirmation cannot enqueue the same file twice.
    again = animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))
    assert again["Location"] == reverse("directory:import")
    assert len(enqueued) == 1
    # The worker runs the task: the same page now shows the report.
    directory_import_run.call(**enqueued[0])
    response = animator_client.get(report_url)
    assert response.context["running"] is False
    assert response.context["report"]["created"] == 1
    assert Organisation.objects.count() == 1


def test_task_reports_a_database_failure_and_writes_nothing(animator_client, ecully, monkeypatch):
    from django.db import DatabaseError

    from apps.directory import importers

    written = []

    def broken(*, organisations):
        # The new rows are in the database when the failure comes: the transaction must undo them.
        written.extend(organisations)
        raise DatabaseError("disque plein")

    monkeypatch.setattr(importers, "organisations_changed", broken)
    token = animator_client.get(upload(animator_client)["Location"]).context["token"]
    # The task backend records the exception; the page shows a French message.
    animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))
    response = animator_client.get(reverse("directory:import_report", kwargs={"token": token}))
    assert response.context["report"]["status"] == "failed"
    assert "rien n&#x27;a été enregistré" in response.content.decode()
    assert [org.name for org in written] == ["Commune d'Écully"]
    assert Organisation.objects.count() == 0


def test_preview_is_paginated(animator_client, django_assert_num_queries):
    rows = [["nom", "type"]] + [[f"Association {i:03d}", "association"] for i in range(120)]
    preview_url = upload(animator_client, csv_bytes(rows))["Location"]
    # Warm the process-wide caches first (content types): the steady state is what counts, and it
    # does not depend on which tests ran before in this process.
    animator_client.get(preview_url + "?page=2")
    with django_assert_num_queries(5):
        response = animator_client.get(preview_url + "?page=3")
    assert len(response.context["page_obj"].object_list) == 20
    assert 'class="fr-pagination' in response.content.decode()


def test_xlsx_upload(animator_client, ecully):
    data = xlsx_bytes([["nom", "type", "code_insee"], ["Commune d'Écully", "commune", "69081"]])
    response = animator_client.get(upload(animator_client, data, name="liste.xlsx")["Location"])
    assert response.context["counts"]["create"] == 1
    assert "classeur Excel" in response.content.decode()


@pytest.mark.parametrize(("segment", "kind"), [("organisations", "organisations"), ("personnes", "people")])
def test_templates_can_be_downloaded_and_reimported(animator_client, segment, kind):
    from apps.core.tabular import TabularError
    from apps.directory.importers import COLUMNS, directory_import_preview

    expected = [column.name for column in COLUMNS[kind]]
    response = animator_client.get(
        reverse("directory:import_template", kwargs={"kind": segment, "fmt": "csv"})
    )
    assert response["Content-Disposition"] == f'attachment; filename="modele-import-{segment}.csv"'
    assert response.content.decode("utf-8-sig").strip().split(";") == expected

    response = animator_client.get(
        reverse("directory:import_template", kwargs={"kind": segment, "fmt": "xlsx"})
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == expected
    assert workbook.sheetnames[1] == "Aide"
    # A template is a valid file with no data yet.
    with pytest.raises(TabularError, match="que la ligne d'en-tête"):
        directory_import_preview(data=response.content, filename="modele.xlsx", kind=kind)


def test_unknown_template_is_404(animator_client):
    url = reverse("directory:import_template", kwargs={"kind": "licornes", "fmt": "csv"})
    assert animator_client.get(url).status_code == 404


def test_report_lists_skipped_lines_with_pagination(animator_client):
    rows = [["nom", "type"]] + [[f"Mairie {i}", "commune"] for i in range(60)] + [["Asso", "association"]]
    token = animator_client.get(upload(animator_client, csv_bytes(rows))["Location"]).context["token"]
    report_url = animator_client.post(reverse("directory:import_confirm", kwargs={"token": token}))[
        "Location"
    ]
    response = animator_client.get(report_url)
    assert response.context["report"]["errors"] == 60
    assert len(response.context["skipped_page"].object_list) == 50
    assert 'class="fr-pagination' in response.content.decode()
    second = animator_client.get(report_url + "?page=2")
    assert [line["number"] for line in second.context["skipped_page"].object_list] == list(range(52, 62))
