"""Import aids from JSON: the Aides-territoires public API format, or Maillage's neutral format.

Idempotent: an aid is identified by (source, its id at the source); a second run of the same file
updates nothing and reports the aids as unchanged. Every rejected entry comes with its reason.
The formats are documented in docs/aids.md.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from apps.aids.models import (
    Aid,
    AidImport,
    AidKind,
    Beneficiary,
    ImportFormat,
    ImportStatus,
    Recurrence,
    encode_beneficiaries,
)
from apps.core.french import normalize
from apps.territories.models import KIND_BY_URL_SEGMENT, Kind, Territory
from apps.themes.models import Theme

AIDES_TERRITOIRES_SITE = "https://aides-territoires.beta.gouv.fr"

# Aides-territoires labels (and the slugs of its older API versions) -> our beneficiaries.
_AUDIENCES = {
    "commune": Beneficiary.MUNICIPALITY,
    "communes": Beneficiary.MUNICIPALITY,
    "intercommunalite pays": Beneficiary.EPCI,
    "intercommunalites pays": Beneficiary.EPCI,
    "intercommunalites": Beneficiary.EPCI,
    "intercommunalite": Beneficiary.EPCI,
    "epci": Beneficiary.EPCI,
    "departement": Beneficiary.DEPARTMENT,
    "departements": Beneficiary.DEPARTMENT,
    "department": Beneficiary.DEPARTMENT,
    "region": Beneficiary.REGION,
    "regions": Beneficiary.REGION,
    "association": Beneficiary.ASSOCIATION,
    "associations": Beneficiary.ASSOCIATION,
    "entreprise privee": Beneficiary.COMPANY,
    "entreprises privees": Beneficiary.COMPANY,
    "private sector": Beneficiary.COMPANY,
    "entreprise publique locale sem spl semop": Beneficiary.COMPANY,
    "entreprises publiques locales sem spl semop": Beneficiary.COMPANY,
    "public cies": Beneficiary.COMPANY,
    "etablissement public dont services de l etat": Beneficiary.PUBLIC_BODY,
    "etablissement public": Beneficiary.PUBLIC_BODY,
    "etablissements publics ecoles bibliotheques services de l etat": Beneficiary.PUBLIC_BODY,
    "etablissements publics": Beneficiary.PUBLIC_BODY,
    "public org": Beneficiary.PUBLIC_BODY,
    "agriculteur": Beneficiary.FARMER,
    "agriculteurs": Beneficiary.FARMER,
    "farmer": Beneficiary.FARMER,
    "particulier": Beneficiary.INDIVIDUAL,
    "particuliers": Beneficiary.INDIVIDUAL,
    "private person": Beneficiary.INDIVIDUAL,
    "recherche": Beneficiary.RESEARCH,
    "researcher": Beneficiary.RESEARCH,
    "collectivites d outre mer a statuts particuliers": Beneficiary.OVERSEAS,
    "collectivite d outre mer a statut particulier": Beneficiary.OVERSEAS,
    "special status": Beneficiary.OVERSEAS,
}

_AID_TYPES = [
    ("subvention", AidKind.GRANT),
    ("pret", AidKind.LOAN),
    ("avance", AidKind.LOAN),
    ("ingenierie", AidKind.ENGINEERING),
    ("formation", AidKind.TRAINING),
]

_RECURRENCES = {
    "ponctuelle": Recurrence.ONE_OFF,
    "oneoff": Recurrence.ONE_OFF,
    "permanente": Recurrence.PERMANENT,
    "ongoing": Recurrence.PERMANENT,
    "recurrente": Recurrence.RECURRING,
    "recurring": Recurrence.RECURRING,
}

_NATIONAL = {"france", "france entiere", "europe", "national", "fr", "france metropolitaine", "monde"}
# "(Pays)", "(Continent)", "(Métropole)": wider than any territory of the COG, i.e. national.
_NATIONAL_SCALES = {"pays", "continent", "metropole", "country", "france"}
_SCALES = {
    "commune": Kind.MUNICIPALITY,
    "epci": Kind.EPCI,
    "intercommunalite": Kind.EPCI,
    "departement": Kind.DEPARTMENT,
    "region": Kind.REGION,
}
_ADHOC_SCALES = {"adhoc", "ad hoc", "bassin hydrographique", "outre mer", "bassin"}
# Every kind of space Aides-territoires writes (non-breaking, narrow non-breaking, thin).
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# "Name (Scale)" or "Name (Scale – codes)": the last parenthesised group.
_SCALE = re.compile(r"^(?P<name>.*\S)\s*\((?P<inside>[^()]*)\)\s*$")
_POSTCODE = re.compile(r"\b\d[0-9AB]\d{3}\b")


class Rejected(Exception):
    """An entry that cannot be imported; the message (French) goes into the report."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    closed: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    # Ad-hoc perimeters created as territoires de projet (to be completed by the animators).
    perimeters: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (
            f"{len(self.created)} créée(s), {len(self.updated)} mise(s) à jour, "
            f"{len(self.unchanged)} inchangée(s), {len(self.rejected)} rejetée(s)"
        )
        if self.closed:
            text += f", {len(self.closed)} clôturée(s)"
        return text

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "closed": self.closed,
            "rejected": [list(item) for item in self.rejected],
            "perimeters": self.perimeters,
        }

    def as_text(self) -> str:
        lines = [self.summary()]
        for label, items in (
            ("Créées", self.created),
            ("Mises à jour", self.updated),
            ("Clôturées (retirées de la source)", self.closed),
            ("Périmètres ad hoc créés", self.perimeters),
        ):
            if items:
                lines.append(f"{label} :")
                lines.extend(f"  - {item}" for item in items)
        if self.rejected:
            lines.append("Rejetées :")
            lines.extend(f"  - {ref} : {reason}" for ref, reason in self.rejected)
        return "\n".join(lines)


