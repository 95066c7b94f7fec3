"""The figures of a workshop day, computed from the database at every render.

Each figure has a stable key; the coordinator may attach a wording (« plus de 50 », « une
trentaine ») or hide it (`WorkshopDay.figure_settings`). The computed value always stays beside
the wording, and `wording_matches` flags a wording the value contradicts (« plus de 50 » for 48
participant·es), shown to the coordinator before publication.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from apps.core.documents.model import Figure as DocumentFigure
from apps.core.french import count_label, fold
from apps.directory.models import OrganisationType, PersonCategory
from apps.workshops.models import (
    WorkshopDay,
    WorkshopInitiative,
    WorkshopProposal,
    WorkshopQuestion,
    WorkshopTable,
)

# Organisation types as nouns, for « 38 collectivités : 30 communes et 8 EPCI ».
TYPE_NOUNS = {
    OrganisationType.MUNICIPALITY: ("commune", "communes"),
    OrganisationType.EPCI: ("EPCI", "EPCI"),
    OrganisationType.PETR: ("PETR ou pays", "PETR ou pays"),
    OrganisationType.PNR: ("parc naturel régional", "parcs naturels régionaux"),
    OrganisationType.SYNDICATE: ("syndicat", "syndicats"),
    OrganisationType.DEPARTMENT: ("département", "départements"),
    OrganisationType.REGION: ("région", "régions"),
    OrganisationType.STATE: ("service de l'État", "services de l'État"),
    OrganisationType.AGENCY: ("agence ou opérateur public", "agences ou opérateurs publics"),
    OrganisationType.ASSOCIATION: ("association ou réseau", "associations ou réseaux"),
    OrganisationType.COMPANY: ("entreprise", "entreprises"),
    OrganisationType.CONSULTANCY: ("bureau d'études", "bureaux d'études"),
    OrganisationType.RESEARCH: (
        "établissement d'enseignement ou de recherche",
        "établissements d'enseignement ou de recherche",
    ),
    OrganisationType.DEVELOPMENT_COUNCIL: ("conseil de développement", "conseils de développement"),
    OrganisationType.OTHER: ("autre organisation", "autres organisations"),
    "": ("organisation de type non renseigné", "organisations de type non renseigné"),
}
# Local authorities and their groupings: the « collectivités » of the booklets.
COLLECTIVITES = (
    OrganisationType.MUNICIPALITY,
    OrganisationType.EPCI,
    OrganisationType.PETR,
    OrganisationType.SYNDICATE,
    OrganisationType.DEPARTMENT,
    OrganisationType.REGION,
)
CATEGORY_NOUNS = {
    PersonCategory.ELECTED: ("élu·e", "élu·es"),
    PersonCategory.STAFF: ("agent·e ou technicien·ne", "agent·es ou technicien·nes"),
    PersonCategory.PARTNER: ("partenaire", "partenaires"),
    PersonCategory.STATE: ("représentant·e de l'État", "représentant·es de l'État"),
    PersonCategory.OTHER: ("autre participant·e", "autres participant·es"),
}


@dataclass
class Figure(DocumentFigure):
    """The document's key figure, with its key in the day's settings and whether it is hidden."""

    value: int
    key: str = ""
    hidden: bool = False

    @property
    def wording_matches(self) -> bool | None:
        return wording_matches(self.wording, self.value) if self.wording else None


@dataclass
class CountTable:
    key: str
    caption: str
    first_column: str
    unit: str
    rows: list[tuple[str, int]]
    hidden: bool = False


@dataclass
class AtelierFigures:
    atelier_id: int
    figures: list[Figure]
    by_table: CountTable
    by_question: CountTable


@dataclass
class DayFigures:
    headline: list[Figure]
    tables: list[CountTable]
    organisations_sentence: str
    ateliers: dict[int, AtelierFigures] = field(default_factory=dict)

    def all_figures(self) -> list[Figure]:
        return [*self.headline, *(f for a in self.ateliers.values() for f in a.figures)]

    def mismatches(self) -> list[Figure]:
        return [f for f in self.all_figures() if f.wording and not f.hidden and f.wording_matches is False]


# --- wording check ----------------------------------------------------------------------------

_UNITS = {
    "zero": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100, "cents": 100,
    "mille": 1000,
}  # fmt: skip
_APPROX_NOUNS = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
}


def _words_number(words: list[str]) -> int | None:
    """« quatre-vingt-douze » → 92, « soixante et onze » → 71, « deux cents » → 200."""
    total, current, seen = 0, 0, False
    for word in words:
        if word == "et":
            continue
        if word not in _UNITS:
            break
        seen = True
        value = _UNITS[word]
        if value == 1000:
            total += max(current, 1) * 1000
            current = 0
        elif value == 100:
            current = max(current, 1) * 100
        elif word.startswith("vingt") and current and current % 100 == 4:
            current = current - 4 + 80
        else:
            current += value
    return total + current if seen else None


def parse_wording(wording: str) -> tuple[str, int] | None:
    """(relation, number) said by a wording: ("eq", 52), ("gt", 50), ("lt", 20), ("ge", 50),
    ("approx", 30). None when no number is said."""
    text = fold(wording).replace("-", " ")
    text = re.sub(r"(?<=\d)[\s\u202f\u00a0.](?=\d{3}\b)", "", text)
    relation = "eq"
    if re.search(r"\b(plus de|au dela de|davantage que|superieur a)\b", text):
        relation = "gt"
    elif re.search(r"\b(au moins|pas moins de)\b", text):
        relation = "ge"
    elif re.search(r"\b(moins de|pas plus de|inferieur a)\b", text):
        relation = "lt"
    elif re.search(
        r"\b(pres de|environ|quelque|presque|autour de|une? bonne|a peu pres|approximativement)\b", text
    ):
        relation = "approx"
    for noun, value in _APPROX_NOUNS.items():
        if re.search(rf"\b{noun}s?\b", text):
            before = re.search(rf"(\w+)\s+{noun}", text)
            factor = _UNITS.get(before.group(1), 1) if before and before.group(1) not in ("une", "un") else 1
            return (relation if relation != "eq" else "approx"), value * factor
    digits = re.search(r"\d+", text)
    if digits:
        return relation, int(digits.group(0))
    words = re.findall(r"[a-z]+", text)
    for index, word in enumerate(words):
        if word in _UNITS and word not in ("un", "une"):
            number = _words_number(words[index:])
            if number is not None:
                return relation, number
    return None


def wording_matches(wording: str, value: int) -> bool:
    parsed = parse_wording(wording)
    if parsed is None:
        return False  # nothing to check against: flagged, so that the coordinator looks at it
    relation, number = parsed
    if relation == "gt":
        return value > number
    if relation == "ge":
        return value >= number
    if relation == "lt":
        return value < number
    if relation == "approx":
        return abs(value - number) <= max(2, round(number * 0.15))
    return value == number


# --- computing --------------------------------------------------------------------------------


def _figure(settings: dict, key: str, value: int, singular: str, plural: str = "") -> Figure:
    chosen = settings.get(key, {})
    return Figure(
        key=key,
        value=value,
        singular=singular,
        plural=plural,
        wording=chosen.get("wording", ""),
        hidden=bool(chosen.get("hidden")),
    )


def organisation_counts(participants) -> Counter:
    """Distinct organisations by type: a directory organisation counts once whoever came from it;
    a free-text organisation is identified by its normalised name."""
    types: dict[str, str] = {}
    for p in participants:
        key = p.organisation_key
        if key and key not in types:
            types[key] = p.organisation.type if p.organisation_id else p.organisation_type
    return Counter(types.values())


def organisations_sentence(by_type: Counter) -> str:
    """« 38 collectivités : 30 communes et 8 EPCI ; 5 associations ou réseaux »."""
    parts = []
    local = [(t, by_type[t]) for t in COLLECTIVITES if by_type.get(t)]
    if local:
        total = sum(n for _, n in local)
        detail = [count_label(n, *TYPE_NOUNS[t]) for t, n in local]
        joined = detail[0] if len(detail) == 1 else ", ".join(detail[:-1]) + " et " + detail[-1]
        parts.append(f"{count_label(total, 'collectivité')} : {joined}" if len(local) > 1 else joined)
    for kind, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0])):
        if kind in COLLECTIVITES:
            continue
        parts.append(count_label(n, *TYPE_NOUNS.get(kind, TYPE_NOUNS[""])))
    return " ; ".join(parts)


def compute(day: WorkshopDay) -> DayFigures:
    settings = day.figure_settings or {}
    participants = list(day.participants.select_related("organisation"))
    ateliers = list(
        day.ateliers.annotate(
            n_proposals=Count("proposals", distinct=True),
            n_tables=Count("tables", distinct=True),
            n_questions=Count("questions", distinct=True),
        )
    )
    by_table_rows = (
        WorkshopProposal.objects.filter(atelier__day=day)
        .values("atelier_id", "table_id")
        .annotate(n=Count("pk"))
    )
    by_question_rows = (
        WorkshopProposal.objects.filter(atelier__day=day)
        .values("atelier_id", "question_id")
        .annotate(n=Count("pk"))
    )
    tables = list(WorkshopTable.objects.filter(atelier__day=day).order_by("name_key"))
    questions = list(WorkshopQuestion.objects.filter(atelier__day=day).order_by("position", "pk"))
    initiatives = WorkshopInitiative.objects.filter(atelier__day=day).count()

    by_type = organisation_counts(participants)
    by_category = Counter(p.category for p in participants)
    n_proposals = sum(a.n_proposals for a in ateliers)
    headline = [
        _figure(settings, "day.participants", len(participants), "participant·e"),
        _figure(
            settings,
            "day.organisations",
            sum(by_type.values()),
            "organisation représentée",
            "organisations représentées",
        ),
        _figure(settings, "day.ateliers", len(ateliers), "atelier"),
        _figure(
            settings, "day.tables", sum(a.n_tables for a in ateliers), "table de travail", "tables de travail"
        ),
        _figure(settings, "day.questions", sum(a.n_questions for a in ateliers), "question"),
        _figure(settings, "day.proposals", n_proposals, "proposition"),
        _figure(settings, "day.initiatives", initiatives, "initiative présentée", "initiatives présentées"),
    ]
    category_labels = dict(PersonCategory.choices)
    type_labels = dict(OrganisationType.choices)

    def table(key, caption, first, unit, rows):
        return CountTable(key, caption, first, unit, rows, bool(settings.get(key, {}).get("hidden")))

    day_tables = [
        table(
            "table.categories",
            "Participant·es par catégorie",
            "Catégorie",
            "Participant·es",
            sorted(
                ((category_labels.get(c, c), n) for c, n in by_category.items()), key=lambda r: (-r[1], r[0])
            ),
        ),
        table(
            "table.organisation_types",
            "Organisations représentées par type (chaque organisation comptée une fois)",
            "Type d'organisation",
            "Organisations",
            sorted(
                ((type_labels.get(t, "Type non renseigné"), n) for t, n in by_type.items()),
                key=lambda r: (-r[1], r[0]),
            ),
        ),
        table(
            "table.ateliers",
            "Propositions par atelier",
            "Atelier",
            "Propositions",
            [(a.title, a.n_proposals) for a in ateliers],
        ),
    ]
    per_table = defaultdict(dict)
    for row in by_table_rows:
        per_table[row["atelier_id"]][row["table_id"]] = row["n"]
    per_question = defaultdict(dict)
    for row in by_question_rows:
        per_question[row["atelier_id"]][row["question_id"]] = row["n"]
    participants_by_atelier = Counter(p.atelier_id for p in participants if p.atelier_id)
    result = DayFigures(headline, day_tables, organisations_sentence(by_type))
    for a in ateliers:
        prefix = f"atelier.{a.pk}"
        figures = [
            _figure(settings, f"{prefix}.proposals", a.n_proposals, "proposition"),
            _figure(settings, f"{prefix}.tables", a.n_tables, "table de travail", "tables de travail"),
            _figure(settings, f"{prefix}.questions", a.n_questions, "question"),
        ]
        if participants_by_atelier.get(a.pk):
            figures.insert(
                0, _figure(settings, f"{prefix}.participants", participants_by_atelier[a.pk], "participant·e")
            )
        table_rows = [(t.name, per_table[a.pk].get(t.pk, 0)) for t in tables if t.atelier_id == a.pk]
        if per_table[a.pk].get(None):
            table_rows.append(("Sans table", per_table[a.pk][None]))
        question_rows = [
            (f"{q.position}. {q.text}", per_question[a.pk].get(q.pk, 0))
            for q in questions
            if q.atelier_id == a.pk
        ]
        if per_question[a.pk].get(None):
            question_rows.append(("Sans question", per_question[a.pk][None]))
        result.ateliers[a.pk] = AtelierFigures(
            a.pk,
            figures,
            table(
                f"{prefix}.by_table",
                f"Propositions par table — {a.title}",
                "Table",
                "Propositions",
                table_rows,
            ),
            table(
                f"{prefix}.by_question",
                f"Propositions par question — {a.title}",
                "Question",
                "Propositions",
                question_rows,
            ),
        )
    return result
