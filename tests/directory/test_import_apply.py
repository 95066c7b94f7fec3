"""Applying an import: the preview writes nothing, confirming writes, re-importing updates."""

import pytest
from django.core.exceptions import PermissionDenied

from apps.directory.importers import ImportKind, LineStatus, directory_import_apply, directory_import_preview
from apps.directory.models import Membership, Organisation, OrganisationStatus, Person, Visibility
from apps.themes.models import Theme
from tests.directory.fixtures_import.builders import SIREN_A, SIREN_B, csv_bytes, xlsx_bytes
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ORG_ROWS = [
    ["nom", "type", "siren", "code_insee", "site_web", "email", "thematiques", "description"],
    ["Commune d'Écully", "commune", "", "69081", "ecully.fr", "mairie@ecully.fr", "Énergie import", ""],
    [
        "Les Amis du Vélo",
        "association",
        SIREN_A,
        "69130",
        "",
        "",
        "Énergie import ; Mobilité import",
        "Vélo école",
    ],
    ["Ville de Saint-Étienne", "commune", "", "42218", "", "", "", ""],
    ["Ligne cassée", "commune", "", "99999", "", "", "", ""],
]


@pytest.fixture
def setup():
    rhone = DepartementFactory(code="69", name="Rhône")
    loire = DepartementFactory(code="42", name="Loire")
    ecully = CommuneFactory(
        code="69081", name="Écully", epci__departement=rhone, departement=rhone, postcodes="69130"
    )
    saint_etienne = CommuneFactory(
        code="42218", name="Saint-Étienne", epci__departement=loire, departement=loire
    )
    ThemeFactory(name="Énergie import")
    ThemeFactory(name="Mobilité import")
    return {"animator": UserFactory(animator=True), "ecully": ecully, "saint_etienne": saint_etienne}


def preview_of(rows, kind=ImportKind.ORGANISATIONS, *, encoding="utf-8"):
    return directory_import_preview(data=csv_bytes(rows, encoding=encoding), filename="liste.csv", kind=kind)


def test_preview_writes_nothing(setup, django_assert_max_num_queries):
    before = (Organisation.objects.count(), Person.objects.count(), Membership.objects.count())
    # Reads are batched: a bounded number of queries whatever the number of lines.
    with django_assert_max_num_queries(12):
        preview = preview_of(ORG_ROWS)
    assert preview.counts == {"create": 3, "update": 0, "unchanged": 0, "error": 1}
    assert (Organisation.objects.count(), Person.objects.count(), Membership.objects.count()) == before


def test_confirm_writes_valid_lines_and_skips_errors(setup):
    report = directory_import_apply(
        preview=preview_of(ORG_ROWS, encoding="latin-1"), by_user=setup["animator"]
    )
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.skipped == [
        {
            "number": 5,
            "label": "Ligne cassée",
            "errors": [
                "Code commune inconnu : « 99999 » (ni code INSEE, ni code postal, ni « Nom (département) »)."
            ],
        }
    ]
    assert Organisation.objects.count() == 3
    ecully = Organisation.objects.get(name="Commune d'Écully")
    assert ecully.territory == setup["ecully"]
    assert ecully.departement.code == "69"
    assert ecully.status == OrganisationStatus.ACTIVE
    assert ecully.website == "https://ecully.fr"
    assert list(ecully.themes.values_list("name", flat=True)) == ["Énergie import"]
    velo = Organisation.objects.get(siren=SIREN_A)
    assert velo.territory == setup["ecully"]  # resolved from the postcode
    assert set(velo.themes.values_list("name", flat=True)) == {"Énergie import", "Mobilité import"}
    assert Organisation.objects.get(name="Ville de Saint-Étienne").territory == setup["saint_etienne"]