# --- Small parsers -----------------------------------------------------------------------------------


def _name(value) -> str:
    """Aides-territoires lists are strings or {"id", "name"} objects depending on the version."""
    if isinstance(value, dict):
        return str(value.get("name") or "").strip()
    return str(value or "").strip()


def _as_list(value, label: str) -> list:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise Rejected(f"« {label} » doit être une liste.")
    return value


def _date(value, label: str):
    if value in (None, ""):
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise Rejected(f"date « {label} » invalide : {value!r} (attendu AAAA-MM-JJ).") from None


def _percent(value, label: str):
    if value in (None, ""):
        return None
    try:
        number = round(float(value))
    except (TypeError, ValueError):
        raise Rejected(f"taux « {label} » invalide : {value!r}.") from None
    if not 0 <= number <= 100:
        raise Rejected(f"taux « {label} » hors de 0 à 100 : {value!r}.")
    return number


def _amount(value, label: str):
    if value in (None, ""):
        return None
    try:
        number = round(float(value))
    except (TypeError, ValueError):
        raise Rejected(f"montant « {label} » invalide : {value!r}.") from None
    if number < 0:
        raise Rejected(f"montant « {label} » négatif : {value!r}.")
    return number


def _url(value) -> str:
    value = str(value or "").strip()
    if value.startswith("/"):
        return AIDES_TERRITOIRES_SITE + value
    return value if value.startswith(("http://", "https://")) else ""


