"""Reading and validating import files: encodings, separators, file-level and line-level errors."""

import pytest

from apps.core.tabular import TabularError, decode_text, detect_delimiter, read_table
from apps.directory.importers import (
    LIMITS,
    MAX_ROWS,
    ImportKind,
    LineStatus,
    directory_import_preview,
)
from apps.directory.models import OrganisationType
from apps.territories.models import Kind
from tests.directory.fixtures_import.builders import (
    ORG_HEADER,
    PERSON_HEADER,
    SIREN_A,
    SIREN_B,
    csv_bytes,
    xlsx_bytes,
)
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    OrganisationFactory,
    RegionFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

ORGS = ImportKind.ORGANISATIONS
PEOPLE = ImportKind.PEOPLE


@pytest.fixture
def communes():
    rhone = DepartementFactory(code="69", name="Rhône")
    loire = DepartementFactory(code="42", name="Loire")
    epci = EpciFactory(code="200046977", name="Métropole de Lyon", departement=rhone)
    ecully = CommuneFactory(code="69081", name="Écully", epci=epci, departement=rhone, postcodes="69130")
    saint_etienne = CommuneFactory(
        code="42218",
        name="Saint-Étienne",
        epci__departement=loire,
        departement=loire,
        postcodes="42000 42100",
    )
    return {"ecully": ecully, "saint_etienne": saint_etienne, "epci": epci, "rhone": rhone}


def preview_of(rows, *, kind=ORGS, filename="liste.csv", **csv_options):
    return directory_import_preview(data=csv_bytes(rows, **csv_options), filename=filename, kind=kind)


def only_line(preview):
    assert len(preview.lines) == 1
    return preview.lines[0]


# --- Encodings and separators -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 avec BOM"),
        ("latin-1", "Windows-1252 (Latin-1)"),
        ("cp1252", "Windows-1252 (Latin-1)"),
    ],
)
def test_accents_are_decoded_whatever_the_encoding(communes, encoding, label):
    rows = [
        ["nom", "type", "code_insee"],
        ["Commune d'Écully", "Commune", "69081"],
        ["Ville de Saint-Étienne", "commune", "42218"],
    ]
    preview = preview_of(rows, encoding=encoding)
    assert preview.encoding == label
    assert [line.label for line in preview.lines] == ["Commune d'Écully", "Ville de Saint-Étienne"]
    assert [line.status for line in preview.lines] == [LineStatus.CREATE, LineStatus.CREATE]
    assert preview.lines[1].cleaned["territory"] == communes["saint_etienne"]


def test_bom_does_not_pollute_the_first_header(communes):
    preview = preview_of(
        [["nom", "type", "code_insee"], ["Écully", "commune", "69081"]], encoding="utf-8-sig"
    )
    assert preview.columns[0] == "nom"


def test_cp1252_specific_characters_are_read():
    text, label = decode_text("Œuvre – l’été".encode("cp1252"))
    assert text == "Œuvre – l’été"
    assert label.startswith("Windows-1252")


def test_undecodable_bytes_are_a_clear_error():
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid as UTF-8.
    with pytest.raises(TabularError, match="Encodage du fichier non reconnu"):
        decode_text(b"nom;type\r\nA\x81\x8d;commune\r\n")


def test_mixed_encodings_are_refused():
    data = "nom;type\r\nÉcully;commune\r\n".encode() + "Génissieux;commune\r\n".encode("cp1252")
    with pytest.raises(TabularError, match="mélange plusieurs encodages"):
        read_table(data, "liste.csv")


def test_broken_utf8_after_a_bom_is_an_error():
    with pytest.raises(TabularError, match="UTF-8 mais contient des caractères invalides"):
        decode_text(b"\xef\xbb\xbfnom\xff;type")


def test_binary_file_named_csv_is_refused():
    with pytest.raises(TabularError, match="n'est pas un fichier texte CSV"):
        read_table(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "liste.csv")


@pytest.mark.parametrize(("delimiter", "expected"), [(";", ";"), (",", ","), ("\t", "\t")])
def test_separator_is_detected(communes, delimiter, expected):
    rows = [["nom", "type", "code_insee"], ["Commune d'Écully, Rhône", "commune", "69081"]]
    preview = preview_of(rows, delimiter=delimiter)
    assert preview.delimiter == expected
    assert only_line(preview).label == "Commune d'Écully, Rhône"


