"""Every CSV and XLSX file the platform reads or writes goes through this module.

Reading (`read_table`, `read_upload`): a hostile or broken file gets a French `TabularError`,
never a 500 nor a worker busy for a minute. Guards, each with its own message:
- size of the file (`Limits.max_bytes`), checked before anything is read;
- XLSX: a real zip holding a workbook (a renamed file, a .docx or a legacy .xls are named as
  such), its decompressed size and compression ratio (zip bombs: an XLSX is a zip, and a 178 KB
  file can expand to 60 MB of sheet XML that openpyxl would parse for 40 s);
- CSV: encoding detected (UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252, which is
  what French Excel writes; a file mixing two encodings is refused rather than read garbled),
  no NUL or control characters (a binary file renamed .csv), separator ";", "," or tab;
- rows (`max_rows`, counted without blank lines), columns beyond `max_columns` ignored, and no
  cell longer than `max_cell_chars` (a spreadsheet cell holds 32,767 characters at most; a longer
  "cell" is an unclosed quote swallowing the rest of a CSV, or an attack).
The first non-blank row is the header; every cell is returned as stripped text.

Writing (`csv_stream`, `csv_text`, `xlsx_bytes`, `csv_response`, `xlsx_response`): every text
cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a carriage
return) is prefixed with an apostrophe, in CSV and in XLSX alike, and XLSX text cells are typed
as strings: a name such as `=HYPERLINK("http://…")` typed by a member never becomes a live
formula in the animator's spreadsheet (CSV/formula injection). Numbers and dates stay typed in
XLSX; CSV is UTF-8 with a BOM, ";" and CRLF, which French Excel opens by double click.
"""

from __future__ import annotations

import codecs
import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol, cast

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.text import slugify

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc…)
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSIONS = frozenset(["csv", "txt", "tsv", "xlsx", "xlsm"])
EXCEL_CELL_MAX = 32_767

SAVE_AS = "Enregistrez votre tableau au format « CSV UTF-8 » ou « Classeur Excel (.xlsx) »."
NOT_XLSX = (
    "Ce fichier n'est pas un classeur Excel (.xlsx) valide. Ouvrez-le dans votre tableur et "
    "enregistrez-le au format « Classeur Excel (.xlsx) » ou « CSV UTF-8 »."
)

_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# UTF-8 bytes read as Windows-1252: "Ã©" for "é", "Ã¨" for "è"… (a file saved twice, badly).
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u017d\u017e\u0178\u02c6\u02dc]")


class TabularError(ValueError):
    """The whole file is unusable; the message is French and shown as is to the person."""


def _number(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def _megabytes(size: int) -> str:
    value = size / 1024 / 1024
    return (f"{value:.0f}" if value.is_integer() else f"{value:.1f}").replace(".", ",")


@dataclass(frozen=True)
class Limits:
    """What one import accepts. Every reader passes its own; the defaults are the directory's."""

    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 20_000
    # Columns beyond this are ignored: a real list never has that many, a hostile sheet might.
    max_columns: int = 60
    max_cell_chars: int = EXCEL_CELL_MAX
    # Real workbooks inflate about 10 to 25 times (sheet XML is repetitive); a zip bomb, hundreds.
    max_ratio: int = 100
    # 0: ten times max_bytes.
    max_uncompressed: int = 0
    max_archive_members: int = 500

    @property
    def max_bytes_label(self) -> str:
        return f"{_megabytes(self.max_bytes)} Mo"

    @property
    def max_rows_label(self) -> str:
        return _number(self.max_rows)

    @property
    def uncompressed_limit(self) -> int:
        return self.max_uncompressed or 10 * self.max_bytes


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line in the file, cells)
    file_format: str = ""  # "csv" or "xlsx"
    encoding: str = ""
    delimiter: str = ""


class Upload(Protocol):
    name: str | None
    size: int | None

    def read(self, size: int = ..., /) -> bytes: ...


# --------------------------------------------------------------------------- reading


def too_large_message(size: int, limits: Limits) -> str:
    return (
        f"Le fichier est trop volumineux ({_megabytes(size)} Mo) : la limite est de "
        f"{limits.max_bytes_label}. Découpez-le en plusieurs fichiers."
    )


def too_many_rows_message(limits: Limits) -> str:
    return (
        f"Le fichier contient plus de {limits.max_rows_label} lignes (limite d'un import). "
        "Découpez-le en plusieurs fichiers."
    )


def read_upload(upload: Upload, *, limits: Limits = Limits()) -> Table:
    """An uploaded file (Django's UploadedFile): its size is checked before it is read."""
    if upload.size is not None and upload.size > limits.max_bytes:
        raise TabularError(too_large_message(upload.size, limits))
    return read_table(upload.read(limits.max_bytes + 1), upload.name or "", limits=limits)


