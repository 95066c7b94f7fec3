import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from apps.consultations.imports import MAX_BYTES, parse_proposals
from tests.consultations.factories import WorkshopFactory

pytestmark = pytest.mark.django_db

HEADER = "Piste d'orientation;Action proposée;Objectifs poursuivis;Groupe;Catégories\n"


def upload(name, content: bytes):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize(
    "raw",
    [
        (
            HEADER + "Rénover les écoles;Audit énergétique;Réduire la facture;Table 1;élu·e, technicien\n"
        ).encode("utf-8"),
        b"\xef\xbb\xbf"
        + (
            HEADER + "Rénover les écoles;Audit énergétique;Réduire la facture;Table 1;élu·e, technicien\n"
        ).encode("utf-8"),
        (
            HEADER.replace("·", "")
            + "Rénover les écoles;Audit énergétique;Réduire la facture;Table 1;élus, technicien\n"
        ).encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "latin-1"],
)
def test_csv_encodings(raw):
    result = parse_proposals(upload("livret.csv", raw))
    assert result.ok, result.errors
    assert result.rows[0]["orientation"] == "Rénover les écoles"
    assert result.rows[0]["group"] == "Table 1"
    assert result.rows[0]["categories"] == ["elu", "agent"]


def test_missing_column():
    result = parse_proposals(upload("livret.csv", "Action proposée;Groupe\nx;y\n".encode()))
    assert not result.ok
    assert "Colonne obligatoire absente" in result.errors[0] and "piste d'orientation" in result.errors[0]


def test_line_errors_in_french():
    raw = (HEADER + ";Sans piste;;;\nUne piste;;;;martien\n\nDeuxième piste;;;;\n").encode()
    result = parse_proposals(upload("livret.csv", raw))
    assert "Ligne 2 : la piste d'orientation est vide." in result.errors
    assert any(e.startswith("Ligne 3 : catégorie « martien » inconnue") for e in result.errors)
    assert not result.ok


def test_oversize_and_format():
    big = upload("livret.csv", b"a" * (MAX_BYTES + 1))
    assert "2 Mo au plus" in parse_proposals(big).errors[0]
    assert "Format non pris en charge" in parse_proposals(upload("livret.pdf", b"%PDF")).errors[0]
    assert "illisible" in parse_proposals(upload("livret.xlsx", b"pas un zip")).errors[0]


def test_xlsx():
    wb = Workbook()
    ws = wb.active
    ws.append(["Piste d'orientation", "Action proposée", "Objectifs poursuivis", "Groupe", "Catégories"])
    ws.append(["Mutualiser un poste", "Recruter à plusieurs", "Partager l'ingénierie", "Table 2", "agent"])
    out = io.BytesIO()
    wb.save(out)
    result = parse_proposals(upload("livret.xlsx", out.getvalue()))
    assert result.ok and result.rows[0]["objectives"] == "Partager l'ingénierie"


def test_import_view_preview_then_confirm(client, animator):
    workshop = WorkshopFactory()
    client.force_login(animator)
    url = reverse("consultations:proposals_import", args=[workshop.slug])
    raw = (
        HEADER + "Rénover les écoles;Audit;Réduire;Table 1;élu\nMobiliser;Forum;Participer;Table 2;agent\n"
    ).encode()
    response = client.post(url, {"step": "preview", "file": upload("l.csv", raw)})
    assert "Aperçu : 2 propositions" in response.content.decode()
    assert workshop.proposals.count() == 0
    client.post(url, {"step": "confirm"})
    assert workshop.proposals.count() == 2
    assert sorted(workshop.groups.values_list("name", flat=True)) == ["Table 1", "Table 2"]
    # A file with errors imports nothing, and says why.
    response = client.post(url, {"step": "preview", "file": upload("l.csv", (HEADER + ";;x;;\n").encode())})
    assert "Ligne 2 : la piste d&#x27;orientation est vide." in response.content.decode()
    response = client.post(url, {"step": "confirm"}, follow=True)
    assert "L&#x27;aperçu a expiré" in response.content.decode()
    assert workshop.proposals.count() == 2