def test_detect_delimiter_prefers_the_most_frequent_on_the_header():
    assert detect_delimiter("nom,type;siren,email\n") == ","
    assert detect_delimiter("nom;type;siren\n") == ";"
    assert detect_delimiter("nom\n") == ";"


def test_headers_are_matched_without_accents_case_or_spaces(communes):
    rows = [
        ["Nom", "TYPE", "Code INSEE", "Thématiques", "Site web", "Courriel"],
        ["Écully", "Commune", "69081", "", "", ""],
    ]
    preview = preview_of(rows)
    assert preview.columns == ["nom", "type", "code_insee", "thematiques", "site_web", "email"]


def test_unknown_columns_are_listed_and_ignored(communes):
    preview = preview_of([["nom", "type", "code_insee", "Remarques"], ["Écully", "commune", "69081", "x"]])
    assert preview.ignored_columns == ["Remarques"]
    assert only_line(preview).status == LineStatus.CREATE


# --- File-level errors --------------------------------------------------------------------------


def test_empty_file():
    with pytest.raises(TabularError, match="Le fichier est vide"):
        directory_import_preview(data=b"", filename="vide.csv", kind=ORGS)
    with pytest.raises(TabularError, match="Le fichier est vide"):
        directory_import_preview(data=b" \r\n\r\n", filename="vide.csv", kind=ORGS)


def test_header_only_file():
    with pytest.raises(TabularError, match="que la ligne d'en-tête"):
        preview_of([ORG_HEADER])


def test_missing_required_column_is_named():
    with pytest.raises(TabularError, match="Colonne obligatoire manquante : « type »"):
        preview_of([["nom", "siren"], ["Écully", SIREN_A]])


def test_people_file_uploaded_as_organisations_gets_a_hint():
    with pytest.raises(TabularError, match="semble contenir des personnes"):
        preview_of([PERSON_HEADER, ["Camille", "Martin", "c@exemple.test", "", "", "", ""]])


def test_duplicate_header_is_an_error():
    with pytest.raises(TabularError, match="« email » apparaît deux fois"):
        preview_of([["nom", "type", "email", "Courriel"], ["A", "association", "a@b.fr", "c@d.fr"]])


def test_oversize_file_is_refused():
    data = b"nom;type\r\n" + b"x" * (5 * 1024 * 1024)
    with pytest.raises(TabularError, match=r"trop volumineux .* la limite est de 5 Mo"):
        directory_import_preview(data=data, filename="gros.csv", kind=ORGS)


def test_too_many_lines_is_refused():
    rows = [["nom", "type"]] + [[f"Association {i}", "association"] for i in range(MAX_ROWS + 1)]
    with pytest.raises(TabularError, match="plus de 20\u202f000 lignes"):
        preview_of(rows)


def test_exactly_the_maximum_number_of_lines_is_accepted():
    rows = [["nom", "type"]] + [[f"Association {i}", "association"] for i in range(MAX_ROWS)]
    table = read_table(csv_bytes(rows), "liste.csv", limits=LIMITS)
    assert len(table.rows) == MAX_ROWS


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"nom;type\r\nA;commune\r\n", "liste.xlsx", "pas un classeur Excel"),
        (b"PK\x03\x04this is not really a zip", "liste.xlsx", "pas un classeur Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "liste.xls", "ancien format Excel"),
    ],
)
def test_fake_or_legacy_excel_files_are_refused(data, filename, message):
    with pytest.raises(TabularError, match=message):
        directory_import_preview(data=data, filename=filename, kind=ORGS)


def test_zip_that_is_not_a_workbook_is_refused():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    with pytest.raises(TabularError, match="pas un classeur Excel"):
        directory_import_preview(data=buffer.getvalue(), filename="liste.xlsx", kind=ORGS)


def test_unclosed_quote_is_reported():
    # The quote swallows the rest of the file into one cell, longer than any spreadsheet cell.
    with pytest.raises(TabularError, match=r"Ligne 2 : une cellule dépasse .* guillemet"):
        read_table(b'nom;type\r\n"' + b"x" * 200_000 + b";commune\r\n", "liste.csv")


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_is_read_with_numbers_as_text(communes):
    rows = [
        ["nom", "type", "siren", "code_insee"],
        ["Commune d'Écully", "Commune", int(SIREN_A), 69081],
        ["Saint-Étienne", "commune", None, "42218"],
    ]
    preview = directory_import_preview(data=xlsx_bytes(rows), filename="liste.xlsx", kind=ORGS)
    assert preview.file_format == "xlsx"
    first, second = preview.lines
    assert first.cleaned["siren"] == SIREN_A
    assert first.cleaned["territory"] == communes["ecully"]
    assert second.label == "Saint-Étienne"
    assert [line.number for line in preview.lines] == [2, 3]


