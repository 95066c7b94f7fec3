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
    Recurrence,
    encode_beneficiaries,
)
from apps.core.text import normalize
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme

AIDES_TERRITOIRES_SITE = "https://aides-territoires.beta.gouv.fr"

# Aides-territoires labels (and the slugs of its older API versions) -> our beneficiaries.
_AUDIENCES = {
    "commune": Beneficiary.COMMUNE,
    "communes": Beneficiary.COMMUNE,
    "intercommunalite pays": Beneficiary.EPCI,
    "intercommunalite": Beneficiary.EPCI,
    "epci": Beneficiary.EPCI,
    "departement": Beneficiary.DEPARTEMENT,
    "department": Beneficiary.DEPARTEMENT,
    "region": Beneficiary.REGION,
    "association": Beneficiary.ASSOCIATION,
    "associations": Beneficiary.ASSOCIATION,
    "entreprise privee": Beneficiary.ENTREPRISE,
    "entreprises privees": Beneficiary.ENTREPRISE,
    "private sector": Beneficiary.ENTREPRISE,
    "entreprise publique locale sem spl semop": Beneficiary.ENTREPRISE,
    "public cies": Beneficiary.ENTREPRISE,
    "etablissement public dont services de l etat": Beneficiary.ETABLISSEMENT_PUBLIC,
    "etablissement public": Beneficiary.ETABLISSEMENT_PUBLIC,
    "public org": Beneficiary.ETABLISSEMENT_PUBLIC,
    "agriculteur": Beneficiary.AGRICULTEUR,
    "agriculteurs": Beneficiary.AGRICULTEUR,
    "farmer": Beneficiary.AGRICULTEUR,
    "particulier": Beneficiary.PARTICULIER,
    "particuliers": Beneficiary.PARTICULIER,
    "private person": Beneficiary.PARTICULIER,
    "recherche": Beneficiary.RECHERCHE,
    "researcher": Beneficiary.RECHERCHE,
}

_AID_TYPES = [
    ("subvention", AidKind.SUBVENTION),
    ("pret", AidKind.PRET),
    ("avance", AidKind.PRET),
    ("ingenierie", AidKind.INGENIERIE),
    ("formation", AidKind.FORMATION),
]

_RECURRENCES = {
    "ponctuelle": Recurrence.PONCTUELLE,
    "oneoff": Recurrence.PONCTUELLE,
    "permanente": Recurrence.PERMANENTE,
    "ongoing": Recurrence.PERMANENTE,
    "recurrente": Recurrence.RECURRENTE,
    "recurring": Recurrence.RECURRENTE,
}

_NATIONAL = {"france", "france entiere", "europe", "national", "fr", "france metropolitaine"}
_CODE_IN_PARENS = re.compile(r"\(([0-9AB]{2,9})\)\s*$", re.IGNORECASE)