class _Lookups:
    """Per-import caches: one query per distinct name, not per aid."""

    def __init__(self):
        from apps.directory.models import Organisation

        self.organisations = {normalize(o.name): o for o in Organisation.objects.only("pk", "name")}
        self.themes = {}
        for theme in Theme.objects.all():
            self.themes[normalize(theme.name)] = theme
            self.themes[theme.slug] = theme
        self.perimeters: dict[str, Territory | Rejected | None] = {}
        self.created_perimeters: list[str] = []

    def perimeter_from_name(self, value) -> Territory | None:
        """Resolve an Aides-territoires perimeter label against the COG, by name and kind:

        - "Hérault (Département)", "Occitanie (Région)", "CA du Grand Narbonne (EPCI)";
        - "Montpellier (Commune – 34000, 34070, …)" (non-breaking spaces around an en dash, the
          postal codes disambiguate homonyms, the list may be cut with an ellipsis);
        - "France", "Europe", "France métropolitaine": national (no perimeter);
        - "Oise (60)": a name and a code;
        - a bare name: a région, département, EPCI or territoire de projet of that name, else an
          ad-hoc perimeter of Aides-territoires ("Bassin Rhône-Méditerranée", a PNR…), kept as a
          territoire de projet (created once, reported, members to be filled in by the animators).
        """
        raw = _SPACES.sub(" ", _name(value)).strip()
        key = normalize(raw)
        if not key or key in _NATIONAL:
            return None
        if key not in self.perimeters:
            try:
                self.perimeters[key] = self._resolve_perimeter(raw)
            except Rejected as exc:
                self.perimeters[key] = exc
        found = self.perimeters[key]
        if isinstance(found, Rejected):
            raise found
        return found

    def _resolve_perimeter(self, raw: str) -> Territory | None:
        name, scale, codes = raw, "", []
        match = _SCALE.match(raw)
        if match:
            inside = match.group("inside")
            scale_part, _, rest = inside.partition("–") if "–" in inside else inside.partition(" - ")
            scale = normalize(scale_part)
            codes = _POSTCODE.findall(rest)
            name = match.group("name").strip()
            if re.fullmatch(r"[0-9AB]{2,9}", inside.strip(), re.IGNORECASE):
                found = Territory.objects.filter(
                    code=inside.strip().upper(), search_name=normalize(name), is_current=True
                ).first()
                if found is None:
                    raise Rejected(f"périmètre inconnu : « {raw} ».")
                return found
        key = normalize(name)
        if scale in _NATIONAL_SCALES or key in _NATIONAL:
            return None
        if scale == "commune":
            return self._commune(raw, key, codes)
        kind = _SCALES.get(scale)
        if kind is not None:
            found = self._unique(raw, kind, key)
            if found is None and kind == Kind.EPCI:
                found = self._adhoc(name)
            if found is None:
                raise Rejected(f"périmètre inconnu : « {raw} » ({Kind(kind).label.lower()} absent du COG).")
            return found
        if scale and scale not in _ADHOC_SCALES:
            # An unknown scale: read the whole label as a name.
            name, key = raw, normalize(raw)
        for kind in (Kind.REGION, Kind.DEPARTMENT, Kind.EPCI, Kind.PROJECT, Kind.EPT):
            found = self._unique(raw, kind, key)
            if found is not None:
                return found
        if not scale:
            found = self._unique(raw, Kind.MUNICIPALITY, key)
            if found is not None:
                return found
        return self._adhoc(name)

    def _unique(self, raw: str, kind: str, key: str) -> Territory | None:
        matches = list(Territory.objects.filter(kind=kind, search_name=key, is_current=True)[:2])
        if len(matches) > 1:
            raise Rejected(f"périmètre ambigu : « {raw} » (plusieurs {Kind(kind).label.lower()}s de ce nom).")
        return matches[0] if matches else None

    def _commune(self, raw: str, key: str, codes: list[str]) -> Territory:
        candidates = list(Territory.objects.filter(kind=Kind.MUNICIPALITY, search_name=key, is_current=True))
        if len(candidates) > 1 and codes:
            by_postcode = [c for c in candidates if set(c.postcodes.split()) & set(codes)]
            if not by_postcode:
                departements = {code[:3] if code.startswith("97") else code[:2] for code in codes}
                by_postcode = [c for c in candidates if c.departement_code in departements]
            candidates = by_postcode
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise Rejected(f"commune inconnue : « {raw} ».")
        raise Rejected(f"commune ambiguë : « {raw} » (plusieurs communes de ce nom, codes postaux absents).")

    def _adhoc(self, name: str) -> Territory:
        """An Aides-territoires perimeter the COG does not know: a territoire de projet of that name."""
        from apps.territories.models import ProjectKind
        from apps.territories.services import project_territory_create

        existing = self._unique(name, Kind.PROJECT, normalize(name))
        if existing is not None:
            return existing
        territory = project_territory_create(
            name=name[:200],
            project_kind=ProjectKind.OTHER,
            description=(
                "Périmètre ad hoc d'Aides-territoires, créé par l'import des aides. "
                "Ajoutez-lui ses communes ou EPCI pour que la recherche par territoire trouve ses aides."
            ),
        )
        self.created_perimeters.append(name)
        return territory

    def perimeter_from_code(self, value) -> Territory | None:
        if value in (None, "", "FR"):
            return None
        if not isinstance(value, dict):
            raise Rejected("« perimetre » doit être un objet {niveau, code} ou null.")
        level, code = str(value.get("niveau") or ""), str(value.get("code") or "")
        if level in ("national", "") and code in ("", "FR"):
            return None
        level = KIND_BY_URL_SEGMENT.get(level, level)  # the French word (`departement`) also works
        if level not in Kind.values:
            raise Rejected(f"niveau de périmètre inconnu : « {level} ».")
        found = Territory.objects.filter(kind=level, code=code).first()
        if found is None:
            raise Rejected(f"périmètre inconnu : {level} {code}.")
        return found

    def organisations_and_rest(self, names) -> tuple[list, list[str]]:
        found, rest = [], []
        for name in names:
            org = self.organisations.get(normalize(name))
            if org is not None:
                found.append(org)
            elif name:
                rest.append(name)
        return found, rest

    def themes_from(self, values) -> list:
        themes = []
        for value in values:
            # Aides-territoires categories are "Thème|Sous-thème": try the sub-theme, then the theme.
            for part in reversed(str(value).split("|")):
                theme = self.themes.get(normalize(part)) or self.themes.get(part.strip())
                if theme is not None and theme not in themes:
                    themes.append(theme)
                    break
        return themes


