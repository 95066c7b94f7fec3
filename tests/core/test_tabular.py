"""apps.core.tabular: the one reader and writer of CSV and XLSX files."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from apps.core import tabular
from apps.core.tabular import Limits, TabularError, neutralise, read_table, read_upload
from tests.core.hostile import csv_bytes, hostile_files, xlsx_bytes, zip_bomb

HEADER = ["nom", "type"]
SMALL = Limits(max_bytes=1024 * 1024, max_rows=10)

# --- Reading ------------------------------------------------------------------------------------


def test_csv_and_xlsx_give_the_same_table():
    rows = [HEADER, ["Écully", "commune"], ["", ""], ["Œuvre", "association"]]
    from_csv = read_table(csv_bytes(rows), "liste.csv")
    from_xlsx = read_table(xlsx_bytes(rows), "liste.xlsx")
    assert from_csv.headers == from_xlsx.headers == HEADER
    # Blank lines are skipped; line numbers are those of the file.
    assert from_csv.rows == from_xlsx.rows == [(2, ["Écully", "commune"]), (4, ["Œuvre", "association"])]
    assert (from_csv.file_format, from_csv.encoding, from_csv.delimiter) == ("csv", "UTF-8", ";")
    assert from_xlsx.file_format == "xlsx"


def test_content_decides_over_the_extension():
    assert read_table(xlsx_bytes([HEADER, ["a", "b"]]), "liste.csv").file_format == "xlsx"
    assert read_table(csv_bytes([HEADER, ["a", "b"]]), "sans-extension").file_format == "csv"


@pytest.mark.parametrize(
    ("encoding", "label"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 avec BOM"),
        ("cp1252", "Windows-1252 (Latin-1)"),
        ("utf-16", "UTF-16"),
    ],
)
def test_encodings_are_detected(encoding, label):
    table = read_table(csv_bytes([HEADER, ["Écully – l’été", "commune"]], encoding=encoding), "liste.csv")
    assert table.encoding == label
    assert table.rows[0][1][0] == "Écully – l’été"


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_separator_is_detected(delimiter):
    table = read_table(csv_bytes([HEADER, ["a, b", "c"]], delimiter=delimiter), "liste.csv")
    assert table.delimiter == delimiter and table.rows[0][1] == ["a, b", "c"]


def test_columns_beyond_the_limit_are_ignored():
    table = read_table(csv_bytes([[f"c{i}" for i in range(100)]]), "l.csv", limits=Limits(max_columns=3))
    assert table.headers == ["c0", "c1", "c2"]


def test_cells_up_to_a_spreadsheet_cell_are_accepted():
    table = read_table(csv_bytes([HEADER, ["y" * 32_767, "commune"]]), "liste.csv")
    assert len(table.rows[0][1][0]) == 32_767


def test_exactly_the_maximum_number_of_rows_is_accepted():
    assert len(read_table(csv_bytes([HEADER] + [["a", "b"]] * 10), "l.csv", limits=SMALL).rows) == 10
    with pytest.raises(TabularError, match="plus de 10 lignes"):
        read_table(csv_bytes([HEADER] + [["a", "b"]] * 11), "l.csv", limits=SMALL)
    with pytest.raises(TabularError, match="plus de 10 lignes"):
        read_table(xlsx_bytes([HEADER] + [["a", "b"]] * 11), "l.xlsx", limits=SMALL)


def test_a_million_blank_xlsx_rows_are_not_walked():
    rows = [HEADER] + [[None, None]] * 1100 + [["a", "b"]]
    with pytest.raises(TabularError, match="plus de 10 lignes"):
        read_table(xlsx_bytes(rows), "l.xlsx", limits=SMALL)


@pytest.mark.parametrize("name", list(hostile_files(HEADER, max_bytes=SMALL.max_bytes, max_rows=10)))
def test_hostile_files_get_a_french_error(name):
    filename, data, message = hostile_files(HEADER, max_bytes=SMALL.max_bytes, max_rows=10)[name]
    limits = SMALL if name != "zip bomb" else Limits()
    with pytest.raises(TabularError) as error:
        read_table(data, filename, limits=limits)
    assert message in str(error.value)


def test_zip_bomb_is_refused_by_its_ratio_even_under_the_size_cap():
    bomb = zip_bomb(HEADER, inflated_bytes=3 * 1024 * 1024)  # 3 MB of sheet from a few KB
    assert len(bomb) < 50_000
    with pytest.raises(TabularError, match="une fois décompressé"):
        read_table(bomb, "l.xlsx", limits=Limits(max_uncompressed=100 * 1024 * 1024))


def test_a_real_workbook_of_the_maximum_size_is_accepted():
    # 20,000 lines of a realistic list inflate about ten times: well under the guards.
    rows = [["nom", "type", "siren", "email", "description"]]
    rows += [
        [f"Organisation {i}", "commune", f"{200000000 + i}", f"contact{i}@exemple.fr", "Texte " * 8]
        for i in range(20_000)
    ]
    data = xlsx_bytes(rows)
    assert len(data) < Limits().max_bytes
    assert len(read_table(data, "liste.xlsx").rows) == 20_000


def test_unknown_extension_is_refused_in_french():
    with pytest.raises(TabularError, match=r"Format non pris en charge \(\.pdf\)"):
        read_table(b"%PDF-1.4", "livret.pdf")


def test_empty_files():
    for data in (b"", b"  \r\n\r\n"):
        with pytest.raises(TabularError, match="Le fichier est vide"):
            read_table(data, "vide.csv")


def test_upload_size_is_checked_before_reading():
    class Upload:
        name, size = "gros.csv", 10**9

        def read(self, *args):
            raise AssertionError("a file over the limit must not be read")

    with pytest.raises(TabularError, match=r"trop volumineux \(953,7 Mo\) : la limite est de 5 Mo"):
        read_upload(Upload())


def test_xlsx_cell_types_become_text():
    assert tabular.cell_text(None) == ""
    assert tabular.cell_text(True) == "oui"
    assert tabular.cell_text(732829320.0) == "732829320"
    assert tabular.cell_text(2.5) == "2.5"
    assert tabular.cell_text(datetime.datetime(2026, 1, 2)) == "2026-01-02"
    assert tabular.cell_text(datetime.datetime(2026, 1, 2, 9, 30)) == "2026-01-02 09:30:00"
    assert tabular.cell_text(datetime.date(2026, 1, 2)) == "2026-01-02"
    assert tabular.cell_text("  Écully ") == "Écully"


# --- Writing ------------------------------------------------------------------------------------

FORMULAS = [
    '=HYPERLINK("http://pirate.example","clic")',
    "+33 6 12",
    "-2+3",
    "@SUM(A1)",
    "\tcache",
    "\rretour",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 6 12 34 56 78", "'+33 6 12 34 56 78"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcache", "'\tcache"),
        ("\rretour", "'\rretour"),
        ("Écully", "Écully"),
        ("a=b", "a=b"),
        ("'=déjà neutralisé", "'=déjà neutralisé"),
        ("", ""),
        (None, ""),
        (12, "12"),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


def test_csv_neutralises_every_formula_and_opens_in_french_excel():
    text = tabular.csv_text([["titre", "valeur"], *[[f, "ok"] for f in FORMULAS]])
    assert text.startswith("\ufeff") and "\r\n" in text
    lines = text[1:].split("\r\n")
    assert lines[0] == "titre;valeur"
    assert lines[1] == '"\'=HYPERLINK(""http://pirate.example"",""clic"")";ok'
    assert lines[3] == "'-2+3;ok"


def test_xlsx_writes_no_live_formula():
    data = tabular.xlsx_bytes(
        [["titre", "nombre", "date"], *[[f, 3, datetime.date(2026, 1, 2)] for f in FORMULAS]], title="Test"
    )
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.title == "Test" and sheet.freeze_panes == "A2"
    for index, formula in enumerate(FORMULAS, start=2):
        cell = sheet.cell(row=index, column=1)
        assert cell.data_type == "s"
        assert cell.value == "'" + formula
    # Numbers and dates stay typed.
    assert sheet.cell(row=2, column=2).value == 3
    assert sheet.cell(row=2, column=3).value == datetime.datetime(2026, 1, 2)
    assert b"<f>" not in _sheet_xml(data)


def test_xlsx_strips_illegal_characters_and_styles_the_sheet():
    data = tabular.xlsx_bytes(
        [["a", "b"], ["Asso\x01 bizarre", Decimal("2.5")]],
        title="Récap: [1/2]?",
        help_rows=[["colonne"], ["=aide"]],
        style=tabular.SheetStyle(freeze="B2", column_width=30, wrap=True),
    )
    workbook = load_workbook(io.BytesIO(data))
    sheet, help_sheet = workbook.worksheets
    assert sheet.title == "Récap   1 2" and sheet.freeze_panes == "B2"
    assert sheet.cell(row=2, column=1).value == "Asso bizarre"
    assert sheet.column_dimensions["A"].width == 30 and sheet.cell(row=2, column=1).alignment.wrap_text
    assert sheet.cell(row=1, column=1).font.bold
    assert help_sheet.title == "Aide" and help_sheet.cell(row=2, column=1).value == "'=aide"


def test_responses_are_private_attachments_with_a_safe_name():
    response = tabular.csv_response([["a"]], filename='sondage "Été" / 2026.csv')
    assert response["Content-Disposition"] == 'attachment; filename="sondage-ete-2026.csv"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    streaming = tabular.csv_response(iter([["a"], ["=b"]]), filename="x.csv", streaming=True)
    assert b"".join(streaming.streaming_content).decode() == "\ufeffa\r\n'=b\r\n"
    xlsx = tabular.xlsx_response([["a"]], filename="x.xlsx", title="X")
    assert xlsx["Content-Type"] == tabular.XLSX_CONTENT_TYPE


def _sheet_xml(data: bytes) -> bytes:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml")
