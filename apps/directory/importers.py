"""Import of organisations and people from a CSV or XLSX file.

Two steps, so that nothing is written before an animator has seen what will happen:

1. `directory_import_preview(data=..., filename=..., kind=...)` decodes and validates the file and
   returns an `ImportPreview`. It only *reads* the database (to resolve territory codes, themes and
   to find the records a line would update); a problem with the whole file raises `TabularError`
   with a French message, a problem with one line is recorded on that line.
2. `directory_import_apply(preview=..., by_user=...)` writes every valid line in one transaction and
   returns an `ImportReport`; lines in error are skipped and listed.

Matching rules (so that re-importing the same list updates instead of duplicating):
organisations on SIREN, then on (type + territory) for collectivités, then on normalised name;
people on email (case-insensitive).
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.db.models.functions import Lower
from django.tasks import task
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.perms import is_animator
from apps.core.french import normalize
from apps.core.tabular import Limits, TabularError, read_table
from apps.directory.models import (
    Membership,
    Organisation,
    OrganisationStatus,
    OrganisationType,
    Person,
    PersonCategory,
    Visibility,
    validate_siren,
)
from apps.directory.services import organisations_changed
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme

logger = logging.getLogger("maillage")

# What an import file may be (size, rows, columns, cells): the guards live in apps.core.tabular.
LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_rows=20_000, max_columns=60)
MAX_ROWS = LIMITS.max_rows
# The DB queries resolving codes/emails are chunked to stay below SQLite's parameter limit.
QUERY_CHUNK = 900


# The words people write in a file (French, the former codes); the English codes also work.
ORGANISATION_TYPE_WORDS_HINT = (
    "commune, epci, petr, pnr, syndicat, departement, region, etat, agence, association, entreprise, "
    "bureau_etudes, recherche, codev, autre"
)
CATEGORY_WORDS_HINT = "elu, agent, partenaire, etat ou autre"


class ImportKind(models.TextChoices):
    ORGANISATIONS = "organisations", "Organisations"
    PEOPLE = "people", "Personnes"


class LineStatus(models.TextChoices):
    CREATE = "create", "À créer"
    UPDATE = "update", "À mettre à jour"
    UNCHANGED = "unchanged", "Sans changement"
    ERROR = "error", "En erreur"


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    example: str


ORGANISATION_COLUMNS: list[Column] = [
    Column("nom", True, "Nom de l'organisation.", "Commune d'Écully"),
    Column(
        "type",
        True,
        f"Type d'organisation : libellé ou mot courant ({ORGANISATION_TYPE_WORDS_HINT}), "
        "ou code (municipality, department…).",
        "commune",
    ),
    Column(
        "siren",
        False,
        "SIREN à 9 chiffres (les espaces sont ignorés). Sert à reconnaître l'organisation.",
        "",
    ),
    Column(
        "code_insee",
        False,
        "Territoire : code INSEE de la commune, code postal, « Nom (département) », SIREN de l'EPCI, code du "
        "département ou de la région. Obligatoire pour une commune, un EPCI, un département ou une région.",
        "69081",
    ),
    Column(
        "site_web", False, "Adresse du site internet (https:// ajouté si absent).", "https://www.ecully.fr"
    ),
    Column("email", False, "Adresse électronique de contact de l'organisation.", "contact@ecully.fr"),
    Column("adresse", False, "Adresse postale.", "Place de la Libération, 69130 Écully"),
    Column("description", False, "Présentation (Markdown simple accepté).", ""),
    Column(
        "thematiques", False, "Thématiques, séparées par des points-virgules « ; ».", "Énergie ; Mobilité"
    ),
    Column("competences", False, "Ce que l'organisation peut apporter au réseau.", ""),
    Column("besoins", False, "Ce que l'organisation cherche.", ""),
]

PERSON_COLUMNS: list[Column] = [
    Column("prenom", True, "Prénom.", "Camille"),
    Column("nom", True, "Nom de famille.", "Martin"),
    Column(
        "email", True, "Adresse électronique : sert à reconnaître la personne lors d'un nouvel import.", ""
    ),
    Column("fonction", False, "Fonction.", "Chargée de mission climat"),
    Column(
        "categorie",
        False,
        f"Catégorie : {CATEGORY_WORDS_HINT} (ou leur libellé, ou leur code : elected, staff…). "
        "« autre » si vide.",
        "agent",
    ),
    Column(
        "organisation",
        False,
        "Organisation de rattachement : son nom exact ou son SIREN. Elle doit déjà exister dans l'annuaire.",
        "Commune d'Écully",
    ),
    Column("telephone", False, "Téléphone.", ""),
    Column("thematiques", False, "Thématiques, séparées par des points-virgules « ; ».", "Énergie"),
    Column(
        "consentement_annuaire",
        False,
        "« oui » si la personne a accepté d'apparaître dans l'annuaire public ; « non » ou vide sinon.",
        "non",
    ),
    Column(
        "visibilite_coordonnees",
        False,
        "Visibilité des coordonnées : publiques, membres ou masquees (membres si vide).",
        "membres",
    ),
]

COLUMNS: dict[str, list[Column]] = {
    ImportKind.ORGANISATIONS: ORGANISATION_COLUMNS,
    ImportKind.PEOPLE: PERSON_COLUMNS,
}

# Headers are compared once normalised ("Code INSEE" -> "code_insee"); these are the usual variants.
HEADER_ALIASES = {
    "raison_sociale": "nom",
    "nom_de_famille": "nom",
    "code_commune": "code_insee",
    "insee": "code_insee",
    "code_territoire": "code_insee",
    "territoire": "code_insee",
    "courriel": "email",
    "mail": "email",
    "e_mail": "email",
    "adresse_electronique": "email",
    "site": "site_web",
    "site_internet": "site_web",
    "url": "site_web",
    "adresse_postale": "adresse",
    "presentation": "description",
    "themes": "thematiques",
    "thematique": "thematiques",
    "competence": "competences",
    "besoin": "besoins",
    "telephone_fixe": "telephone",
    "tel": "telephone",
    "categorie_de_personne": "categorie",
    "consentement": "consentement_annuaire",
    "visibilite": "visibilite_coordonnees",
    "organisme": "organisation",
    "structure": "organisation",
}

COLLECTIVITY_KINDS = {
    OrganisationType.MUNICIPALITY: [Kind.MUNICIPALITY],
    OrganisationType.EPCI: [Kind.EPCI, Kind.EPT],
    OrganisationType.DEPARTMENT: [Kind.DEPARTMENT],
    OrganisationType.REGION: [Kind.REGION],
}
ADMIN_KINDS = [Kind.MUNICIPALITY, Kind.EPCI, Kind.EPT, Kind.DEPARTMENT, Kind.REGION]

TRUE_WORDS = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
FALSE_WORDS = {"non", "n", "no", "faux", "false", "0"}

VISIBILITY_WORDS = {
    "public": Visibility.PUBLIC,
    "publique": Visibility.PUBLIC,
    "publiques": Visibility.PUBLIC,
    "members": Visibility.MEMBERS,
    "membre": Visibility.MEMBERS,
    "membres": Visibility.MEMBERS,
    "reservees aux membres": Visibility.MEMBERS,
    "reservees aux membres connectes": Visibility.MEMBERS,
    "hidden": Visibility.HIDDEN,
    "masque": Visibility.HIDDEN,
    "masquee": Visibility.HIDDEN,
    "masquees": Visibility.HIDDEN,
    "cachees": Visibility.HIDDEN,
    "privees": Visibility.HIDDEN,
}

CATEGORY_WORDS = {
    "elu": PersonCategory.ELECTED,
    "elue": PersonCategory.ELECTED,
    "elu e": PersonCategory.ELECTED,
    "elus": PersonCategory.ELECTED,
    "agent": PersonCategory.STAFF,
    "agente": PersonCategory.STAFF,
    "agent e": PersonCategory.STAFF,
    "technicien": PersonCategory.STAFF,
    "technicienne": PersonCategory.STAFF,
    "agent e technicien ne": PersonCategory.STAFF,
    "partenaire": PersonCategory.PARTNER,
    "etat": PersonCategory.STATE,
    "services de l etat": PersonCategory.STATE,
    "service de l etat": PersonCategory.STATE,
    "autre": PersonCategory.OTHER,
}

_NAME_WITH_DEPT = re.compile(r"^(?P<name>.+?)\s*\(\s*(?P<dept>(?:\d{2,3}|2[ab]))\s*\)$", re.IGNORECASE)
_POSTCODE = re.compile(r"\d{5}")


# --------------------------------------------------------------------------- value helpers


def _lookup_choices(choices: type[models.TextChoices]) -> dict[str, str]:
    """Code, full label and the label's first part ("Association" for "Association / réseau…")."""
    table = {}
    for value, label in choices.choices:
        table[normalize(value)] = value
        table[normalize(label)] = value
        first = re.split(r"[(/]", label)[0]
        table.setdefault(normalize(first), value)
    return table