# --- Mapping of each format to our fields ------------------------------------------------------------


def _from_aides_territoires(item: dict, lookups: _Lookups) -> dict:
    if item.get("id") in (None, ""):
        raise Rejected("identifiant « id » manquant.")
    title = str(item.get("name") or item.get("short_title") or "").strip()
    if not title:
        raise Rejected("intitulé « name » manquant.")
    beneficiaries = []
    for audience in _as_list(item.get("targeted_audiences"), "targeted_audiences"):
        code = _AUDIENCES.get(normalize(_name(audience)))
        if code and code not in beneficiaries:
            beneficiaries.append(code)
    if not beneficiaries:
        raise Rejected("aucun bénéficiaire reconnu dans « targeted_audiences ».")
    kind = AidKind.OTHER
    type_names = [normalize(_name(t)) for t in _as_list(item.get("aid_types"), "aid_types")]
    for needle, value in _AID_TYPES:
        if any(needle in name for name in type_names):
            kind = value
            break
    if item.get("is_call_for_project") and kind in (AidKind.OTHER, AidKind.GRANT):
        kind = AidKind.CALL_FOR_PROJECTS
    funders, funders_rest = lookups.organisations_and_rest(
        [_name(f) for f in _as_list(item.get("financers"), "financers")]
    )
    instructors, _ = lookups.organisations_and_rest(
        [_name(i) for i in _as_list(item.get("instructors"), "instructors")]
    )
    description = str(item.get("description") or "")
    if item.get("eligibility"):
        description += "\n\n## Conditions d'éligibilité\n\n" + str(item["eligibility"])
    rate_min = _percent(item.get("subvention_rate_lower_bound"), "subvention_rate_lower_bound")
    rate_max = _percent(item.get("subvention_rate_upper_bound"), "subvention_rate_upper_bound")
    if rate_min is not None and rate_max is not None and rate_min > rate_max:
        raise Rejected("taux minimum supérieur au taux maximum.")
    loan = _amount(item.get("loan_amount") or item.get("recoverable_advance_amount"), "loan_amount")
    recurrence = _RECURRENCES.get(
        normalize(_name(item.get("recurrence"))).replace(" ", ""), Recurrence.ONE_OFF
    )
    return {
        "external_id": str(item["id"]),
        "fields": {
            "title": title[:255],
            "description": description,
            "kind": kind,
            "beneficiaries": encode_beneficiaries(beneficiaries),
            "perimeter": lookups.perimeter_from_name(item.get("perimeter")),
            "funders_text": ", ".join(funders_rest)[:500],
            "rate_min": rate_min,
            "rate_max": rate_max,
            "amount_max": loan,
            "funding_comment": str(item.get("subvention_comment") or "")[:500],
            "open_date": _date(item.get("start_date"), "start_date"),
            "close_date": _date(item.get("submission_deadline"), "submission_deadline"),
            "recurrence": recurrence,
            "url": _url(item.get("origin_url") or item.get("application_url") or item.get("url"))[:500],
            "contact": str(item.get("contact") or ""),
        },
        "funders": funders,
        "instructors": instructors,
        "themes": lookups.themes_from(_as_list(item.get("categories"), "categories")),
    }


