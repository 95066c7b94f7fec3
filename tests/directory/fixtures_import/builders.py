"""Small import files built in the tests themselves (no binary fixtures in the repository)."""

# The import tests build their files with the same helpers as the hostile-file tests.
from tests.core.hostile import csv_bytes as csv_bytes
from tests.core.hostile import xlsx_bytes as xlsx_bytes

ORG_HEADER = ["nom", "type", "siren", "code_insee", "site_web", "email", "thematiques"]
PERSON_HEADER = ["prenom", "nom", "email", "fonction", "categorie", "organisation", "consentement_annuaire"]

# Valid SIRENs (Luhn): used across the tests.
SIREN_A = "732829320"
SIREN_B = "552100554"
SIREN_C = "542065479"