ORGANISATION_TYPE_WORDS = {
    **_lookup_choices(OrganisationType),
    "bureau d etudes": OrganisationType.CONSULTANCY,
    "bureau etudes": OrganisationType.CONSULTANCY,
    "intercommunalite": OrganisationType.EPCI,
    "communaute de communes": OrganisationType.EPCI,
    "communaute d agglomeration": OrganisationType.EPCI,
    "metropole": OrganisationType.EPCI,
    "etat": OrganisationType.STATE,
    "ess": OrganisationType.COMPANY,
    "conseil de developpement": OrganisationType.DEVELOPMENT_COUNCIL,
    # The former French codes, still written in files.
    "codev": OrganisationType.DEVELOPMENT_COUNCIL,
    "recherche": OrganisationType.RESEARCH,
    "agence": OrganisationType.AGENCY,
    "syndicat": OrganisationType.SYNDICATE,
    "entreprise": OrganisationType.COMPANY,
}


def parse_bool(value: str) -> bool | None:
    """True/False, or None when the word is not understood."""
    word = normalize(value)
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def split_list(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;|\n]", value or "") if item.strip()]


def clean_siren(value: str) -> str:
    return re.sub(r"[\s.\u00a0\u202f-]", "", value or "")


def clean_code(value: str) -> str:
    return (value or "").strip().upper()


def _chunks(items: list, size: int = QUERY_CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --------------------------------------------------------------------------- preview objects


@dataclass
class PreviewLine:
    number: int
    values: dict[str, str]
    label: str = ""
    status: str = LineStatus.CREATE
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    target_pk: int | None = None
    cleaned: dict = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return LineStatus(self.status).label

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, message: str) -> None:
        self.errors.append(message)