# The French codes of the neutral format before codes became English (files written by hand or
# exported from an older Maillage keep importing).
_FORMER_NEUTRAL_CODES: dict[str, dict[str, str]] = {
    "nature": {
        "subvention": AidKind.GRANT,
        "pret": AidKind.LOAN,
        "ingenierie": AidKind.ENGINEERING,
        "appel": AidKind.CALL_FOR_PROJECTS,
        "formation": AidKind.TRAINING,
        "autre": AidKind.OTHER,
    },
    "beneficiaires": {
        "commune": Beneficiary.MUNICIPALITY,
        "departement": Beneficiary.DEPARTMENT,
        "entreprise": Beneficiary.COMPANY,
        "etablissement_public": Beneficiary.PUBLIC_BODY,
        "agriculteur": Beneficiary.FARMER,
        "particulier": Beneficiary.INDIVIDUAL,
        "recherche": Beneficiary.RESEARCH,
        "outre_mer": Beneficiary.OVERSEAS,
    },
    "recurrence": {
        "ponctuelle": Recurrence.ONE_OFF,
        "recurrente": Recurrence.RECURRING,
        "permanente": Recurrence.PERMANENT,
    },
}


def _neutral_code(key: str, value) -> str:
    value = str(value or "")
    return _FORMER_NEUTRAL_CODES[key].get(value, value)


def _from_neutral(item: dict, lookups: _Lookups) -> dict:
    if item.get("id") in (None, ""):
        raise Rejected("identifiant « id » manquant.")
    title = str(item.get("intitule") or "").strip()
    if not title:
        raise Rejected("« intitule » manquant.")
    kind = _neutral_code("nature", item.get("nature"))
    if kind not in AidKind.values:
        raise Rejected(f"nature inconnue : « {kind} » (valeurs : {', '.join(AidKind.values)}).")
    beneficiaries = [
        _neutral_code("beneficiaires", b) if isinstance(b, str) else b
        for b in _as_list(item.get("beneficiaires"), "beneficiaires")
    ]
    unknown = [b for b in beneficiaries if b not in Beneficiary.values]
    if unknown or not beneficiaries:
        raise Rejected(f"bénéficiaires invalides ou absents : {unknown or '[]'}.")
    recurrence = _neutral_code("recurrence", item.get("recurrence") or Recurrence.ONE_OFF)
    if recurrence not in Recurrence.values:
        raise Rejected(f"récurrence inconnue : « {recurrence} ».")
    funders, funders_rest = lookups.organisations_and_rest(
        [str(f) for f in _as_list(item.get("financeurs"), "financeurs")]
    )
    instructors, _ = lookups.organisations_and_rest(
        [str(i) for i in _as_list(item.get("instructeurs"), "instructeurs")]
    )
    rate_min = _percent(item.get("taux_min"), "taux_min")
    rate_max = _percent(item.get("taux_max"), "taux_max")
    if rate_min is not None and rate_max is not None and rate_min > rate_max:
        raise Rejected("taux minimum supérieur au taux maximum.")
    return {
        "external_id": str(item["id"]),
        "fields": {
            "title": title[:255],
            "description": str(item.get("description") or ""),
            "kind": kind,
            "beneficiaries": encode_beneficiaries(beneficiaries),
            "perimeter": lookups.perimeter_from_code(item.get("perimetre")),
            "funders_text": ", ".join(funders_rest)[:500],
            "rate_min": rate_min,
            "rate_max": rate_max,
            "amount_max": _amount(item.get("montant_max"), "montant_max"),
            "budget": _amount(item.get("enveloppe"), "enveloppe"),
            "funding_comment": str(item.get("precisions") or "")[:500],
            "open_date": _date(item.get("ouverture"), "ouverture"),
            "close_date": _date(item.get("cloture"), "cloture"),
            "recurrence": recurrence,
            "url": _url(item.get("lien"))[:500],
            "contact": str(item.get("contact") or ""),
        },
        "funders": funders,
        "instructors": instructors,
        "themes": lookups.themes_from(_as_list(item.get("thematiques"), "thematiques")),
    }