def read_table(data: bytes, filename: str, *, limits: Limits = Limits()) -> Table:
    """CSV or XLSX, told apart by content (an extension can lie) with the extension as a hint."""
    if len(data) > limits.max_bytes:
        raise TabularError(too_large_message(len(data), limits))
    if not data or not data.strip():
        raise TabularError("Le fichier est vide.")
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if data.startswith(OLE_MAGIC) or extension == "xls":
        raise TabularError(
            "L'ancien format Excel (.xls) n'est pas pris en charge : enregistrez le fichier au format "
            "« Classeur Excel (.xlsx) » ou « CSV UTF-8 »."
        )
    if extension and extension not in EXTENSIONS:
        raise TabularError(
            f"Format non pris en charge (.{extension[:10]}) : déposez un fichier .csv ou .xlsx. {SAVE_AS}"
        )
    if data.startswith(ZIP_MAGIC) or extension in {"xlsx", "xlsm"}:
        return read_xlsx(data, limits=limits)
    return read_csv(data, limits=limits)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a CSV file: UTF-8 (with or without BOM), else Windows-1252 (a superset of Latin-1 for
    printable characters, which is what French Excel writes). Returns (text, encoding label)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8 avec BOM"
        except UnicodeDecodeError as exc:
            raise TabularError(
                "Le fichier annonce l'encodage UTF-8 mais contient des caractères invalides "
                f"(octet {exc.start + len(codecs.BOM_UTF8)}). Enregistrez-le à nouveau au format « CSV UTF-8 »."
            ) from exc
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise TabularError(
                "Le fichier UTF-16 est illisible. Enregistrez-le au format « CSV UTF-8 »."
            ) from exc
    if b"\x00" in data:
        raise TabularError(
            f"Ce fichier n'est pas un fichier texte CSV (il contient des octets nuls). {SAVE_AS}"
        )
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise TabularError(
            "Encodage du fichier non reconnu (ni UTF-8, ni Windows-1252/Latin-1). "
            "Enregistrez-le au format « CSV UTF-8 »."
        ) from exc
    if _MOJIBAKE.search(text):
        raise TabularError(
            "Le fichier mélange plusieurs encodages (des accents UTF-8 et Windows-1252) : les caractères "
            "accentués seraient mal lus. Enregistrez-le à nouveau au format « CSV UTF-8 »."
        )
    return text, "Windows-1252 (Latin-1)"


def detect_delimiter(text: str) -> str:
    """';' (French Excel), ',' or tab, whichever is most frequent on the header line."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: (counts[d], d == ";"))
    return best if counts[best] else ";"


def _cell_too_long(line: int, limits: Limits) -> TabularError:
    return TabularError(
        f"Ligne {line} : une cellule dépasse {_number(limits.max_cell_chars)} caractères. "
        "Raccourcissez-la ; dans un CSV, vérifiez aussi qu'aucun guillemet n'est resté ouvert."
    )


def _keep_row(table: Table, line: int, cells: list[str], limits: Limits) -> None:
    """A row read from a file: skipped when blank, the headers when it is the first one with
    text, else one more row (within `limits`)."""
    if not any(cells):
        return
    if not table.headers:
        table.headers = cells
        return
    table.rows.append((line, cells))
    if len(table.rows) > limits.max_rows:
        raise TabularError(too_many_rows_message(limits))


def read_csv(data: bytes, *, limits: Limits = Limits()) -> Table:
    text, encoding = decode_text(data)
    if _CONTROL_CHARS.search(text):
        raise TabularError(
            f"Ce fichier contient des caractères de contrôle : ce n'est pas un fichier texte CSV. {SAVE_AS}"
        )
    if not text.strip():
        raise TabularError("Le fichier est vide.")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table = Table(headers=[], file_format="csv", encoding=encoding, delimiter=delimiter)
    line_start = 1
    try:
        for raw_cells in reader:
            line, line_start = line_start, reader.line_num + 1
            if any(len(cell) > limits.max_cell_chars for cell in raw_cells):
                raise _cell_too_long(line, limits)
            cells = [cell.strip() for cell in raw_cells[: limits.max_columns]]
            _keep_row(table, line, cells, limits)
    except csv.Error as exc:
        if "field limit" in str(exc):  # the csv module's own limit (131,072 characters) is reached
            raise _cell_too_long(line_start, limits) from exc
        raise TabularError(
            f"Le fichier CSV est mal formé vers la ligne {reader.line_num}. "
            "Vérifiez les guillemets et le séparateur."
        ) from exc
    return table


def cell_text(value: Any) -> str:
    """An XLSX cell value as the text a person typed: whole numbers without ".0", dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _check_archive(data: bytes, limits: Limits) -> None:
    """The zip directory is read, nothing is inflated. Declared sizes can lie, but zipfile stops
    at the declared size and then fails the CRC check, so a lie only makes the file unreadable."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TabularError(NOT_XLSX) from exc
    names = {member.filename for member in members}
    if "[Content_Types].xml" not in names or not any(name.startswith("xl/") for name in names):
        if "word/document.xml" in names or "content.xml" in names:
            raise TabularError(
                "Ce fichier est un document de traitement de texte ou un classeur OpenDocument, pas un "
                "classeur Excel (.xlsx). " + SAVE_AS
            )
        raise TabularError(NOT_XLSX)
    bomb = TabularError(
        "Ce classeur est trop volumineux une fois décompressé (ou construit pour saturer le serveur). "
        "Enregistrez-le à nouveau depuis votre tableur, ou découpez-le en plusieurs fichiers."
    )
    if len(members) > limits.max_archive_members:
        raise bomb
    if sum(member.file_size for member in members) > limits.uncompressed_limit:
        raise bomb
    for member in members:
        if member.file_size > 1024 * 1024 and member.file_size > limits.max_ratio * max(
            member.compress_size, 1
        ):
            raise bomb


def read_xlsx(data: bytes, *, limits: Limits = Limits()) -> Table:
    import openpyxl

    if not data.startswith(ZIP_MAGIC):
        raise TabularError(NOT_XLSX)
    _check_archive(data, limits)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # A malformed archive raises anything from KeyError to lxml errors.
        raise TabularError(NOT_XLSX) from exc
    table = Table(headers=[], file_format="xlsx", encoding="XLSX")
    # Blank rows do not count as rows, but a sheet of a million blank rows must not be walked.
    max_lines = 2 * limits.max_rows + 1000
    try:
        if not workbook.worksheets:
            raise TabularError("Ce classeur ne contient aucune feuille.")
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True, max_col=limits.max_columns), start=1):
            if line > max_lines:
                raise TabularError(too_many_rows_message(limits))
            cells = [cell_text(value) for value in values]
            if any(len(cell) > limits.max_cell_chars for cell in cells):
                raise _cell_too_long(line, limits)
            while cells and not cells[-1]:  # read-only sheets pad rows to max_col
                cells.pop()
            _keep_row(table, line, cells, limits)
    except TabularError:
        raise
    except Exception as exc:  # Same reason: broken sheet XML surfaces while iterating.
        raise TabularError(NOT_XLSX) from exc
    finally:
        workbook.close()
    if not table.headers:
        raise TabularError("Le fichier est vide.")
    return table


# --------------------------------------------------------------------------- writing

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> str:
    """A cell as text, prefixed with an apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


