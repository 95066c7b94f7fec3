"""Importing annex tables: safe to repeat, duplicates flagged, undo in one click."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.core.tabular import xlsx_bytes
from apps.workshops import services
from apps.workshops.imports import parse_proposals
from apps.workshops.models import WorkshopImportBatch, WorkshopProposal, WorkshopQuestion, WorkshopTable
from tests.workshops.factories import WorkshopAtelierFactory, WorkshopDayFactory, WorkshopQuestionFactory

pytestmark = pytest.mark.django_db

HEADER = "atelier;table;question;piste;action;objectifs\n"
ROWS = [
    "Mobilité;Table 1;1;Développer le covoiturage;Créer une plateforme locale de covoiturage;Réduire l'autosolisme",
    "Mobilité;Table  1;1;Développer le covoiturage;Aménager des aires de covoiturage;Sécuriser les trajets",
    "Mobilité;table 2;Comment financer les mobilités ?;Financer;Mobiliser les fonds européens;Trouver des financements",
    "Énergie;Table A;;Sobriété;Former les agents aux retours d'expériences;Diffuser les bonnes pratiques",
]


def upload(text: str, name="annexe.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"))


@pytest.fixture
def day(db):
    day = WorkshopDayFactory()
    mobility = WorkshopAtelierFactory(day=day, title="Mobilité", position=1)
    WorkshopQuestionFactory(atelier=mobility, position=1, text="Comment se déplacer autrement ?")
    return day


def run_import(day, user, text, decisions=None):
    preview = parse_proposals(upload(text), day)
    assert preview.ok, preview.errors
    return preview, services.proposals_import(
        user=user, day=day, rows=preview.rows, decisions=decisions or {}, source="annexe.csv"
    )


def test_columns_question_by_number_or_text_and_normalised_names(day, animator):
    preview, batch = run_import(day, animator, HEADER + "\n".join(ROWS))
    assert preview.new_ateliers == ["Énergie"]
    assert batch.added == 4
    mobility = day.ateliers.get(title="Mobilité")
    # "Table 1" and "Table  1" (double space) are one table; "table 2" is new.
    assert sorted(WorkshopTable.objects.filter(atelier=mobility).values_list("name", flat=True)) == [
        "Table 1",
        "table 2",
    ]
    assert WorkshopProposal.objects.filter(atelier=mobility, question__position=1).count() == 2
    created = WorkshopQuestion.objects.get(atelier=mobility, text="Comment financer les mobilités ?")
    assert created.position == 2 and created.proposals.count() == 1
    energy = day.ateliers.get(title="Énergie")
    assert energy.proposals.get().question is None


def test_reimporting_the_same_file_adds_nothing(day, animator):
    run_import(day, animator, HEADER + "\n".join(ROWS))
    preview, batch = run_import(day, animator, HEADER + "\n".join(ROWS))
    assert len(preview.duplicates) == 4
    assert {r["duplicate_kind"] for r in preview.duplicates} == {"exact"}
    assert batch.added == 0 and batch.skipped == 4
    assert WorkshopProposal.objects.count() == 4


def test_near_duplicates_are_flagged_and_can_replace_then_undo(day, animator):
    run_import(day, animator, HEADER + ROWS[0])
    original = WorkshopProposal.objects.get()
    near = "Mobilité;Table 1;1;développer le covoiturage !;Créer une  plateforme locale de co-voiturage;Réduire l’autosolisme."
    preview = parse_proposals(upload(HEADER + near), day)
    # "co-voiturage" differs by a hyphen only: punctuation is ignored, so it is a near duplicate.
    assert [r["duplicate_kind"] for r in preview.rows] == ["near"]
    assert preview.rows[0]["duplicate_of"] == original.pk
    line = preview.rows[0]["line"]
    batch = services.proposals_import(
        user=animator, day=day, rows=preview.rows, decisions={line: "replace"}, source="v2.csv"
    )
    assert batch.replaced == 1 and WorkshopProposal.objects.count() == 1
    original.refresh_from_db()
    assert original.orientation == "développer le covoiturage !"
    services.import_batch_undo(user=animator, batch=batch)
    original.refresh_from_db()
    assert original.orientation == "Développer le covoiturage"


def test_add_anyway_and_duplicates_inside_the_file(day, animator):
    preview = parse_proposals(upload(HEADER + ROWS[0] + "\n" + ROWS[0]), day)
    assert preview.rows[1]["duplicate_in_file"] == preview.rows[0]["line"]
    lines = [r["line"] for r in preview.rows]
    services.proposals_import(
        user=animator, day=day, rows=preview.rows, decisions={lines[1]: "add"}, source="x.csv"
    )
    assert WorkshopProposal.objects.count() == 2


def test_undo_removes_exactly_the_batch(day, animator):
    _, first = run_import(day, animator, HEADER + ROWS[0])
    _, second = run_import(day, animator, HEADER + "\n".join(ROWS[1:]))
    assert WorkshopProposal.objects.count() == 4
    services.import_batch_undo(user=animator, batch=second)
    assert list(WorkshopProposal.objects.values_list("batch_id", flat=True)) == [first.pk]
    second.refresh_from_db()
    assert second.undone_at is not None


def test_errors_are_french_and_per_line(day):
    preview = parse_proposals(
        upload(HEADER + "Mobilité;Table 1;7;Piste;Action;Objectif\n;;;;;\nMobilité;;;;;"), day
    )
    assert "Ligne 2 : l'atelier « Mobilité » n'a pas de question n° 7" in preview.errors[0]
    assert preview.errors[1].startswith("Ligne 4 : ni piste, ni action, ni objectifs")
    two = WorkshopDayFactory()
    WorkshopAtelierFactory(day=two)
    WorkshopAtelierFactory(day=two)
    preview = parse_proposals(upload("piste;action\nA;B"), two)
    assert "Colonne « atelier » absente" in preview.errors[0]


def test_single_atelier_day_needs_no_atelier_column(day, animator):
    _preview, batch = run_import(
        day, animator, "Piste d'orientation;Action proposée;Objectifs poursuivis\nP;A;O"
    )
    assert batch.added == 1 and WorkshopProposal.objects.get().atelier.title == "Mobilité"


def test_xlsx_is_read_too(day, animator):
    data = xlsx_bytes(
        [["Atelier", "Piste", "Action", "Objectifs"], ["Mobilité", "P", "A", "O"]], title="Annexe"
    )
    preview = parse_proposals(upload_bytes(data), day)
    assert preview.ok and preview.rows[0]["action"] == "A"


def upload_bytes(data, name="annexe.xlsx"):
    return SimpleUploadedFile(name, data)


def test_import_pages_preview_then_confirm_then_undo(client, day, animator):
    client.force_login(animator)
    url = reverse("workshops:proposals_import", args=[day.slug])
    response = client.post(url, {"file": upload(HEADER + "\n".join(ROWS))})
    page = response.content.decode()
    assert "Ce que l'import va créer" in page and "Énergie" in page
    client.post(url, {"step": "confirm"})
    assert WorkshopProposal.objects.count() == 4
    # Again: the preview flags all four; confirming without changing the choices adds nothing.
    page = client.post(url, {"file": upload(HEADER + "\n".join(ROWS))}).content.decode()
    assert page.count("doublon exact") == 4
    client.post(url, {"step": "confirm"})
    assert WorkshopProposal.objects.count() == 4
    batch = WorkshopImportBatch.objects.filter(added=4).get()
    undo = reverse("workshops:batch_undo", args=[day.slug, batch.pk])
    assert "Annuler un import" in client.get(undo).content.decode()
    client.post(undo)
    assert WorkshopProposal.objects.count() == 0


def test_bulk_delete_with_one_confirmation(client, day, animator):
    run_import(day, animator, HEADER + "\n".join(ROWS))
    ids = list(WorkshopProposal.objects.values_list("pk", flat=True)[:3])
    client.force_login(animator)
    url = reverse("workshops:proposals_delete", args=[day.slug])
    page = client.post(url, {"ids": ids}).content.decode()
    assert "3 propositions seront définitivement supprimées" in page
    assert WorkshopProposal.objects.count() == 4
    client.post(url, {"ids": ids, "confirming": "1", "confirm": "on"})
    assert WorkshopProposal.objects.count() == 1
    # Another day's proposals are out of reach.
    other = WorkshopAtelierFactory()
    services.proposal_create(user=animator, atelier=other, data={"orientation": "X"})
    client.post(
        url, {"ids": [WorkshopProposal.objects.get(atelier=other).pk], "confirming": "1", "confirm": "on"}
    )
    assert WorkshopProposal.objects.filter(atelier=other).exists()