def _entries(data, fmt: str) -> tuple[list, str]:
    """The list of aids in a payload, and the source name to key them by."""
    if fmt == ImportFormat.AIDES_TERRITOIRES:
        if isinstance(data, dict):
            data = data.get("results")
        if not isinstance(data, list):
            raise Rejected(
                'format Aides-territoires attendu : une liste d\'aides ou un objet {"results": [...]}.'
            )
        return data, "aides-territoires"
    if isinstance(data, dict):
        source = str(data.get("source") or "neutre")[:40]
        data = data.get("aides")
    else:
        source = "neutre"
    if not isinstance(data, list):
        raise Rejected('format neutre attendu : un objet {"source": ..., "aides": [...]}.')
    return data, source


def aid_import_data(*, data, fmt: str, user=None) -> ImportReport:
    """Import already-decoded JSON. Each entry is saved in its own savepoint: one bad entry never
    spoils the others."""
    report = ImportReport()
    try:
        entries, source = _entries(data, fmt)
    except Rejected as exc:
        report.rejected.append(("fichier", str(exc)))
        return report
    importer = _EntryImporter(fmt=fmt, source=source, user=user, report=report)
    importer.run(entries)
    report.perimeters = importer.lookups.created_perimeters
    return report


class _EntryImporter:
    """Maps and upserts entries one by one; remembers which source ids it saw (for closing) and
    skips, without mapping them, aids whose `date_updated` did not change since the last run."""

    def __init__(self, *, fmt: str, source: str, user, report: ImportReport, incremental: bool = False):
        self.fmt, self.source, self.user, self.report = fmt, source, user, report
        self.mapper = _from_aides_territoires if fmt == ImportFormat.AIDES_TERRITOIRES else _from_neutral
        self.lookups = _Lookups()
        self.seen: set[str] = set()
        self.position = 0
        self.known = {}
        if incremental:
            self.known = {
                external_id: (updated_at, withdrawn_at)
                for external_id, updated_at, withdrawn_at in Aid.objects.filter(source=source).values_list(
                    "external_id", "source_updated_at", "withdrawn_at"
                )
            }

    def run(self, entries) -> None:
        from apps.aids.services import _search_index

        for item in entries:
            self.position += 1
            ref = f"n° {self.position}"
            if isinstance(item, dict) and item.get("id") not in (None, ""):
                ref = f"n° {self.position} (id {item['id']})"
                self.seen.add(str(item["id"]))
            try:
                if not isinstance(item, dict):
                    raise Rejected("chaque aide doit être un objet JSON.")
                source_updated_at = _datetime(item.get("date_updated"))
                known = self.known.get(str(item.get("id")))
                if known and source_updated_at and known == (source_updated_at, None):
                    self.report.unchanged.append(f"{item.get('name') or ''} ({self.source} {item['id']})")
                    continue
                mapped = self.mapper(item, self.lookups)
                fields = mapped["fields"]
                fields["source_updated_at"] = source_updated_at
                fields["withdrawn_at"] = None
                if (
                    fields["open_date"]
                    and fields["close_date"]
                    and fields["open_date"] > fields["close_date"]
                ):
                    raise Rejected("date d'ouverture postérieure à la date de clôture.")
                with transaction.atomic():
                    outcome, aid = _upsert(source=self.source, mapped=mapped, user=self.user)
            except Rejected as exc:
                self.report.rejected.append((ref, str(exc)))
                continue
            label = f"{aid.title} ({self.source} {mapped['external_id']})"
            getattr(self.report, outcome).append(label)
            if outcome != "unchanged":
                _search_index(aid)

    def close_unlisted(self) -> None:
        """Aids of this source that the complete listing no longer contains: closed, not deleted
        (members may have saved or shared them; the source may list them again)."""
        from apps.aids.services import aid_withdraw

        stale = Aid.objects.filter(source=self.source, withdrawn_at__isnull=True).exclude(
            external_id__in=self.seen
        )
        for aid in stale:
            aid_withdraw(aid=aid)
            self.report.closed.append(f"{aid.title} ({self.source} {aid.external_id})")