class _Echo:
    """File-like object whose write returns the line, for csv.writer in a streaming response."""

    def write(self, value: str) -> str:
        return value


def csv_stream(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """UTF-8 with BOM, ";" separator, CRLF: what French Excel opens correctly by double click."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for row in rows:
        yield writer.writerow([neutralise(value) for value in row])


def csv_text(rows: Iterable[Sequence[Any]]) -> str:
    return "".join(csv_stream(rows))


@dataclass(frozen=True)
class SheetStyle:
    freeze: str = "A2"
    column_width: int | None = None
    wrap: bool = False


def _xlsx_sheet(workbook: Any, rows: Iterable[Sequence[Any]], *, title: str, style: SheetStyle) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = style.freeze
    bold = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top") if style.wrap else None
    widths_set = False
    for index, row in enumerate(rows):
        if not widths_set and style.column_width:
            # Write-only sheets take column widths before the first row only.
            for column in range(1, len(row) + 1):
                sheet.column_dimensions[get_column_letter(column)].width = style.column_width
            widths_set = True
        cells = []
        for value in row:
            if isinstance(value, (int, float, Decimal, datetime.date)) and not isinstance(value, bool):
                cell = WriteOnlyCell(sheet, value=cast(Any, value))
            else:
                # Typed as a string: even a cell starting with "=" is never a formula.
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", neutralise(value)))
                cell.data_type = "s"
            if index == 0:
                cell.font = bold
            if wrap is not None:
                cell.alignment = wrap
            cells.append(cell)
        sheet.append(cells)


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in sheet names, and more than 31 characters.
    return re.sub(r"[\\/*?:\[\]]", " ", title).strip()[:31] or "Feuille"


def xlsx_bytes(
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    help_rows: Iterable[Sequence[Any]] | None = None,
    style: SheetStyle = SheetStyle(),
) -> bytes:
    """A workbook with one sheet of `rows` (bold header, frozen), and optionally a help sheet."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    _xlsx_sheet(workbook, rows, title=title, style=style)
    if help_rows:
        _xlsx_sheet(workbook, help_rows, title="Aide", style=SheetStyle(freeze="A2"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> None:
    stem, _, extension = filename.rpartition(".")
    safe = f"{slugify(stem) or 'export'}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    # Contents depend on who asks: never let a shared cache keep them.
    response["Cache-Control"] = "private, no-store"


def csv_response(
    rows: Iterable[Sequence[Any]], *, filename: str, streaming: bool = False
) -> HttpResponse | StreamingHttpResponse:
    """A CSV download. `streaming` for long exports (rows read lazily from a generator)."""
    response: HttpResponse | StreamingHttpResponse
    if streaming:
        response = StreamingHttpResponse(csv_stream(rows), content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse(csv_text(rows), content_type=CSV_CONTENT_TYPE)
    _attachment(response, filename)
    return response


def xlsx_response(
    rows: Iterable[Sequence[Any]],
    *,
    filename: str,
    title: str,
    help_rows: Iterable[Sequence[Any]] | None = None,
    style: SheetStyle = SheetStyle(),
) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(rows, title=title, help_rows=help_rows, style=style), content_type=XLSX_CONTENT_TYPE
    )
    _attachment(response, filename)
    return response