@dataclass
class ImportPreview:
    kind: str
    filename: str
    file_format: str
    encoding: str
    delimiter: str
    columns: list[str]
    ignored_columns: list[str]
    lines: list[PreviewLine]

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status: self.count(status) for status in LineStatus.values}

    @property
    def to_write(self) -> int:
        return self.count(LineStatus.CREATE) + self.count(LineStatus.UPDATE)

    @property
    def kind_label(self) -> str:
        return ImportKind(self.kind).label

    @property
    def delimiter_label(self) -> str:
        return {";": "point-virgule « ; »", ",": "virgule « , »", "\t": "tabulation"}.get(self.delimiter, "")


def directory_import_preview(*, data: bytes, filename: str, kind: str) -> ImportPreview:
    """Parse and validate a file. Reads the database, never writes it."""
    if kind not in ImportKind.values:
        raise TabularError("Type d'import inconnu.")
    table = read_table(data, filename, limits=LIMITS)
    columns = COLUMNS[kind]
    index, ignored = _map_headers(table.headers, columns, kind)
    if not table.rows:
        raise TabularError("Le fichier ne contient que la ligne d'en-tête : aucune ligne à importer.")
    lines = []
    for number, cells in table.rows:
        values = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
        lines.append(PreviewLine(number=number, values=values))
    validator = OrganisationLines if kind == ImportKind.ORGANISATIONS else PersonLines
    validator(lines).validate()
    return ImportPreview(
        kind=kind,
        filename=filename,
        file_format=table.file_format,
        encoding=table.encoding,
        delimiter=table.delimiter,
        columns=list(index),
        ignored_columns=ignored,
        lines=lines,
    )


def canonical_header(raw: str) -> str:
    key = normalize(raw).replace(" ", "_")
    return HEADER_ALIASES.get(key, key)


def _map_headers(headers: list[str], columns: list[Column], kind: str) -> tuple[dict[str, int], list[str]]:
    known = {column.name for column in columns}
    index: dict[str, int] = {}
    ignored: list[str] = []
    for position, raw in enumerate(headers):
        name = canonical_header(raw)
        if not name:
            continue
        if name in known:
            if name in index:
                raise TabularError(f"La colonne « {name} » apparaît deux fois dans la ligne d'en-tête.")
            index[name] = position
        else:
            ignored.append(raw)
    missing = [column.name for column in columns if column.required and column.name not in index]
    if missing:
        names = ", ".join(f"« {name} »" for name in missing)
        plural = "s" if len(missing) > 1 else ""
        message = f"Colonne{plural} obligatoire{plural} manquante{plural} : {names}."
        found = {canonical_header(raw) for raw in headers}
        if kind == ImportKind.ORGANISATIONS and "prenom" in found:
            message += " Ce fichier semble contenir des personnes : choisissez « Personnes »."
        elif kind == ImportKind.PEOPLE and "type" in found and "prenom" not in found:
            message += " Ce fichier semble contenir des organisations : choisissez « Organisations »."
        else:
            message += " La première ligne du fichier doit contenir les noms des colonnes (voir le modèle)."
        raise TabularError(message)
    return index, ignored


# --------------------------------------------------------------------------- shared validation


class ThemeResolver:
    def __init__(self):
        self.themes: dict[str, Theme] = {}
        for theme in Theme.objects.all():
            self.themes[normalize(theme.name)] = theme
            self.themes.setdefault(normalize(theme.slug), theme)

    def resolve(self, line: PreviewLine, value: str) -> list[int]:
        ids = []
        for name in split_list(value):
            theme = self.themes.get(normalize(name))
            if theme is None:
                line.warnings.append(f"Thématique inconnue ignorée : « {name} ».")
            elif theme.pk not in ids:
                ids.append(theme.pk)
        return ids


def _check_length(line: PreviewLine, column: str, value: str, limit: int) -> None:
    if len(value) > limit:
        line.error(f"« {column} » est trop long ({len(value)} caractères, {limit} au plus).")


def _check_email(line: PreviewLine, value: str, column: str = "email") -> str:
    value = value.strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        line.error(f"Adresse électronique invalide dans « {column} » : « {value} ».")
        return ""
    return value.lower()