def _datetime(value):
    if value in (None, ""):
        return None
    try:
        parsed = datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, datetime.UTC)
    return parsed


def _upsert(*, source: str, mapped: dict, user) -> tuple[str, Aid]:
    fields = mapped["fields"]
    aid = Aid.objects.filter(source=source, external_id=mapped["external_id"]).first()
    if aid is None:
        aid = Aid(source=source, external_id=mapped["external_id"], created_by=user, **fields)
        aid.save()
        outcome = "created"
    else:
        changed = [name for name, value in fields.items() if getattr(aid, name) != value]
        for name in changed:
            setattr(aid, name, fields[name])
        if changed:
            aid.save()
        outcome = "updated" if changed else "unchanged"
    for relation in ("funders", "instructors", "themes"):
        manager = getattr(aid, relation)
        wanted = {obj.pk for obj in mapped[relation]}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(mapped[relation])
            if relation == "themes":
                aid.search_text_refresh()
            if outcome == "unchanged":
                outcome = "updated"
    return outcome, aid


def aid_import_file(*, path, fmt: str, user=None) -> ImportReport:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        report = ImportReport()
        report.rejected.append(("fichier", f"lecture impossible : {exc}"))
        return report
    return aid_import_data(data=data, fmt=fmt, user=user)


def aid_import_run(*, aid_import: AidImport, user=None) -> ImportReport:
    """Run an import (an uploaded file, or an API address read page by page) and keep its report."""
    aid_import.status = ImportStatus.RUNNING
    aid_import.save(update_fields=["status"])
    error = ""
    if aid_import.url:
        report, error = aid_import_url(url=aid_import.url, user=user or aid_import.uploaded_by)
    else:
        try:
            with aid_import.file.open("rb") as handle:
                data = json.loads(handle.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
            report = ImportReport()
            report.rejected.append(("fichier", f"lecture impossible : {exc}"))
        else:
            report = aid_import_data(data=data, fmt=aid_import.format, user=user)
    aid_import.ran_at = timezone.now()
    aid_import.status = ImportStatus.FAILED if error else ImportStatus.DONE
    aid_import.error = error
    aid_import.created_count = len(report.created)
    aid_import.updated_count = len(report.updated)
    aid_import.unchanged_count = len(report.unchanged)
    aid_import.closed_count = len(report.closed)
    aid_import.rejected_count = len(report.rejected)
    aid_import.report = report.as_text()
    aid_import.details = report.as_dict()
    aid_import.save()
    return report


# --- Import by address from the Aides-territoires API ----------------------------------------------

MAX_PAGE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 2000


class FetchError(Exception):
    """The source cannot be read; the message (French) goes into the report."""


def check_import_url(url: str) -> None:
    """An import address must be https (or http for a host the operator allowed explicitly, e.g. a
    local test instance) on a host of MAILLAGE_AIDS_IMPORT_HOSTS, and pass the SSRF guard."""
    from urllib.parse import urlsplit

    from django.conf import settings

    from apps.core import net

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"Adresse refusée : {url} (http ou https seulement).")
    allowed = [host.lower() for host in settings.MAILLAGE_AIDS_IMPORT_HOSTS]
    host = (parts.hostname or "").lower()
    if host not in allowed:
        raise FetchError(
            f"Hôte non autorisé : « {host} ». Hôtes autorisés par l'exploitant : {', '.join(allowed) or 'aucun'}."
        )
    try:
        net.guard(url, allow_private=settings.MAILLAGE_AIDS_IMPORT_ALLOW_PRIVATE)
    except net.PrivateAddress as exc:
        raise FetchError(str(exc)) from None