def test_xlsx_lost_leading_zero_is_restored():
    ain = DepartementFactory(code="01", name="Ain")
    commune = CommuneFactory(code="01004", name="Ambérieu-en-Bugey", epci__departement=ain, departement=ain)
    rows = [["nom", "type", "code_insee"], ["Ambérieu", "commune", 1004]]
    preview = directory_import_preview(data=xlsx_bytes(rows), filename="liste.xlsx", kind=ORGS)
    assert only_line(preview).cleaned["territory"] == commune


def test_xlsx_without_any_row_is_empty():
    with pytest.raises(TabularError, match="Le fichier est vide"):
        directory_import_preview(data=xlsx_bytes([]), filename="liste.xlsx", kind=ORGS)


# --- Organisation lines -------------------------------------------------------------------------


def test_line_errors_are_french_and_per_line(communes):
    rows = [
        ORG_HEADER,
        ["Commune d'Écully", "commune", "", "69081", "ecully.fr", "mairie@ecully.fr", ""],
        ["Ville inconnue", "commune", "", "99999", "", "", ""],
        ["Asso mauvais SIREN", "association", "123456789", "", "", "", ""],
        ["Asso mauvais courriel", "association", "", "", "", "pas-une-adresse", ""],
        ["Type bizarre", "fusée", "", "", "", "", ""],
        ["", "association", "", "", "", "", ""],
        ["Asso SIREN court", "association", "12345", "", "", "", ""],
        ["Site cassé", "association", "", "", "http://", "", ""],
    ]
    preview = preview_of(rows)
    by_number = {line.number: line for line in preview.lines}
    assert by_number[2].status == LineStatus.CREATE
    assert by_number[2].cleaned["website"] == "https://ecully.fr"
    assert by_number[3].errors == [
        "Code commune inconnu : « 99999 » (ni code INSEE, ni code postal, ni « Nom (département) »)."
    ]
    assert by_number[4].errors == [
        "SIREN « 123456789 » : Ce SIREN n'est pas valide (clé de contrôle incorrecte)."
    ]
    assert by_number[5].errors == ["Adresse électronique invalide dans « email » : « pas-une-adresse »."]
    assert (
        by_number[6]
        .errors[0]
        .startswith("Type d'organisation inconnu : « fusée ». Valeurs acceptées : commune")
    )
    assert by_number[7].errors == ["Le nom de l'organisation est obligatoire."]
    assert by_number[8].errors == ["SIREN « 12345 » : Le SIREN doit comporter exactement 9 chiffres."]
    assert by_number[9].errors == ["Adresse de site internet invalide : « http:// »."]
    assert preview.counts == {"create": 1, "update": 0, "unchanged": 0, "error": 7}


def test_collectivity_needs_a_territory_code():
    line = only_line(preview_of([["nom", "type"], ["Mairie", "commune"]]))
    assert line.errors == [
        "Le code du territoire (colonne « code_insee ») est obligatoire pour une organisation de type « Commune »."
    ]


@pytest.mark.parametrize(
    ("raw_type", "expected"),
    [
        ("commune", OrganisationType.MUNICIPALITY),
        ("Association", OrganisationType.ASSOCIATION),
        ("Association / réseau / fédération", OrganisationType.ASSOCIATION),
        ("EPCI", OrganisationType.EPCI),
        ("Parc naturel régional", OrganisationType.PNR),
        ("bureau_etudes", OrganisationType.CONSULTANCY),
        ("Bureau d'études", OrganisationType.CONSULTANCY),
        ("SERVICE DE L'ÉTAT", OrganisationType.STATE),
        # English codes, and the former French codes that are not a label.
        ("municipality", OrganisationType.MUNICIPALITY),
        ("development_council", OrganisationType.DEVELOPMENT_COUNCIL),
        ("codev", OrganisationType.DEVELOPMENT_COUNCIL),
        ("recherche", OrganisationType.RESEARCH),
    ],
)
def test_type_accepts_codes_and_labels(raw_type, expected):
    rows = [["nom", "type", "code_insee"], ["Orga", raw_type, ""]]
    line = only_line(preview_of(rows))
    assert line.cleaned["type"] == expected


