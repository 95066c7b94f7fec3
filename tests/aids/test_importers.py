import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from apps.aids.importers import aid_import_data, aid_import_file, aid_import_run
from apps.aids.models import Aid, AidImport
from tests.factories import OrganisationFactory, ThemeFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "data" / "aides_territoires_sample.json"


def test_aides_territoires_import_creates_updates_and_rejects_with_reasons(geo):
    energy = ThemeFactory(name="Rénovation énergétique")
    bdt = OrganisationFactory(name="Banque des Territoires")
    report = aid_import_file(path=SAMPLE, fmt="aides-territoires")
    assert len(report.created) == 2
    reasons = dict(report.rejected)
    assert "périmètre inconnu : « Atlantide (Département) »" in reasons["n° 3 (id 103)"]
    assert "date « submission_deadline » invalide" in reasons["n° 4 (id 104)"]
    assert "taux « subvention_rate_upper_bound » hors de 0 à 100" in reasons["n° 5 (id 105)"]

    ecoles = Aid.objects.get(source="aides-territoires", external_id="101")
    assert ecoles.perimeter == geo["dept"]
    assert ecoles.beneficiary_list == ["municipality", "epci"]
    assert (ecoles.rate_min, ecoles.rate_max, ecoles.kind) == (20, 50, "grant")
    assert str(ecoles.close_date) == "2027-03-31" and ecoles.recurrence == "recurring"
    assert list(ecoles.themes.all()) == [energy]
    assert ecoles.funders_text == "Conseil départemental de l'Oise"
    assert "Conditions d'éligibilité" in ecoles.description

    eclairage = Aid.objects.get(external_id="102")
    assert eclairage.perimeter is None and eclairage.kind == "loan"
    assert list(eclairage.funders.all()) == [bdt] and list(eclairage.instructors.all()) == [bdt]
    assert eclairage.url == "https://aides-territoires.beta.gouv.fr/aides/avance-eclairage/"
    assert eclairage.recurrence == "permanent"

    # Idempotent: a second run changes nothing and says so.
    again = aid_import_file(path=SAMPLE, fmt="aides-territoires")
    assert (len(again.created), len(again.updated), len(again.unchanged)) == (0, 0, 2)
    assert Aid.objects.count() == 2

    # A change at the source updates the aid in place.
    data = json.loads(SAMPLE.read_text())
    data["results"][0]["name"] = "Rénover les écoles et les mairies"
    third = aid_import_data(data=data, fmt="aides-territoires")
    assert len(third.updated) == 1 and Aid.objects.get(external_id="101").title.endswith("mairies")


def test_neutral_format_round_trips_the_api_shape(geo):
    ThemeFactory(name="Mobilité", slug="mobilite")
    data = {
        "source": "region-hdf",
        "aides": [
            {
                "id": "A1",
                "intitule": "Vélo pour tous",
                "nature": "grant",
                "beneficiaires": ["municipality", "association"],
                "perimetre": {"niveau": "region", "code": "32"},
                "thematiques": ["mobilite"],
                "financeurs": ["Région Hauts-de-France"],
                "taux_max": 40,
                "montant_max": 20000,
                "cloture": "2027-06-30",
                "recurrence": "one_off",
                "lien": "https://exemple.test/velo",
            },
            {"id": "A2", "intitule": "Sans nature", "beneficiaires": ["municipality"]},
            {"id": "A3", "intitule": "Bénéficiaire inconnu", "nature": "loan", "beneficiaires": ["martien"]},
            {
                "id": "A4",
                "intitule": "Périmètre",
                "nature": "loan",
                "beneficiaires": ["municipality"],
                "perimetre": {"niveau": "municipality", "code": "00000"},
            },
            "pas un objet",
        ],
    }
    report = aid_import_data(data=data, fmt="neutral")
    assert [r.split(" (")[0] for r in report.created] == ["Vélo pour tous"]
    assert len(report.rejected) == 4
    aid = Aid.objects.get(source="region-hdf", external_id="A1")
    assert aid.perimeter == geo["region"] and aid.themes.get().slug == "mobilite"


def test_neutral_format_still_reads_the_former_french_codes(geo, tmp_path):
    item = {
        "id": "F1",
        "intitule": "Ancien fichier",
        "nature": "subvention",
        "beneficiaires": ["commune", "epci", "etablissement_public"],
        "perimetre": {"niveau": "departement", "code": "60"},
        "recurrence": "permanente",
    }
    report = aid_import_data(data={"source": "ancien", "aides": [item]}, fmt="neutral")
    assert len(report.created) == 1, report.rejected
    aid = Aid.objects.get(source="ancien", external_id="F1")
    assert (aid.kind, aid.recurrence, aid.perimeter) == ("grant", "permanent", geo["dept"])
    assert aid.beneficiary_list == ["municipality", "epci", "public_body"]
    path = tmp_path / "aides.json"
    path.write_text(json.dumps({"source": "ancien", "aides": [item | {"id": "F2"}]}))
    call_command("aids_import", str(path), "--format", "neutre")  # the former format code
    assert Aid.objects.get(source="ancien", external_id="F2").kind == "grant"


def test_bad_file_is_reported(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{ pas du json")
    report = aid_import_file(path=bad, fmt="neutral")
    assert report.rejected and report.rejected[0][0] == "fichier"
    report = aid_import_data(data={"aides": "non"}, fmt="neutral")
    assert "format neutre attendu" in report.rejected[0][1]


def test_command_prints_the_report(geo, capsys):
    call_command("aids_import", str(SAMPLE), "--format", "aides-territoires")
    out = capsys.readouterr().out
    assert "2 créée(s)" in out and "3 rejetée(s)" in out and "Atlantide" in out


def test_command_fails_when_nothing_imported(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[]x")
    with pytest.raises(CommandError):
        call_command("aids_import", str(bad))


def test_admin_action_runs_the_import_and_keeps_the_report(geo, client):
    from tests.factories import UserFactory

    admin = UserFactory(admin=True)
    aid_import = AidImport(format="aides-territoires")
    aid_import.file.save("sample.json", ContentFile(SAMPLE.read_bytes()), save=True)
    client.force_login(admin)
    response = client.post(
        "/admin/aids/aidimport/",
        {"action": "run_import", "_selected_action": [aid_import.pk]},
        follow=True,
    )
    assert response.status_code == 200
    aid_import.refresh_from_db()
    assert (aid_import.created_count, aid_import.rejected_count) == (2, 3)
    assert "Atlantide" in aid_import.report and aid_import.ran_at is not None
    # The service itself is idempotent too.
    report = aid_import_run(aid_import=aid_import)
    assert len(report.unchanged) == 2
