"""Small import files built in the tests themselves (no binary fixtures in the repository)."""

import csv
import io

from openpyxl import Workbook

ORG_HEADER = ["nom", "type", "siren", "code_insee", "site_web", "email", "thematiques"]
PERSON_HEADER = ["prenom", "nom", "email", "fonction", "categorie", "organisation", "consentement_annuaire"]

# Valid SIRENs (Luhn): used across the tests.
SIREN_A = "732829320"
SIREN_B = "552100554"
SIREN_C = "542065479"


def csv_bytes(rows, *, encoding="utf-8", delimiter=";") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