class Rejected(Exception):
    """An entry that cannot be imported; the message (French) goes into the report."""


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} créée(s), {len(self.updated)} mise(s) à jour, "
            f"{len(self.unchanged)} inchangée(s), {len(self.rejected)} rejetée(s)"
        )

    def as_text(self) -> str:
        lines = [self.summary()]
        for label, items in (("Créées", self.created), ("Mises à jour", self.updated)):
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
        self.perimeters: dict[str, Territory | None] = {}

    def perimeter_from_name(self, value: str) -> Territory | None:
        """Aides-territoires gives a perimeter's name ("Oise", "CA de la Région de Compiègne")."""
        raw = _name(value)
        key = normalize(raw)
        if not key or key in _NATIONAL:
            return None
        if key in self.perimeters:
            found = self.perimeters[key]
            if found is None:
                raise Rejected(f"périmètre inconnu : « {raw} ».")
            return found
        found = None
        code = _CODE_IN_PARENS.search(raw)
        if code:
            name = normalize(raw[: code.start()])
            found = Territory.objects.filter(code=code.group(1).upper(), search_name=name).first()
        if found is None:
            for kind in (Kind.REGION, Kind.DEPARTEMENT, Kind.EPCI, Kind.PROJET, Kind.EPT, Kind.COMMUNE):
                matches = list(Territory.objects.filter(kind=kind, search_name=key, is_current=True)[:2])
                if len(matches) > 1:
                    raise Rejected(f"périmètre ambigu : « {raw} » (plusieurs {Kind(kind).label.lower()}s).")
                if matches:
                    found = matches[0]
                    break
        self.perimeters[key] = found
        if found is None:
            raise Rejected(f"périmètre inconnu : « {raw} ».")
        return found

    def perimeter_from_code(self, value) -> Territory | None:
        if value in (None, "", "FR"):
            return None
        if not isinstance(value, dict):
            raise Rejected("« perimetre » doit être un objet {niveau, code} ou null.")
        level, code = str(value.get("niveau") or ""), str(value.get("code") or "")
        if level in ("national", "") and code in ("", "FR"):
            return None
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
    kind = AidKind.AUTRE
    type_names = [normalize(_name(t)) for t in _as_list(item.get("aid_types"), "aid_types")]
    for needle, value in _AID_TYPES:
        if any(needle in name for name in type_names):
            kind = value
            break
    if item.get("is_call_for_project") and kind in (AidKind.AUTRE, AidKind.SUBVENTION):
        kind = AidKind.APPEL
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
        normalize(_name(item.get("recurrence"))).replace(" ", ""), Recurrence.PONCTUELLE
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


def _from_neutral(item: dict, lookups: _Lookups) -> dict:
    if item.get("id") in (None, ""):
        raise Rejected("identifiant « id » manquant.")
    title = str(item.get("intitule") or "").strip()
    if not title:
        raise Rejected("« intitule » manquant.")
    kind = str(item.get("nature") or "")
    if kind not in AidKind.values:
        raise Rejected(f"nature inconnue : « {kind} » (valeurs : {', '.join(AidKind.values)}).")
    beneficiaries = _as_list(item.get("beneficiaires"), "beneficiaires")
    unknown = [b for b in beneficiaries if b not in Beneficiary.values]
    if unknown or not beneficiaries:
        raise Rejected(f"bénéficiaires invalides ou absents : {unknown or '[]'}.")
    recurrence = str(item.get("recurrence") or Recurrence.PONCTUELLE)
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
    from apps.aids.services import _search_index

    report = ImportReport()
    try:
        entries, source = _entries(data, fmt)
    except Rejected as exc:
        report.rejected.append(("fichier", str(exc)))
        return report
    mapper = _from_aides_territoires if fmt == ImportFormat.AIDES_TERRITOIRES else _from_neutral
    lookups = _Lookups()
    for position, item in enumerate(entries, start=1):
        ref = f"n° {position}"
        if isinstance(item, dict) and item.get("id") not in (None, ""):
            ref = f"n° {position} (id {item['id']})"
        try:
            if not isinstance(item, dict):
                raise Rejected("chaque aide doit être un objet JSON.")
            mapped = mapper(item, lookups)
            fields = mapped["fields"]
            if fields["open_date"] and fields["close_date"] and fields["open_date"] > fields["close_date"]:
                raise Rejected("date d'ouverture postérieure à la date de clôture.")
            with transaction.atomic():
                outcome, aid = _upsert(source=source, mapped=mapped, user=user)
        except Rejected as exc:
            report.rejected.append((ref, str(exc)))
            continue
        label = f"{aid.title} ({source} {mapped['external_id']})"
        getattr(report, outcome).append(label)
        if outcome != "unchanged":
            _search_index(aid)
    return report


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
    """Run an import uploaded in the admin and keep its report on the row."""
    try:
        with aid_import.file.open("rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValueError) as exc:
        report = ImportReport()
        report.rejected.append(("fichier", f"lecture impossible : {exc}"))
    else:
        report = aid_import_data(data=data, fmt=aid_import.format, user=user)
    aid_import.ran_at = timezone.now()
    aid_import.created_count = len(report.created)
    aid_import.updated_count = len(report.updated)
    aid_import.rejected_count = len(report.rejected)
    aid_import.report = report.as_text()
    aid_import.save()
    return report