class TerritoryResolver:
    """Resolves the `code_insee` column. Codes are loaded in a few batched queries; postcodes and
    "Nom (dép)" forms, rarer, are looked up one by one and cached."""

    def __init__(self, values: Iterable[str]):
        codes: set[str] = set()
        for value in values:
            code = clean_code(value)
            if not code:
                continue
            codes.add(code)
            # A spreadsheet turns "01004" into 1004 and "01" into 1: try the zero-padded forms too.
            if code.isdigit() and len(code) in (1, 4):
                codes.add(code.zfill(len(code) + 1))
        self.by_code: dict[str, dict[str, Territory]] = defaultdict(dict)
        for chunk in _chunks(sorted(codes)):
            for territory in Territory.objects.filter(code__in=chunk, kind__in=ADMIN_KINDS).select_related(
                "departement", "region"
            ):
                self.by_code[territory.code][territory.kind] = territory
        self._cache: dict[tuple[str, tuple], tuple[Territory | None, str]] = {}

    @staticmethod
    def kinds_for(value: str, org_type: str | None) -> list[str]:
        if org_type in COLLECTIVITY_KINDS:
            return COLLECTIVITY_KINDS[org_type]
        code = clean_code(value)
        if code.isdigit() and len(code) == 9:
            return [Kind.EPCI, Kind.EPT]
        if len(code) <= 3:
            return [Kind.DEPARTMENT, Kind.REGION, Kind.MUNICIPALITY]
        return [Kind.MUNICIPALITY, Kind.EPCI, Kind.EPT]

    def resolve(self, value: str, org_type: str | None = None) -> tuple[Territory | None, str]:
        """(territory, "") or (None, French error)."""
        kinds = tuple(self.kinds_for(value, org_type))
        key = (value.strip(), kinds)
        if key not in self._cache:
            self._cache[key] = self._resolve(value.strip(), kinds)
        return self._cache[key]

    def _resolve(self, value: str, kinds: tuple) -> tuple[Territory | None, str]:
        code = clean_code(value)
        candidates = [code]
        if code.isdigit() and len(code) in (1, 4):
            candidates.append(code.zfill(len(code) + 1))
        for candidate in candidates:
            for kind in kinds:
                territory = self.by_code.get(candidate, {}).get(kind)
                if territory is not None:
                    return territory, ""
        if Kind.MUNICIPALITY in kinds and _POSTCODE.fullmatch(code):
            communes = [
                t
                for t in Territory.objects.filter(
                    kind=Kind.MUNICIPALITY, postcodes__contains=code
                ).select_related("departement", "region")[:20]
                if code in _POSTCODE.findall(t.postcodes)
            ]
            current = [t for t in communes if t.is_current] or communes
            if len(current) == 1:
                return current[0], ""
            if len(current) > 1:
                names = ", ".join(sorted(t.name for t in current)[:5])
                return None, (
                    f"Le code postal {code} correspond à plusieurs communes ({names}) : indiquez le code INSEE."
                )
        match = _NAME_WITH_DEPT.match(value)
        if Kind.MUNICIPALITY in kinds and match:
            dept = match["dept"].upper()
            communes = list(
                Territory.objects.filter(
                    kind=Kind.MUNICIPALITY, search_name=normalize(match["name"]), departement__code=dept
                ).select_related("departement", "region")[:5]
            )
            current = [t for t in communes if t.is_current] or communes
            if len(current) == 1:
                return current[0], ""
            if len(current) > 1:
                return None, f"Plusieurs communes s'appellent « {match['name']} » dans le département {dept}."
        if kinds == (Kind.MUNICIPALITY,):
            return (
                None,
                f"Code commune inconnu : « {value} » (ni code INSEE, ni code postal, ni « Nom (département) »).",
            )
        if kinds in ((Kind.EPCI, Kind.EPT),):
            return None, f"Code d'EPCI inconnu : « {value} » (indiquez le SIREN de l'intercommunalité)."
        if kinds == (Kind.DEPARTMENT,):
            return None, f"Code de département inconnu : « {value} »."
        if kinds == (Kind.REGION,):
            return None, f"Code de région inconnu : « {value} »."
        return None, (
            f"Territoire introuvable : « {value} ». Indiquez un code INSEE de commune, un code postal, "
            "« Nom (département) », un SIREN d'EPCI ou un code de département."
        )


def _mark_duplicates(lines: list[PreviewLine], keys: dict[int, list[tuple]], what: str) -> None:
    """Second and later lines sharing an identity key with an earlier line are errors."""
    seen: dict[tuple, int] = {}
    for line in lines:
        for key in keys.get(line.number, []):
            if key in seen:
                line.error(f"Ligne en double : {what} que la ligne {seen[key]}.")
                break
        else:
            for key in keys.get(line.number, []):
                seen[key] = line.number


def _mark_same_target(lines: list[PreviewLine], what: str) -> None:
    """Two lines of the file that would update the same record (e.g. same name, one with a SIREN)."""
    seen: dict[int, int] = {}
    for line in lines:
        if line.target_pk is None or line.errors:
            continue
        if line.target_pk in seen:
            line.error(f"Ligne en double : {what} que la ligne {seen[line.target_pk]}.")
            line.status, line.target_pk, line.changes = LineStatus.ERROR, None, []
        else:
            seen[line.target_pk] = line.number


def _finish(line: PreviewLine, existing, changes: list[str]) -> None:
    if line.errors:
        line.status = LineStatus.ERROR
    elif existing is None:
        line.status = LineStatus.CREATE
    else:
        line.target_pk = existing.pk
        line.changes = changes
        line.status = LineStatus.UPDATE if changes else LineStatus.UNCHANGED


# --------------------------------------------------------------------------- organisations

ORGANISATION_FIELD_LABELS = {
    "name": "nom",
    "type": "type",
    "siren": "SIREN",
    "territory": "territoire",
    "website": "site internet",
    "email": "adresse électronique",
    "address": "adresse",
    "description": "présentation",
    "competences": "compétences",
    "needs": "besoins",
}


class _Lines:
    """The lines of an import file: each one cleaned with what the whole file refers to
    (`references`), the lines naming the same row twice marked, then matched with existing rows."""

    same = ""  # what two lines with a common identity key are

    def __init__(self, lines: list[PreviewLine]):
        self.lines = lines
        self.themes = ThemeResolver()

    def validate(self) -> None:
        references = self.references()
        for line in self.lines:
            self.clean_line(line, references)
        keys = {line.number: self.identity_keys(line) for line in self.lines if not line.errors}
        _mark_duplicates(self.lines, keys, self.same)
        self.match_existing()

    def references(self) -> Any:
        raise NotImplementedError

    def clean_line(self, line: PreviewLine, references: Any) -> None:
        raise NotImplementedError

    @staticmethod
    def identity_keys(line: PreviewLine) -> list[tuple]:
        raise NotImplementedError

    def match_existing(self) -> None:
        raise NotImplementedError


