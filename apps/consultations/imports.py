"""Reading the proposal tables of an existing booklet (CSV or XLSX) into rows, with French
line-by-line errors. Nothing is written here: the view shows a preview, then a service imports."""

import csv
import io
from dataclasses import dataclass, field

from apps.core.text import normalize
from apps.directory.models import PersonCategory

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000

# Normalised header -> field. Several spellings are accepted, as booklets differ.
HEADERS = {
    "piste d orientation": "orientation",
    "pistes d orientation": "orientation",
    "orientation": "orientation",
    "action proposee": "action",
    "actions proposees": "action",
    "action": "action",
    "objectifs poursuivis": "objectives",
    "objectif poursuivi": "objectives",
    "objectifs": "objectives",
    "groupe": "group",
    "table": "group",
    "categories": "categories",
    "categorie": "categories",
    "categories de participants": "categories",
    "participants": "categories",
}
REQUIRED = {"orientation": "piste d'orientation"}

CATEGORY_WORDS = {
    "elu": PersonCategory.ELU,
    "elus": PersonCategory.ELU,
    "elue": PersonCategory.ELU,
    "elu e": PersonCategory.ELU,
    "agent": PersonCategory.AGENT,
    "agents": PersonCategory.AGENT,
    "agent e": PersonCategory.AGENT,
    "technicien": PersonCategory.AGENT,
    "technicienne": PersonCategory.AGENT,
    "techniciens": PersonCategory.AGENT,
    "technicien ne": PersonCategory.AGENT,
    "agent e technicien ne": PersonCategory.AGENT,
    "partenaire": PersonCategory.PARTENAIRE,
    "partenaires": PersonCategory.PARTENAIRE,
    "etat": PersonCategory.ETAT,
    "services de l etat": PersonCategory.ETAT,
    "autre": PersonCategory.AUTRE,
    "autres": PersonCategory.AUTRE,
}


@dataclass
class ImportResult:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    encoding: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _decode(raw: bytes) -> tuple[str, str]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "UTF-8 (avec BOM)"
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        # Spreadsheets saved "CSV (séparateur : point-virgule)" by French Excel are Windows-1252.
        return raw.decode("cp1252", errors="replace"), "Windows-1252 / Latin-1"


def _categories(value: str, line: int, errors: list[str]) -> list[str]:
    out = []
    for part in value.replace("/", ",").replace(";", ",").replace("+", ",").split(","):
        key = normalize(part)
        if not key:
            continue
        category = CATEGORY_WORDS.get(key)
        if category is None:
            errors.append(
                f"Ligne {line} : catégorie « {part.strip()} » inconnue "
                "(attendu : élu·e, agent·e / technicien·ne, partenaire, État, autre)."
            )
            continue
        if category not in out:
            out.append(str(category))
    return out


def _rows_from_table(table: list[list[str]], result: ImportResult) -> None:
    if not table:
        result.errors.append("Le fichier est vide.")
        return
    header = [normalize(h or "") for h in table[0]]
    columns = {index: HEADERS[h] for index, h in enumerate(header) if h in HEADERS}
    missing = [label for key, label in REQUIRED.items() if key not in columns.values()]
    if missing:
        result.errors.append(
            "Colonne obligatoire absente : « " + "», «".join(missing) + " ». "
            "La première ligne doit contenir les en-têtes (piste d'orientation, action proposée, "
            "objectifs poursuivis, groupe, catégories)."
        )
        return
    body = table[1:]
    if len(body) > MAX_ROWS:
        result.errors.append(f"Le fichier compte {len(body)} lignes : {MAX_ROWS} au plus par import.")
        return
    for offset, cells in enumerate(body):
        line = offset + 2
        values = {"orientation": "", "action": "", "objectives": "", "group": "", "categories": ""}
        for index, key in columns.items():
            if index < len(cells) and cells[index] is not None:
                text = str(cells[index]).strip()
                values[key] = f"{values[key]}\n{text}".strip() if values[key] else text
        if not any(values.values()):
            continue  # blank line
        if not values["orientation"]:
            result.errors.append(f"Ligne {line} : la piste d'orientation est vide.")
            continue
        if len(values["orientation"]) > 5000:
            result.errors.append(f"Ligne {line} : la piste d'orientation dépasse 5 000 caractères.")
            continue
        if len(values["group"]) > 120:
            result.errors.append(f"Ligne {line} : le nom du groupe dépasse 120 caractères.")
            continue
        categories = _categories(values["categories"], line, result.errors)
        result.rows.append({**values, "categories": categories, "line": line})
    if not result.rows and not result.errors:
        result.errors.append("Aucune proposition trouvée sous la ligne d'en-têtes.")


def parse_proposals(upload) -> ImportResult:
    result = ImportResult()
    name = (getattr(upload, "name", "") or "").lower()
    if upload.size > MAX_BYTES:
        result.errors.append(f"Le fichier pèse {upload.size // 1024} Ko : 2 Mo au plus.")
        return result
    raw = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:
            result.errors.append("Ce fichier XLSX est illisible (fichier abîmé ou d'un autre format).")
            return result
        sheet = workbook.worksheets[0]
        table = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        result.encoding = "XLSX"
        _rows_from_table(table, result)
        return result
    if not name.endswith((".csv", ".txt")):
        result.errors.append("Format non pris en charge : déposez un fichier .csv ou .xlsx.")
        return result
    text, result.encoding = _decode(raw)
    if "\x00" in text:
        result.errors.append("Ce fichier n'est pas un CSV lisible.")
        return result
    sample = text[:4096]
    delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    if "\t" in sample.splitlines()[0] if sample else False:
        delimiter = "\t"
    table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    _rows_from_table(table, result)
    return result