def test_reimport_updates_instead_of_duplicating(setup):
    directory_import_apply(preview=preview_of(ORG_ROWS), by_user=setup["animator"])
    count = Organisation.objects.count()
    changed = [list(row) for row in ORG_ROWS]
    changed[2][0] = "Les Amis du Vélo lyonnais"  # renamed: still matched on SIREN
    changed[1][5] = "accueil@ecully.fr"  # matched on commune + type
    changed[3][0] = "Saint-Étienne"  # renamed commune: matched on territory
    preview = preview_of(changed)
    assert preview.counts == {"create": 0, "update": 3, "unchanged": 0, "error": 1}
    assert preview.lines[0].changes == ["adresse électronique"]
    before = Organisation.objects.get(siren=SIREN_A).updated_at
    report = directory_import_apply(preview=preview, by_user=setup["animator"])
    assert (report.created, report.updated) == (0, 3)
    assert Organisation.objects.get(siren=SIREN_A).updated_at > before
    assert Organisation.objects.get(siren=SIREN_A).search_name == "les amis du velo lyonnais"
    assert Organisation.objects.count() == count
    assert Organisation.objects.get(siren=SIREN_A).name == "Les Amis du Vélo lyonnais"
    assert (
        Organisation.objects.get(territory=setup["ecully"], type="municipality").email == "accueil@ecully.fr"
    )
    # Same file a third time: nothing left to do.
    assert preview_of(changed).counts == {"create": 0, "update": 0, "unchanged": 3, "error": 1}


def test_empty_cells_do_not_erase_existing_values(setup):
    org = OrganisationFactory(
        name="Les Amis du Vélo",
        siren=SIREN_A,
        association=True,
        territory=None,
        website="https://velo.example",
    )
    rows = [["nom", "type", "siren", "site_web"], ["Les Amis du Vélo", "association", SIREN_A, ""]]
    preview = preview_of(rows)
    assert preview.lines[0].status == LineStatus.UNCHANGED
    rows[1][2] = ""
    directory_import_apply(
        preview=preview_of([*rows, ["Autre", "association", SIREN_B, ""]]), by_user=setup["animator"]
    )
    org.refresh_from_db()
    assert org.website == "https://velo.example"
    assert org.siren == SIREN_A


def test_xlsx_import_end_to_end(setup):
    rows = [["nom", "type", "code_insee"], ["Commune d'Écully", "Commune", 69081]]
    preview = directory_import_preview(
        data=xlsx_bytes(rows), filename="liste.xlsx", kind=ImportKind.ORGANISATIONS
    )
    directory_import_apply(preview=preview, by_user=setup["animator"])
    assert Organisation.objects.get().territory == setup["ecully"]


def test_only_animators_may_apply(setup):
    preview = preview_of(ORG_ROWS)
    with pytest.raises(PermissionDenied):
        directory_import_apply(preview=preview, by_user=UserFactory())
    assert Organisation.objects.count() == 0


# --- People -------------------------------------------------------------------------------------

PEOPLE_ROWS = [
    [
        "prenom",
        "nom",
        "email",
        "fonction",
        "categorie",
        "organisation",
        "consentement_annuaire",
        "visibilite_coordonnees",
    ],
    [
        "Camille",
        "Martin",
        "Camille.Martin@exemple.test",
        "Maire",
        "elu",
        "Mairie d'Écully",
        "oui",
        "publiques",
    ],
    ["Léa", "Durand", "lea@exemple.test", "Chargée de mission", "agent", SIREN_A, "", ""],
    ["Paul", "Roux", "paul@exemple.test", "", "", "", "non", ""],
]


@pytest.fixture
def organisations(setup):
    return {
        "mairie": OrganisationFactory(name="Mairie d'Écully", territory=setup["ecully"]),
        "velo": OrganisationFactory(name="Vélo", siren=SIREN_A, association=True, territory=None),
    }


def test_people_import_consent_defaults_to_false(setup, organisations):
    before = Person.objects.count()
    preview = preview_of(PEOPLE_ROWS, ImportKind.PEOPLE)
    assert Person.objects.count() == before
    report = directory_import_apply(preview=preview, by_user=setup["animator"])
    assert report.created == 3
    camille = Person.objects.get(email="camille.martin@exemple.test")
    assert camille.directory_consent is True
    assert camille.consent_at is not None
    assert camille.contact_visibility == Visibility.PUBLIC
    assert camille.category == "elected"
    assert camille.memberships.get().organisation == organisations["mairie"]
    lea = Person.objects.get(email="lea@exemple.test")
    assert lea.directory_consent is False
    assert lea.contact_visibility == Visibility.MEMBERS
    assert lea.memberships.get().function == "Chargée de mission"
    paul = Person.objects.get(email="paul@exemple.test")
    assert (paul.directory_consent, paul.category) == (False, "other")
    # Not consenting: not in the public directory.
    assert set(Person.objects.listed().values_list("email", flat=True)) == {"camille.martin@exemple.test"}