class OrganisationLines(_Lines):
    same = "même organisation"

    def __init__(self, lines: list[PreviewLine]):
        super().__init__(lines)
        self.url_validator = URLValidator(schemes=["http", "https"])

    def references(self) -> TerritoryResolver:
        return TerritoryResolver(line.values.get("code_insee", "") for line in self.lines)

    def clean_line(self, line: PreviewLine, territories: TerritoryResolver) -> None:
        values, cleaned = line.values, line.cleaned
        name = values.get("nom", "").strip()
        line.label = name
        if not name:
            line.error("Le nom de l'organisation est obligatoire.")
        _check_length(line, "nom", name, 255)
        cleaned["name"] = name

        raw_type = values.get("type", "").strip()
        org_type = ORGANISATION_TYPE_WORDS.get(normalize(raw_type))
        if not raw_type:
            line.error("Le type d'organisation est obligatoire.")
        elif org_type is None:
            line.error(
                f"Type d'organisation inconnu : « {raw_type} ». Valeurs acceptées : "
                f"{ORGANISATION_TYPE_WORDS_HINT} (ou le libellé complet)."
            )
        cleaned["type"] = org_type

        siren = clean_siren(values.get("siren", ""))
        if siren:
            try:
                validate_siren(siren)
            except ValidationError as exc:
                line.error(f"SIREN « {values['siren']} » : {exc.messages[0]}")
        cleaned["siren"] = siren

        code = values.get("code_insee", "").strip()
        territory = None
        if code:
            territory, message = territories.resolve(code, org_type)
            if message:
                line.error(message)
        elif org_type in COLLECTIVITY_KINDS:
            line.error(
                f"Le code du territoire (colonne « code_insee ») est obligatoire pour une organisation de type "
                f"« {OrganisationType(org_type).label} »."
            )
        cleaned["territory"] = territory

        website = values.get("site_web", "").strip()
        if website:
            if not re.match(r"^https?://", website, re.IGNORECASE):
                website = "https://" + website
            try:
                self.url_validator(website)
                _check_length(line, "site_web", website, 200)
            except ValidationError:
                line.error(f"Adresse de site internet invalide : « {values['site_web']} ».")
        cleaned["website"] = website
        cleaned["email"] = _check_email(line, values.get("email", ""))
        address = values.get("adresse", "").strip()
        _check_length(line, "adresse", address, 300)
        cleaned["address"] = address
        cleaned["description"] = values.get("description", "").strip()
        cleaned["competences"] = values.get("competences", "").strip()
        cleaned["needs"] = values.get("besoins", "").strip()
        cleaned["themes"] = self.themes.resolve(line, values.get("thematiques", ""))

    @staticmethod
    def identity_keys(line: PreviewLine) -> list[tuple]:
        cleaned = line.cleaned
        keys = []
        if cleaned["siren"]:
            keys.append(("siren", cleaned["siren"]))
        if cleaned["type"] in COLLECTIVITY_KINDS and cleaned["territory"] is not None:
            keys.append(("territory", cleaned["type"], cleaned["territory"].pk))
        if not keys:
            keys.append(("name", normalize(cleaned["name"])))
        return keys

    def match_existing(self) -> None:
        valid = [line for line in self.lines if not line.errors]
        sirens = sorted({line.cleaned["siren"] for line in valid if line.cleaned["siren"]})
        territory_ids = sorted(
            {line.cleaned["territory"].pk for line in valid if line.cleaned["territory"] is not None}
        )
        names = sorted({normalize(line.cleaned["name"]) for line in valid})
        base = Organisation.objects.prefetch_related("themes")
        by_siren: dict[str, Organisation] = {}
        for chunk in _chunks(sirens):
            by_siren.update((org.siren, org) for org in base.filter(siren__in=chunk))
        by_territory: dict[tuple, Organisation] = {}
        for chunk in _chunks(territory_ids):
            for org in base.filter(territory_id__in=chunk, type__in=list(COLLECTIVITY_KINDS)).order_by("pk"):
                by_territory.setdefault((org.type, org.territory_id), org)
        by_name: dict[str, list[Organisation]] = defaultdict(list)
        for chunk in _chunks(names):
            for org in base.filter(search_name__in=chunk).order_by("pk"):
                by_name[org.search_name].append(org)

        for line in self.lines:
            existing = None
            if not line.errors:
                cleaned = line.cleaned
                siren = cleaned["siren"]
                existing = by_siren.get(siren) if siren else None
                if existing is None and cleaned["type"] in COLLECTIVITY_KINDS and cleaned["territory"]:
                    candidate = by_territory.get((cleaned["type"], cleaned["territory"].pk))
                    # A different SIREN means a different organisation on the same territory.
                    if candidate is not None and not (siren and candidate.siren and candidate.siren != siren):
                        existing = candidate
                if existing is None:
                    same_name = [
                        org
                        for org in by_name.get(normalize(cleaned["name"]), [])
                        if not (siren and org.siren and org.siren != siren)
                    ]
                    if len(same_name) > 1:
                        line.error(
                            f"{len(same_name)} organisations de l'annuaire portent déjà ce nom : "
                            "ajoutez le SIREN (ou le code du territoire pour une collectivité) pour les distinguer."
                        )
                    elif same_name:
                        existing = same_name[0]
            _finish(line, existing, self.changes(line, existing) if existing and not line.errors else [])
        _mark_same_target(self.lines, "même organisation de l'annuaire")

    @staticmethod
    def changes(line: PreviewLine, org: Organisation) -> list[str]:
        cleaned = line.cleaned
        changes = []
        for field_name, label in ORGANISATION_FIELD_LABELS.items():
            value = cleaned.get(field_name)
            if field_name == "territory":
                if value is not None and org.territory_id != value.pk:
                    changes.append(label)
            elif value and getattr(org, field_name) != value:
                changes.append(label)
        current_themes = {theme.pk for theme in org.themes.all()}
        if set(cleaned["themes"]) - current_themes:
            changes.append("thématiques")
        return changes