def _fetch_json(url: str, *, headers: dict):
    import urllib.error
    import urllib.request

    from apps.core import net

    check_import_url(url)
    opener = net.guarded_opener(check_import_url)
    request = urllib.request.Request(
        url, headers={"User-Agent": "Maillage-aides/1.0", "Accept": "application/json", **headers}
    )
    try:
        with opener.open(request, timeout=60) as response:
            body = response.read(MAX_PAGE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} : réponse HTTP {exc.code}.") from None
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(f"{url} : lecture impossible ({getattr(exc, 'reason', exc)}).") from None
    if len(body) > MAX_PAGE_BYTES:
        raise FetchError(f"{url} : page de plus de {MAX_PAGE_BYTES // 1024 // 1024} Mo.")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"{url} : ce n'est pas du JSON ({exc}).") from None


def _auth_headers(url: str) -> dict:
    """Aides-territoires API: an API key (X-AUTH-TOKEN) is exchanged for a bearer token at
    /api/connexion/. Without a key configured, pages are read anonymously."""
    from urllib.parse import urljoin

    from django.conf import settings

    key = settings.MAILLAGE_AIDES_TERRITOIRES_API_KEY
    if not key:
        return {}
    answer = _fetch_json(urljoin(url, "/api/connexion/"), headers={"X-AUTH-TOKEN": key})
    token = answer.get("token") if isinstance(answer, dict) else None
    if not token:
        raise FetchError("Connexion à l'API Aides-territoires refusée : pas de jeton dans la réponse.")
    return {"Authorization": f"Bearer {token}"}


def aid_import_url(*, url: str, user=None) -> tuple[ImportReport, str]:
    """Read every page of an Aides-territoires API listing (`results` + `next`), upsert the aids
    (skipping those whose `date_updated` did not change), then close the aids of this source that
    the listing no longer contains. Returns the report and an error message ("" when complete).

    A listing that cannot be read to the end closes nothing: a network failure on page 40 must
    not close the aids of pages 41 and after."""
    report = ImportReport()
    importer = _EntryImporter(
        fmt=ImportFormat.AIDES_TERRITOIRES,
        source="aides-territoires",
        user=user,
        report=report,
        incremental=True,
    )
    error = ""
    try:
        headers = _auth_headers(url)
        next_url, pages = url, 0
        while next_url:
            pages += 1
            if pages > MAX_PAGES:
                raise FetchError(f"Plus de {MAX_PAGES} pages : import interrompu.")
            page = _fetch_json(next_url, headers=headers)
            if not isinstance(page, dict) or not isinstance(page.get("results"), list):
                raise FetchError(f'{next_url} : réponse inattendue (objet {{"results": [...]}} attendu).')
            importer.run(page["results"])
            next_url = page.get("next") or ""
    except FetchError as exc:
        error = str(exc)
    else:
        importer.close_unlisted()
    report.perimeters = importer.lookups.created_perimeters
    return report, error