def test_territory_resolution_by_kind_postcode_and_name(communes):
    region = RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    rows = [
        ["nom", "type", "code_insee"],
        ["Par code postal", "association", "69130"],
        ["Par nom", "association", "Saint-Étienne (42)"],
        ["Métropole", "epci", "200046977"],
        ["Département du Rhône", "departement", "69"],
        ["Région", "region", "84"],
        ["Région par code de département", "region", "69"],
    ]
    lines = preview_of(rows).lines
    assert lines[0].cleaned["territory"] == communes["ecully"]
    assert lines[1].cleaned["territory"] == communes["saint_etienne"]
    assert lines[2].cleaned["territory"] == communes["epci"]
    assert lines[3].cleaned["territory"] == communes["rhone"]
    assert lines[4].cleaned["territory"] == region
    assert lines[5].errors == ["Code de région inconnu : « 69 »."]


def test_ambiguous_postcode_asks_for_the_insee_code(communes):
    CommuneFactory(code="69999", name="Autre commune", postcodes="69130")
    line = only_line(preview_of([["nom", "type", "code_insee"], ["Asso", "association", "69130"]]))
    assert line.errors == [
        "Le code postal 69130 correspond à plusieurs communes (Autre commune, Écully) : indiquez le code INSEE."
    ]


def test_duplicate_lines_inside_the_file(communes):
    rows = [
        ["nom", "type", "siren", "code_insee"],
        ["Écully", "commune", "", "69081"],
        ["Mairie d'Écully", "commune", "", "69081"],
        ["Asso A", "association", SIREN_A, ""],
        ["Asso A bis", "association", SIREN_A, ""],
        ["Asso sans SIREN", "association", "", ""],
        ["ASSO sans siren", "association", "", ""],
    ]
    lines = preview_of(rows).lines
    assert [line.status for line in lines] == [
        LineStatus.CREATE,
        LineStatus.ERROR,
        LineStatus.CREATE,
        LineStatus.ERROR,
        LineStatus.CREATE,
        LineStatus.ERROR,
    ]
    assert lines[1].errors == ["Ligne en double : même organisation que la ligne 2."]
    assert lines[3].errors == ["Ligne en double : même organisation que la ligne 4."]
    assert lines[5].errors == ["Ligne en double : même organisation que la ligne 6."]


def test_unknown_theme_is_a_warning_not_an_error():
    energie = ThemeFactory(name="Énergie test")
    line = only_line(
        preview_of([["nom", "type", "thematiques"], ["Asso", "association", "énergie TEST ; Licornes"]])
    )
    assert line.status == LineStatus.CREATE
    assert line.cleaned["themes"] == [energie.pk]
    assert line.warnings == ["Thématique inconnue ignorée : « Licornes »."]


def test_existing_organisations_are_matched_in_order(communes):
    by_siren = OrganisationFactory(name="Ancien nom", siren=SIREN_A, association=True, territory=None)
    commune_org = OrganisationFactory(name="Mairie d'Écully", territory=communes["ecully"])
    by_name = OrganisationFactory(name="Les Amis du Vélo", association=True, territory=None)
    rows = [
        ["nom", "type", "siren", "code_insee"],
        ["Nouveau nom", "association", SIREN_A, ""],
        ["Commune d'Écully", "commune", "", "69081"],
        ["LES AMIS DU VELO", "association", "", ""],
        ["Les Amis du Vélo", "association", SIREN_B, ""],
    ]
    lines = preview_of(rows).lines
    assert (lines[0].status, lines[0].target_pk, lines[0].changes) == (
        LineStatus.UPDATE,
        by_siren.pk,
        ["nom"],
    )
    assert (lines[1].status, lines[1].target_pk) == (LineStatus.UPDATE, commune_org.pk)
    assert (lines[2].status, lines[2].target_pk) == (LineStatus.UPDATE, by_name.pk)
    # Same name with a SIREN: it would update the organisation line 4 already updates.
    assert lines[3].errors == ["Ligne en double : même organisation de l'annuaire que la ligne 4."]


def test_name_shared_by_two_organisations_is_ambiguous():
    OrganisationFactory(name="Maison de la transition", association=True, territory=None)
    OrganisationFactory(name="Maison de la Transition", association=True, territory=None)
    line = only_line(preview_of([["nom", "type"], ["Maison de la transition", "association"]]))
    assert line.status == LineStatus.ERROR
    assert "2 organisations de l'annuaire portent déjà ce nom" in line.errors[0]