# --------------------------------------------------------------------------- people

PERSON_FIELD_LABELS = {
    "first_name": "prénom",
    "last_name": "nom",
    "category": "catégorie",
    "function": "fonction",
    "phone": "téléphone",
    "contact_visibility": "visibilité des coordonnées",
}


class PersonLines(_Lines):
    same = "même adresse électronique"

    @staticmethod
    def identity_keys(line: PreviewLine) -> list[tuple]:
        return [("email", line.cleaned["email"])]

    def references(self) -> dict[str, list[Organisation]]:
        """Organisations referenced by the file, keyed by SIREN and by normalised name."""
        references = {line.values.get("organisation", "").strip() for line in self.lines} - {""}
        sirens = sorted({clean_siren(ref) for ref in references if clean_siren(ref).isdigit()})
        names = sorted({normalize(ref) for ref in references})
        found: dict[str, list[Organisation]] = defaultdict(list)
        for chunk in _chunks(sirens):
            for org in Organisation.objects.filter(siren__in=chunk):
                found["siren:" + org.siren].append(org)
        for chunk in _chunks(names):
            for org in Organisation.objects.filter(search_name__in=chunk).order_by("pk"):
                found["name:" + org.search_name].append(org)
        return found

    def clean_line(self, line: PreviewLine, organisations: dict[str, list[Organisation]]) -> None:
        values, cleaned = line.values, line.cleaned
        first_name = values.get("prenom", "").strip()
        last_name = values.get("nom", "").strip()
        line.label = f"{first_name} {last_name}".strip()
        if not first_name:
            line.error("Le prénom est obligatoire.")
        if not last_name:
            line.error("Le nom est obligatoire.")
        _check_length(line, "prenom", first_name, 100)
        _check_length(line, "nom", last_name, 100)
        cleaned["first_name"], cleaned["last_name"] = first_name, last_name

        if not values.get("email", "").strip():
            line.error("L'adresse électronique est obligatoire (elle sert à reconnaître la personne).")
        cleaned["email"] = _check_email(line, values.get("email", ""))

        raw_category = values.get("categorie", "").strip()
        category = CATEGORY_WORDS.get(normalize(raw_category)) or _lookup_choices(PersonCategory).get(
            normalize(raw_category)
        )
        if raw_category and category is None:
            line.error(f"Catégorie inconnue : « {raw_category} ». Valeurs acceptées : {CATEGORY_WORDS_HINT}.")
        cleaned["category"] = category or ""

        function = values.get("fonction", "").strip()
        _check_length(line, "fonction", function, 200)
        cleaned["function"] = function
        phone = values.get("telephone", "").strip()
        _check_length(line, "telephone", phone, 30)
        cleaned["phone"] = phone

        reference = values.get("organisation", "").strip()
        organisation = None
        if reference:
            siren = clean_siren(reference)
            candidates = organisations.get("siren:" + siren, []) if siren.isdigit() else []
            candidates = candidates or organisations.get("name:" + normalize(reference), [])
            if not candidates:
                line.error(
                    f"Organisation inconnue : « {reference} ». Indiquez son nom exact ou son SIREN "
                    "(importez d'abord les organisations)."
                )
            elif len(candidates) > 1:
                line.error(
                    f"Plusieurs organisations s'appellent « {reference} » : indiquez plutôt son SIREN."
                )
            else:
                organisation = candidates[0]
        cleaned["organisation"] = organisation

        raw_consent = values.get("consentement_annuaire", "").strip()
        consent = parse_bool(raw_consent) if raw_consent else None
        if raw_consent and consent is None:
            line.error(f"Consentement invalide : « {raw_consent} » (attendu : oui ou non).")
        cleaned["consent"] = consent

        raw_visibility = values.get("visibilite_coordonnees", "").strip()
        visibility = VISIBILITY_WORDS.get(normalize(raw_visibility)) if raw_visibility else None
        if raw_visibility and visibility is None:
            line.error(
                f"Visibilité des coordonnées inconnue : « {raw_visibility} » (attendu : publiques, membres ou masquees)."
            )
        cleaned["contact_visibility"] = visibility or ""
        cleaned["themes"] = self.themes.resolve(line, values.get("thematiques", ""))

    def match_existing(self) -> None:
        emails = sorted({line.cleaned["email"] for line in self.lines if not line.errors})
        by_email: dict[str, Person] = {}
        for chunk in _chunks(emails):
            people = (
                Person.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=chunk, is_removed=False)
                .prefetch_related("themes", "memberships")
                .order_by("pk")
            )
            for person in people:
                by_email.setdefault(person.email_lower, person)
        for line in self.lines:
            existing = by_email.get(line.cleaned.get("email")) if not line.errors else None
            changes = self.changes(line, existing) if existing is not None else []
            _finish(line, existing, changes)
        _mark_same_target(self.lines, "même personne de l'annuaire")

    @staticmethod
    def changes(line: PreviewLine, person: Person) -> list[str]:
        cleaned = line.cleaned
        changes = [
            label
            for field_name, label in PERSON_FIELD_LABELS.items()
            if cleaned.get(field_name) and getattr(person, field_name) != cleaned[field_name]
        ]
        if cleaned["consent"] and not person.directory_consent:
            changes.append("consentement")
        if cleaned["consent"] is False and person.directory_consent:
            # Withdrawing consent is the person's own decision (or an animator's, on the person's page).
            line.warnings.append(
                "Cette personne a déjà consenti à apparaître dans l'annuaire : consentement conservé."
            )
        if set(cleaned["themes"]) - {theme.pk for theme in person.themes.all()}:
            changes.append("thématiques")
        organisation = cleaned["organisation"]
        if organisation is not None:
            membership = next(
                (m for m in person.memberships.all() if m.organisation_id == organisation.pk), None
            )
            if membership is None:
                changes.append("rattachement")
        return changes