def test_people_reimport_matches_on_email_and_never_withdraws_consent(setup, organisations):
    directory_import_apply(preview=preview_of(PEOPLE_ROWS, ImportKind.PEOPLE), by_user=setup["animator"])
    rows = [list(row) for row in PEOPLE_ROWS]
    rows[1][6] = "non"  # Camille had consented
    rows[2][3] = "Directrice"  # Léa's function changes
    rows[3][2] = "PAUL@exemple.test"
    preview = preview_of(rows, ImportKind.PEOPLE)
    assert [line.status for line in preview.lines] == [
        LineStatus.UNCHANGED,
        LineStatus.UPDATE,
        LineStatus.UNCHANGED,
    ]
    assert preview.lines[0].warnings == [
        "Cette personne a déjà consenti à apparaître dans l'annuaire : consentement conservé."
    ]
    report = directory_import_apply(preview=preview, by_user=setup["animator"])
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    assert Person.objects.count() == 3
    assert Person.objects.get(email="camille.martin@exemple.test").directory_consent is True
    lea = Person.objects.get(email="lea@exemple.test")
    assert lea.function == "Directrice"
    assert lea.memberships.get().function == "Chargée de mission"  # set when the membership was created


def test_existing_person_gets_a_new_membership(setup, organisations):
    person = PersonFactory(email="lea@exemple.test", first_name="Léa", last_name="Durand")
    rows = [
        ["prenom", "nom", "email", "organisation"],
        ["Léa", "Durand", "lea@exemple.test", "Mairie d'Écully"],
    ]
    preview = preview_of(rows, ImportKind.PEOPLE)
    assert preview.lines[0].changes == ["rattachement"]
    directory_import_apply(preview=preview, by_user=setup["animator"])
    assert list(person.memberships.values_list("organisation__name", flat=True)) == ["Mairie d'Écully"]


def test_people_themes_are_added(setup, organisations):
    rows = [
        ["prenom", "nom", "email", "thematiques"],
        ["Léa", "Durand", "lea@exemple.test", "mobilité import"],
    ]
    directory_import_apply(preview=preview_of(rows, ImportKind.PEOPLE), by_user=setup["animator"])
    assert list(Person.objects.get().themes.all()) == [Theme.objects.get(name="Mobilité import")]


def test_bulk_created_rows_match_what_save_computes(setup):
    """The import writes new rows with bulk_create: derived fields must equal Organisation.save()'s."""
    OrganisationFactory(
        name="Commune d'Écully", siren=SIREN_A, territory=setup["ecully"]
    )  # takes the plain slug
    reference = Organisation(name="Référence", type="municipality", territory=setup["ecully"])
    reference.save()
    rows = [["nom", "type", "siren", "code_insee"], ["COMMUNE D'ÉCULLY", "association", SIREN_B, "69081"]]
    directory_import_apply(preview=preview_of(rows), by_user=setup["animator"])
    imported = Organisation.objects.get(siren=SIREN_B)
    assert imported.slug == "commune-decully-2"
    assert imported.search_name == "commune d ecully"
    for field_name in ("region_id", "departement_id", "latitude", "longitude"):
        assert getattr(imported, field_name) == getattr(reference, field_name), field_name
    assert imported.departement_id is not None


def test_bulk_created_people_match_what_save_computes(setup):
    PersonFactory(first_name="Léa", last_name="Durand", email="autre@exemple.test")
    rows = [["prenom", "nom", "email"], ["Léa", "Durand", "lea@exemple.test"]]
    directory_import_apply(preview=preview_of(rows, ImportKind.PEOPLE), by_user=setup["animator"])
    person = Person.objects.get(email="lea@exemple.test")
    assert (person.slug, person.search_name) == ("lea-durand-2", "durand lea")
    assert person.created_at is not None
