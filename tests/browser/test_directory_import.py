"""Browser test of the directory import: upload a CSV with one bad line, preview, confirm, report."""

import pytest

from apps.directory.models import Organisation
from tests.directory.fixtures_import.builders import SIREN_A, csv_bytes
from tests.factories import CommuneFactory, DepartementFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _private_import_dir(settings, tmp_path):
    settings.MAILLAGE_IMPORT_DIR = str(tmp_path / "imports")


def test_animator_imports_a_csv_with_one_bad_line(
    page, live_server, login, assert_accessible, console_errors, tmp_path
):
    rhone = DepartementFactory(code="69", name="Rhône")
    CommuneFactory(code="69081", name="Écully", epci__departement=rhone, departement=rhone, postcodes="69130")
    animator = UserFactory(animator=True)
    path = tmp_path / "membres-du-reseau.csv"
    path.write_bytes(
        csv_bytes(
            [
                ["nom", "type", "siren", "code_insee", "email"],
                ["Commune d'Écully", "Commune", "", "69081", "mairie@ecully.fr"],
                ["Les Amis du Vélo", "association", "123456789", "69130", ""],
                ["Maison de l'Énergie", "association", SIREN_A, "69130", "contact@energie.example"],
            ],
            encoding="cp1252",
        )
    )

    login(animator)
    page.goto(f"{live_server.url}/annuaire/import/")
    assert page.get_by_role("heading", level=1).inner_text() == "Importer des organisations ou des personnes"
    assert_accessible(page, "directory-import")

    assert page.get_by_label("Organisations").is_checked()
    page.get_by_label("Fichier à importer").set_input_files(str(path))
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Aperçu de l'import"
    assert page.locator("#count-create").inner_text() == "2"
    assert page.locator("#count-error").inner_text() == "1"
    bad_line = page.locator("#ligne-3")
    assert "En erreur" in bad_line.text_content()
    assert (
        "SIREN « 123456789 » : Ce SIREN n'est pas valide (clé de contrôle incorrecte)."
        in bad_line.inner_text()
    )
    # Accents read correctly from a Windows-1252 file.
    assert "Commune d'Écully" in page.locator("#ligne-2").inner_text()
    assert Organisation.objects.count() == 0
    assert_accessible(page, "directory-import-preview")

    page.get_by_role("button", name="Confirmer l'import de 2 lignes").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Rapport d'import"
    assert page.locator("#report-created").inner_text() == "2"
    assert page.locator("#report-skipped").inner_text() == "1"
    assert "Les Amis du Vélo" in page.get_by_role("table").inner_text()
    assert_accessible(page, "directory-import-report")

    assert sorted(Organisation.objects.values_list("name", flat=True)) == [
        "Commune d'Écully",
        "Maison de l'Énergie",
    ]
    assert console_errors == []


def test_report_page_refreshes_itself_while_the_worker_runs(
    page, live_server, login, assert_accessible, console_errors, tmp_path, monkeypatch
):
    """With a real worker the import finishes later: the page polls with htmx and shows the report."""
    from types import SimpleNamespace

    from apps.directory import views_import
    from apps.directory.importers import directory_import_run

    enqueued = []
    monkeypatch.setattr(
        views_import, "directory_import_run", SimpleNamespace(enqueue=lambda **kw: enqueued.append(kw))
    )
    path = tmp_path / "associations.csv"
    path.write_bytes(csv_bytes([["nom", "type"], ["Maison du Vélo", "association"]], encoding="utf-8-sig"))

    login(UserFactory(animator=True))
    page.goto(f"{live_server.url}/annuaire/import/")
    page.get_by_label("Fichier à importer").set_input_files(str(path))
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.get_by_role("button", name="Confirmer l'import de 1 ligne").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Import en cours"
    assert_accessible(page, "directory-import-running")

    directory_import_run.call(**enqueued[0])  # what the db_worker does
    page.get_by_role("heading", name="Rapport d'import").wait_for(timeout=10_000)
    assert page.locator("#report-created").inner_text() == "1"
    assert Organisation.objects.get().name == "Maison du Vélo"
    assert console_errors == []