# --------------------------------------------------------------------------- applying


@dataclass
class ImportReport:
    kind: str
    filename: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: int = 0
    created_labels: list[str] = field(default_factory=list)
    updated_labels: list[str] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)  # {"number", "label", "errors"}

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "filename": self.filename,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": self.errors,
            "created_labels": self.created_labels,
            "updated_labels": self.updated_labels,
            "skipped": self.skipped,
        }


# Keep the session-stored report small even for a 20 000-line file.
REPORT_MAX_LISTED = 1000


def directory_import_apply(*, preview: ImportPreview, by_user) -> ImportReport:
    """Write every valid line of `preview` in one transaction (all or nothing if the database
    refuses something); lines in error are skipped and listed in the report."""
    if not is_animator(by_user):
        raise PermissionDenied("Seule l'équipe d'animation peut importer l'annuaire.")
    report = ImportReport(kind=preview.kind, filename=preview.filename)
    with transaction.atomic():
        if preview.kind == ImportKind.ORGANISATIONS:
            _apply_organisations(preview, report)
        else:
            _apply_people(preview, report)
    report.errors = preview.count(LineStatus.ERROR)
    for line in preview.lines:
        if line.status == LineStatus.ERROR and len(report.skipped) < REPORT_MAX_LISTED:
            report.skipped.append({"number": line.number, "label": line.label, "errors": line.errors})
    logger.info(
        "Directory import of %s (%s) by user %s: %d created, %d updated, %d unchanged, %d skipped",
        preview.kind,
        preview.filename,
        by_user.pk,
        report.created,
        report.updated,
        report.unchanged,
        preview.count(LineStatus.ERROR),
    )
    return report


def _record(report: ImportReport, line: PreviewLine) -> None:
    if line.status == LineStatus.CREATE:
        report.created += 1
        if len(report.created_labels) < REPORT_MAX_LISTED:
            report.created_labels.append(line.label)
    elif line.status == LineStatus.UPDATE:
        report.updated += 1
        if len(report.updated_labels) < REPORT_MAX_LISTED:
            report.updated_labels.append(line.label)


BULK_BATCH = 500


class SlugAllocator:
    """Same slugs as `models.unique_slug`, allocated in memory from one query instead of one query
    per new record (a 20 000-line import would otherwise spend most of its time there)."""

    def __init__(self, model):
        self.taken = set(model.objects.values_list("slug", flat=True))

    def allocate(self, text: str) -> str:
        base = slugify(text)[:200] or "fiche"
        slug, n = base, 2
        while slug in self.taken:
            slug = f"{base}-{n}"
            n += 1
        self.taken.add(slug)
        return slug


def _denormalise_organisation(org: Organisation) -> None:
    """What `Organisation.save()` computes, for rows written with bulk_create (which skips save()).
    tests/directory/test_import_apply.py checks that both give the same result."""
    org.search_name = normalize(org.name)
    territory = org.territory
    if territory is not None:
        org.region_id = territory.region_id if territory.kind != Kind.REGION else territory.pk
        org.departement_id = territory.departement_id if territory.kind != Kind.DEPARTMENT else territory.pk
        if org.latitude is None and territory.has_coordinates:
            org.latitude, org.longitude = territory.latitude, territory.longitude


def _apply_organisations(preview: ImportPreview, report: ImportReport) -> None:
    to_write = [line for line in preview.lines if line.status in (LineStatus.CREATE, LineStatus.UPDATE)]
    report.unchanged = preview.count(LineStatus.UNCHANGED)
    existing = Organisation.objects.in_bulk([line.target_pk for line in to_write if line.target_pk])
    slugs = SlugAllocator(Organisation)
    new: list[Organisation] = []
    theme_links: list[tuple[Organisation, int]] = []
    for line in to_write:
        cleaned = line.cleaned
        # The network is onboarding its existing members: new organisations are members straight away.
        org = existing[line.target_pk] if line.target_pk else Organisation(status=OrganisationStatus.ACTIVE)
        org.name = cleaned["name"]
        org.type = cleaned["type"]
        if cleaned["territory"] is not None:
            org.territory = cleaned["territory"]
        # An empty cell never erases what the directory already knows.
        for field_name in ("siren", "website", "email", "address", "description", "competences", "needs"):
            if cleaned[field_name]:
                setattr(org, field_name, cleaned[field_name])
        if org.pk:
            # One UPDATE per row through save(): Django's bulk_update (CASE WHEN per field) measured
            # ten times slower than this on 20 000 rows.
            org.save()
        else:
            org.slug = slugs.allocate(org.name)
            _denormalise_organisation(org)
            new.append(org)
        theme_links.extend((org, theme_id) for theme_id in cleaned["themes"])
        _record(report, line)
    Organisation.objects.bulk_create(new, batch_size=BULK_BATCH)
    Through = Organisation.themes.through
    Through.objects.bulk_create(
        [Through(organisation_id=org.pk, theme_id=theme_id) for org, theme_id in theme_links],
        batch_size=BULK_BATCH,
        ignore_conflicts=True,
    )
    written = [line.target_pk for line in to_write if line.target_pk] + [org.pk for org in new]
    organisations_changed(
        organisations=Organisation.objects.filter(pk__in=written)
        .select_related("territory")
        .prefetch_related("themes")
    )


