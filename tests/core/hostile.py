"""Hostile spreadsheet files, built in the tests (no binary fixture in the repository): each
import of the project must answer every one of them with a French error, never a 500."""

import csv
import functools
import io
import zipfile

from openpyxl import Workbook


def csv_bytes(rows, *, encoding="utf-8", delimiter=";") -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _patched_xlsx(rows, member: str, old: bytes, new: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                assert old in data, f"{old!r} not in {member}"
                data = data.replace(old, new)
            archive.writestr(info.filename, data)
    return out.getvalue()


def zip_bomb(header, *, inflated_bytes: int = 60 * 1024 * 1024) -> bytes:
    """A real workbook whose sheet XML inflates to `inflated_bytes` (the issue's 178 KB file
    expanded to 60 MB): blank padding compresses about a thousand times."""
    rows = [header, ["x"] * len(header)]
    return _patched_xlsx(
        rows, "xl/worksheets/sheet1.xml", b"</sheetData>", b" " * inflated_bytes + b"</sheetData>"
    )


def xlsx_with_long_cell(header, length: int) -> bytes:
    """openpyxl truncates what it writes to a spreadsheet cell's 32,767 characters: a hostile
    file is written by hand (here, patched), and openpyxl reads it whole."""
    rows = [header, ["LONG-CELL", *["x"] * (len(header) - 1)]]
    return _patched_xlsx(rows, "xl/worksheets/sheet1.xml", b"LONG-CELL", b"y" * length)


def word_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def hostile_files(header, *, max_bytes: int, max_rows: int) -> dict[str, tuple[str, bytes, str]]:
    """name -> (filename, content, a fragment of the French error expected)."""
    return _hostile_files(tuple(header), max_bytes, max_rows)


@functools.cache
def _hostile_files(
    header: tuple[str, ...], max_bytes: int, max_rows: int
) -> dict[str, tuple[str, bytes, str]]:
    header = list(header)
    line = ["x"] * len(header)
    return {
        "oversize": (
            "liste.csv",
            b";".join(h.encode() for h in header) + b"\r\n" + b"x" * max_bytes,
            "trop volumineux",
        ),
        "zip bomb": ("liste.xlsx", zip_bomb(header), "trop volumineux une fois décompressé"),
        "200 KB field (CSV)": ("liste.csv", csv_bytes([header, ["y" * 200_000, *line[1:]]]), "caractères"),
        "unclosed quote (CSV)": ("liste.csv", csv_bytes([header]) + b'"' + b"z" * 200_000, "guillemet"),
        "200 KB field (XLSX)": ("liste.xlsx", xlsx_with_long_cell(header, 200_000), "dépasse 32"),
        "undecodable bytes": (
            "liste.csv",
            csv_bytes([header]) + b"Ab\x81\x8d;x\r\n",
            "Encodage du fichier non reconnu",
        ),
        "mixed encodings": (
            "liste.csv",
            csv_bytes([header]) + "Écully;é\r\n".encode() + "Écully;é\r\n".encode("cp1252"),
            "mélange plusieurs encodages",
        ),
        "CSV named .xlsx": ("liste.xlsx", csv_bytes([header, line]), "pas un classeur Excel"),
        "PDF named .xlsx": ("liste.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "pas un classeur Excel"),
        "Word document named .xlsx": ("liste.xlsx", word_document(), "traitement de texte"),
        "legacy .xls": (
            "liste.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
            "ancien format Excel",
        ),
        "binary named .csv": (
            "liste.csv",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "pas un fichier texte CSV",
        ),
        "too many rows": ("liste.csv", csv_bytes([header] + [line] * (max_rows + 1)), "lignes"),
    }