def test_unchanged_line(communes):
    OrganisationFactory(name="Mairie d'Écully", territory=communes["ecully"], website="https://ecully.fr")
    line = only_line(
        preview_of(
            [["nom", "type", "code_insee", "site_web"], ["Mairie d'Écully", "commune", "69081", "ecully.fr"]]
        )
    )
    assert line.status == LineStatus.UNCHANGED


# --- People lines -------------------------------------------------------------------------------


def test_person_line_errors(communes):
    OrganisationFactory(name="Mairie d'Écully", territory=communes["ecully"], siren=SIREN_A)
    rows = [
        PERSON_HEADER,
        ["Camille", "Martin", "camille@exemple.test", "Maire", "Élu·e", "Mairie d'Écully", "oui"],
        ["Léa", "Durand", "lea@exemple.test", "", "astronaute", SIREN_A, ""],
        ["Paul", "Roux", "pas-une-adresse", "", "", "", ""],
        ["Inès", "Petit", "ines@exemple.test", "", "agent", "Organisation fantôme", "peut-être"],
        ["Camille", "Martin", "CAMILLE@exemple.test", "", "", "", ""],
        ["", "Sans prénom", "", "", "", "", ""],
    ]
    lines = preview_of(rows, kind=PEOPLE).lines
    assert lines[0].status == LineStatus.CREATE
    assert lines[0].cleaned["category"] == "elected"
    assert lines[0].cleaned["consent"] is True
    assert lines[1].errors[0].startswith("Catégorie inconnue : « astronaute ».")
    assert lines[2].errors == ["Adresse électronique invalide dans « email » : « pas-une-adresse »."]
    assert lines[3].errors == [
        "Organisation inconnue : « Organisation fantôme ». Indiquez son nom exact ou son SIREN "
        "(importez d'abord les organisations).",
        "Consentement invalide : « peut-être » (attendu : oui ou non).",
    ]
    assert lines[4].errors == ["Ligne en double : même adresse électronique que la ligne 2."]
    assert lines[5].errors == [
        "Le prénom est obligatoire.",
        "L'adresse électronique est obligatoire (elle sert à reconnaître la personne).",
    ]


def test_person_visibility_words():
    rows = [
        ["prenom", "nom", "email", "visibilite_coordonnees"],
        ["A", "A", "a@exemple.test", "Publiques"],
        ["B", "B", "b@exemple.test", "membres"],
        ["C", "C", "c@exemple.test", "masquées"],
        ["D", "D", "d@exemple.test", "à tout le monde"],
    ]
    lines = preview_of(rows, kind=PEOPLE).lines
    assert [line.cleaned["contact_visibility"] for line in lines[:3]] == ["public", "members", "hidden"]
    assert lines[3].errors[0].startswith("Visibilité des coordonnées inconnue")


def test_kind_detection_hint_for_people():
    with pytest.raises(TabularError, match="semble contenir des organisations"):
        preview_of([["nom", "type"], ["Asso", "association"]], kind=PEOPLE)


def test_territory_kinds_are_not_confused():
    """'11' is both a département (Aude) and a région (Île-de-France)."""
    aude = DepartementFactory(code="11", name="Aude")
    idf = RegionFactory(code="11", name="Île-de-France")
    rows = [
        ["nom", "type", "code_insee"],
        ["Aude", "departement", "11"],
        ["IDF", "region", "11"],
        ["Asso", "association", "11"],
    ]
    lines = preview_of(rows).lines
    assert lines[0].cleaned["territory"] == aude
    assert lines[1].cleaned["territory"] == idf
    assert lines[2].cleaned["territory"].kind == Kind.DEPARTMENT


def test_xlsx_cell_types_become_text():
    import datetime

    from apps.core.tabular import cell_text as _cell_text

    assert _cell_text(None) == ""
    assert _cell_text(True) == "oui"
    assert _cell_text(732829320.0) == "732829320"
    assert _cell_text(2.5) == "2.5"
    assert _cell_text(datetime.datetime(2026, 1, 2)) == "2026-01-02"
    assert _cell_text(datetime.datetime(2026, 1, 2, 9, 30)) == "2026-01-02 09:30:00"
    assert _cell_text(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert _cell_text("  Écully ") == "Écully"