def _apply_people(preview: ImportPreview, report: ImportReport) -> None:
    to_write = [line for line in preview.lines if line.status in (LineStatus.CREATE, LineStatus.UPDATE)]
    report.unchanged = preview.count(LineStatus.UNCHANGED)
    existing = Person.objects.in_bulk([line.target_pk for line in to_write if line.target_pk])
    slugs = SlugAllocator(Person)
    now = timezone.now()
    new: list[Person] = []
    theme_links: list[tuple[Person, int]] = []
    memberships: list[tuple[Person, Organisation, str]] = []
    for line in to_write:
        cleaned = line.cleaned
        if line.target_pk:
            person = existing[line.target_pk]
        else:
            person = Person(
                email=cleaned["email"],
                category=PersonCategory.OTHER,
                contact_visibility=Visibility.MEMBERS,
                directory_consent=False,
            )
        for field_name in PERSON_FIELD_LABELS:
            if cleaned.get(field_name):
                setattr(person, field_name, cleaned[field_name])
        # Consent can be recorded by an import, never withdrawn by one.
        if cleaned["consent"] and not person.directory_consent:
            person.directory_consent = True
            person.consent_at = now
        if person.pk:
            person.save()
        else:
            # What Person.save() computes (bulk_create skips save()).
            person.search_name = normalize(f"{person.last_name} {person.first_name}")
            person.slug = slugs.allocate(f"{person.first_name} {person.last_name}")
            new.append(person)
        theme_links.extend((person, theme_id) for theme_id in cleaned["themes"])
        if cleaned["organisation"] is not None:
            memberships.append((person, cleaned["organisation"], cleaned["function"]))
        _record(report, line)
    Person.objects.bulk_create(new, batch_size=BULK_BATCH)
    Through = Person.themes.through
    Through.objects.bulk_create(
        [Through(person_id=person.pk, theme_id=theme_id) for person, theme_id in theme_links],
        batch_size=BULK_BATCH,
        ignore_conflicts=True,
    )
    # The function given in the file describes a new membership; an existing membership's own
    # function is edited on the organisation's page, not by re-imports (ignore_conflicts keeps it).
    Membership.objects.bulk_create(
        [Membership(person_id=p.pk, organisation_id=o.pk, function=f) for p, o, f in memberships],
        batch_size=BULK_BATCH,
        ignore_conflicts=True,
    )


# --------------------------------------------------------------------------- uploads and background run
#
# No model keeps an import's state: the uploaded file waits under a random name in a private
# directory (never served) as "<id>.upload"; confirming renames it "<id>.processing" (so that a
# second click cannot enqueue it twice) and enqueues `directory_import_run`, which writes
# "<id>.report.json" and deletes the upload. Everything older than UPLOAD_MAX_AGE is purged.

UPLOAD_MAX_AGE = 24 * 3600
_FILE_ID = re.compile(r"^[0-9a-f]{32}$")


def import_dir() -> Path:
    configured = getattr(settings, "MAILLAGE_IMPORT_DIR", "")
    path = Path(configured) if configured else Path(settings.MEDIA_ROOT).parent / "private" / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def import_file(file_id: str, suffix: str) -> Path:
    if not _FILE_ID.match(file_id or ""):
        raise ValueError("invalid import file id")
    return import_dir() / f"{file_id}.{suffix}"


def purge_old_import_files() -> None:
    limit = time.time() - UPLOAD_MAX_AGE
    for path in import_dir().iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue


FAILURE_MESSAGE = (
    "L'import a échoué pendant l'enregistrement : rien n'a été enregistré. "
    "Réessayez ; si le problème persiste, contactez l'administrateur de la plateforme."
)


@task()
def directory_import_run(*, file_id: str, kind: str, filename: str, user_id: int) -> dict:
    """Re-read and re-validate the confirmed file against the current database, write it, and
    leave a JSON report next to it for the report page."""
    from apps.accounts.models import User

    source = import_file(file_id, "processing")
    result: dict = {"kind": kind, "filename": filename}
    try:
        preview = directory_import_preview(data=source.read_bytes(), filename=filename, kind=kind)
        report = directory_import_apply(preview=preview, by_user=User.objects.get(pk=user_id))
        result.update(status="done", **report.as_dict())
    except TabularError as exc:
        result.update(status="failed", message=str(exc))
    except Exception:
        logger.exception("Directory import %s failed", file_id)
        result.update(status="failed", message=FAILURE_MESSAGE)
        _write_report(file_id, result)
        raise
    finally:
        source.unlink(missing_ok=True)
    _write_report(file_id, result)
    return result


def _write_report(file_id: str, result: dict) -> None:
    target = import_file(file_id, "report.json")
    temporary = import_file(file_id, "report.tmp")
    temporary.write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    temporary.replace(target)  # atomic: the report page never reads half a file


def read_import_report(file_id: str) -> dict | None:
    path = import_file(file_id, "report.json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))
