"""Reading annex tables and attendance lists (CSV or XLSX through apps.core.tabular) into rows
checked against the day, for a preview. Nothing is written here; services.py imports.

Proposals: columns atelier / table / question / piste / action / objectifs (several spellings).
The question is given by its number in the atelier (« 2 », « Q2 », « Question 2 ») or by its
text. Each row is compared with the day's proposals and the rows above it: an *exact* duplicate
(same texts) or a *near* duplicate (same texts once case, accents, spaces and punctuation are
ignored) is flagged, and the coordinator chooses skip / replace / add.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from apps.core.french import normalize
from apps.core.tabular import Limits, TabularError, read_upload
from apps.directory.models import Organisation, OrganisationType, PersonCategory
from apps.workshops.models import WorkshopProposal, clean_name, name_key, proposal_fingerprint

LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_rows=5000, max_columns=30)
MAX_TEXT = 5000

PROPOSAL_HEADERS = {
    "atelier": "atelier",
    "ateliers": "atelier",
    "atelier thematique": "atelier",
    "table": "table",
    "tables": "table",
    "groupe": "table",
    "groupe de travail": "table",
    "sous groupe": "table",
    "question": "question",
    "questions": "question",
    "numero de question": "question",
    "question traitee": "question",
    "piste": "orientation",
    "pistes": "orientation",
    "piste d orientation": "orientation",
    "pistes d orientation": "orientation",
    "orientation": "orientation",
    "action": "action",
    "actions": "action",
    "action proposee": "action",
    "actions proposees": "action",
    "objectifs": "objectives",
    "objectif": "objectives",
    "objectifs poursuivis": "objectives",
    "objectif poursuivi": "objectives",
}
PARTICIPANT_HEADERS = {
    "nom": "name",
    "nom prenom": "name",
    "prenom nom": "name",
    "participant": "name",
    "participant e": "name",
    "participante": "name",
    "personne": "name",
    "categorie": "category",
    "categories": "category",
    "qualite": "category",
    "statut": "category",
    "organisation": "organisation",
    "structure": "organisation",
    "collectivite": "organisation",
    "organisme": "organisation",
    "type": "type",
    "type d organisation": "type",
    "type de structure": "type",
    "atelier": "atelier",
}
CATEGORY_WORDS = {
    "elu": PersonCategory.ELECTED, "elus": PersonCategory.ELECTED, "elue": PersonCategory.ELECTED, "elu e": PersonCategory.ELECTED,
    "elues": PersonCategory.ELECTED, "elu es": PersonCategory.ELECTED,
    "agent": PersonCategory.STAFF, "agents": PersonCategory.STAFF, "agent e": PersonCategory.STAFF,
    "technicien": PersonCategory.STAFF, "technicienne": PersonCategory.STAFF, "techniciens": PersonCategory.STAFF,
    "technicien ne": PersonCategory.STAFF, "agent e technicien ne": PersonCategory.STAFF,
    "agent technicien": PersonCategory.STAFF, "agent e ou technicien ne": PersonCategory.STAFF,
    "partenaire": PersonCategory.PARTNER, "partenaires": PersonCategory.PARTNER,
    "etat": PersonCategory.STATE, "services de l etat": PersonCategory.STATE, "service de l etat": PersonCategory.STATE,
    "autre": PersonCategory.OTHER, "autres": PersonCategory.OTHER,
}  # fmt: skip
TYPE_WORDS = {normalize(label): value for value, label in OrganisationType.choices} | {
    normalize(value): value for value in OrganisationType.values
} | {
    "communaute de communes": OrganisationType.EPCI, "communaute d agglomeration": OrganisationType.EPCI,
    "communaute urbaine": OrganisationType.EPCI, "metropole": OrganisationType.EPCI, "cc": OrganisationType.EPCI,
    "ca": OrganisationType.EPCI, "intercommunalite": OrganisationType.EPCI, "mairie": OrganisationType.MUNICIPALITY,
    "ville": OrganisationType.MUNICIPALITY, "pays": OrganisationType.PETR, "departement": OrganisationType.DEPARTMENT,
    "region": OrganisationType.REGION, "association": OrganisationType.ASSOCIATION, "entreprise": OrganisationType.COMPANY,
}  # fmt: skip
_QUESTION_NUMBER = re.compile(r"^(?:q|question|n|no)?\s*(\d{1,3})$")


@dataclass
class Preview:
    rows: list[dict] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_ateliers: list[str] = field(default_factory=list)
    new_tables: list[str] = field(default_factory=list)
    new_questions: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors

    @property
    def duplicates(self) -> list[dict]:
        return [r for r in self.rows if r.get("duplicate_of") or r.get("duplicate_in_file")]


def _columns(headers: list[str], mapping: dict[str, str]) -> dict[int, str]:
    columns = {}
    for index, header in enumerate(headers):
        key = mapping.get(normalize(header or ""))
        if key and key not in columns.values():
            columns[index] = key
    return columns


def _values(cells: list, columns: dict[int, str], keys) -> dict[str, str]:
    values = dict.fromkeys(keys, "")
    for index, key in columns.items():
        if index < len(cells) and cells[index] is not None:
            values[key] = str(cells[index]).strip()
    return values


def _read(upload, preview: Preview):
    try:
        return read_upload(upload, limits=LIMITS)
    except TabularError as exc:
        preview.errors.append(str(exc))
        return None


def parse_proposals(upload, day) -> Preview:
    preview = Preview()
    table = _read(upload, preview)
    if table is None:
        return preview
    columns = _columns(table.headers, PROPOSAL_HEADERS)
    found = set(columns.values())
    if not found & {"orientation", "action", "objectives"}:
        preview.errors.append(
            "Aucune colonne de propositions reconnue. La première ligne doit contenir les en-têtes : atelier, table, "
            "question, piste (piste d'orientation), action (action proposée), objectifs (objectifs poursuivis)."
        )
        return preview
    ateliers = {a.name_key: a for a in day.ateliers.prefetch_related("questions", "tables")}
    if "atelier" not in found and len(ateliers) != 1:
        preview.errors.append(
            "Colonne « atelier » absente : elle est obligatoire quand la journée n'a pas exactement un atelier "
            f"(elle en a {len(ateliers)})."
        )
        return preview
    only = next(iter(ateliers.values())) if len(ateliers) == 1 else None
    existing: dict[tuple[str, str], WorkshopProposal] = {}
    exact: dict[tuple[str, str], WorkshopProposal] = {}
    for p in WorkshopProposal.objects.filter(atelier__day=day).select_related("atelier").order_by("pk"):
        existing.setdefault((p.atelier.name_key, p.fingerprint), p)
        exact.setdefault((p.atelier.name_key, _exact(p.orientation, p.action, p.objectives)), p)
    seen_in_file: dict[tuple[str, str], int] = {}
    new_ateliers, new_tables, new_questions = {}, {}, {}
    planned_questions: dict[str, list[str]] = {}
    for line, cells in table.rows:
        values = _values(
            cells, columns, ("atelier", "table", "question", "orientation", "action", "objectives")
        )
        if not any(values.values()):
            continue
        if not (values["orientation"] or values["action"] or values["objectives"]):
            preview.errors.append(f"Ligne {line} : ni piste, ni action, ni objectifs : rien à importer.")
            continue
        too_long = [
            label
            for key, label in (
                ("orientation", "la piste"),
                ("action", "l'action"),
                ("objectives", "les objectifs"),
            )
            if len(values[key]) > MAX_TEXT
        ]
        if too_long:
            preview.errors.append(f"Ligne {line} : {too_long[0]} dépasse 5 000 caractères.")
            continue
        atelier_name = clean_name(values["atelier"]) or (only.title if only else "")
        if not atelier_name:
            preview.errors.append(f"Ligne {line} : l'atelier est vide.")
            continue
        if len(atelier_name) > 255 or len(clean_name(values["table"])) > 120:
            preview.errors.append(f"Ligne {line} : nom d'atelier ou de table trop long.")
            continue
        akey = name_key(atelier_name)
        atelier = ateliers.get(akey)
        if atelier is not None:
            atelier_name = atelier.title
        else:
            new_ateliers.setdefault(akey, atelier_name)
        table_name = clean_name(values["table"])
        if table_name:
            tkey = name_key(table_name)
            known = {t.name_key: t.name for t in atelier.tables.all()} if atelier else {}
            table_name = known[tkey] if tkey in known else new_tables.setdefault((akey, tkey), table_name)
        row = {
            "line": line,
            "atelier": atelier_name,
            "table": table_name,
            "question_number": None,
            "question_text": "",
            "question_label": "",
            "orientation": values["orientation"],
            "action": values["action"],
            "objectives": values["objectives"],
            "duplicate_of": None,
            "duplicate_kind": "",
            "duplicate_in_file": None,
        }
        raw_q = clean_name(values["question"])
        if raw_q:
            number = _QUESTION_NUMBER.match(normalize(raw_q))
            questions = list(atelier.questions.all()) if atelier else []
            if number:
                position = int(number.group(1))
                match = next((q for q in questions if q.position == position), None)
                planned = planned_questions.get(akey, [])
                first_new = max((q.position for q in questions), default=0) + 1
                if match is None and 0 <= position - first_new < len(planned):
                    # A question this file creates above (by its text) is numbered after the
                    # atelier's existing ones: « 1 » on the next line means it.
                    text = planned[position - first_new]
                    row["question_text"] = text
                    row["question_label"] = f"{position}. {text} (nouvelle)"
                elif match is None:
                    preview.errors.append(
                        f"Ligne {line} : l'atelier « {atelier_name} » n'a pas de question n° {position} "
                        "(ajoutez-la d'abord, ou donnez le texte de la question)."
                    )
                    continue
                else:
                    row["question_number"] = position
                    row["question_label"] = f"{match.position}. {match.text}"
            else:
                match = next((q for q in questions if name_key(q.text) == name_key(raw_q)), None)
                row["question_text"] = match.text if match else raw_q
                row["question_label"] = f"{match.position}. {match.text}" if match else f"{raw_q} (nouvelle)"
                if match is None and (akey, name_key(raw_q)) not in new_questions:
                    new_questions[(akey, name_key(raw_q))] = f"{atelier_name} : {raw_q}"
                    planned_questions.setdefault(akey, []).append(raw_q)
        fingerprint = proposal_fingerprint(values["orientation"], values["action"], values["objectives"])
        exact_key = _exact(values["orientation"], values["action"], values["objectives"])
        if (akey, exact_key) in exact:
            row["duplicate_of"], row["duplicate_kind"] = exact[(akey, exact_key)].pk, "exact"
        elif (akey, fingerprint) in existing:
            row["duplicate_of"], row["duplicate_kind"] = existing[(akey, fingerprint)].pk, "near"
        if (akey, fingerprint) in seen_in_file:
            row["duplicate_in_file"] = seen_in_file[(akey, fingerprint)]
        else:
            seen_in_file[(akey, fingerprint)] = line
        preview.rows.append(row)
    preview.new_ateliers = list(new_ateliers.values())
    preview.new_tables = [
        f"{ateliers[a].title if a in ateliers else new_ateliers.get(a, a)} : {name}"
        for (a, _), name in new_tables.items()
    ]
    preview.new_questions = list(new_questions.values())
    if not preview.rows and not preview.errors:
        preview.errors.append("Aucune proposition trouvée sous la ligne d'en-têtes.")
    return preview


def _exact(*texts: str) -> str:
    return "|".join(" ".join((t or "").split()) for t in texts)


def _category(value: str) -> str | None:
    return CATEGORY_WORDS.get(normalize(value))


def parse_participants(upload, day) -> Preview:
    """Attendance list: nom, catégorie, organisation (matched to the directory by normalised name:
    its type comes from the directory), type (for an organisation outside the directory), atelier."""
    preview = Preview()
    table = _read(upload, preview)
    if table is None:
        return preview
    columns = _columns(table.headers, PARTICIPANT_HEADERS)
    missing = [
        label for key, label in (("name", "nom"), ("category", "catégorie")) if key not in columns.values()
    ]
    if missing:
        preview.errors.append(
            "Colonne obligatoire absente : « "
            + " », « ".join(missing)
            + " ». En-têtes attendus : nom, catégorie, "
            "organisation, type (type d'organisation, si elle n'est pas dans l'annuaire), atelier."
        )
        return preview
    names = [
        clean_name(str(cells[i]))
        for _line, cells in table.rows
        for i, k in columns.items()
        if k == "organisation" and i < len(cells) and cells[i]
    ]
    keys = {normalize(n) for n in names if n}
    directory = {}
    if keys:
        for org in Organisation.objects.active().only("pk", "name", "type"):
            key = normalize(org.name)
            if key in keys:
                directory.setdefault(key, org)
    ateliers = {a.name_key: a.title for a in day.ateliers.all()}
    for line, cells in table.rows:
        values = _values(cells, columns, ("name", "category", "organisation", "type", "atelier"))
        if not any(values.values()):
            continue
        name = clean_name(values["name"])
        if not name:
            preview.errors.append(f"Ligne {line} : le nom est vide.")
            continue
        if len(name) > 200 or len(values["organisation"]) > 255:
            preview.errors.append(f"Ligne {line} : nom ou organisation trop long.")
            continue
        category = _category(values["category"])
        if category is None:
            preview.errors.append(
                f"Ligne {line} : catégorie « {values['category']} » inconnue (attendu : élu·e, agent·e / technicien·ne, "
                "partenaire, État, autre)."
            )
            continue
        org_name = clean_name(values["organisation"])
        org = directory.get(normalize(org_name)) if org_name else None
        row = {
            "line": line,
            "name": name,
            "category": str(category),
            "organisation_id": None,
            "organisation_name": org_name,
            "organisation_type": "",
            "matched": False,
            "atelier": "",
        }
        if org is not None:
            row.update(
                organisation_id=org.pk, organisation_name=org.name, organisation_type=org.type, matched=True
            )
        elif org_name:
            kind = TYPE_WORDS.get(normalize(values["type"])) if values["type"] else None
            if values["type"] and kind is None:
                preview.errors.append(f"Ligne {line} : type d'organisation « {values['type']} » inconnu.")
                continue
            row["organisation_type"] = str(kind or "")
            if kind is None:
                preview.warnings.append(
                    f"Ligne {line} : « {org_name} » n'est pas dans l'annuaire et n'a pas de type : comptée en « type non renseigné »."
                )
        if values["atelier"]:
            akey = name_key(values["atelier"])
            if akey not in ateliers:
                preview.errors.append(
                    f"Ligne {line} : atelier « {values['atelier']} » inconnu dans cette journée."
                )
                continue
            row["atelier"] = ateliers[akey]
        preview.rows.append(row)
    if not preview.rows and not preview.errors:
        preview.errors.append("Aucun·e participant·e trouvé·e sous la ligne d'en-têtes.")
    return preview
