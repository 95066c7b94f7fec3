"""Every write of meeting-format plans. Keyword-only, named <entity>_<action>."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from apps.core.french import normalize
from apps.directory.models import Organisation, PersonCategory
from apps.events.models import Event, Registration, RegistrationStatus
from apps.rotations import planner
from apps.rotations.models import Format, Participant, RotationPlan, Seat, Source, new_seed
from apps.territories.models import Kind, Territory

if TYPE_CHECKING:
    from apps.accounts.models import User


class RotationError(ValueError):
    """A French message for the coordinator."""


# -- plans ----------------------------------------------------------------------------------------


def plan_create(
    *,
    event: Event,
    by: User,
    title: str,
    format: str,
    tables: int,
    seats: int,
    rounds: int,
    round_minutes: int = 10,
    break_minutes: int = 2,
    starts_at: datetime | None = None,
    table_labels: str = "",
) -> RotationPlan:
    return RotationPlan.objects.create(
        event=event,
        created_by=by,
        title=title,
        format=format,
        tables=tables,
        seats=seats,
        rounds=rounds,
        round_minutes=round_minutes,
        break_minutes=break_minutes,
        starts_at=starts_at,
        table_labels=table_labels,
    )


SETTINGS_FIELDS = (
    "title",
    "format",
    "tables",
    "seats",
    "rounds",
    "round_minutes",
    "break_minutes",
    "starts_at",
    "table_labels",
)
# Changing these invalidates the rounds still to come (not the ones already held).
LAYOUT_FIELDS = ("tables", "seats", "rounds")


@transaction.atomic
def plan_update(*, plan: RotationPlan, **changes: Any) -> RotationPlan:
    unknown = set(changes) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if changes.get("rounds", plan.rounds) < plan.rounds_done:
        raise RotationError(
            f"{plan.rounds_done} tours ont déjà été joués : le plan ne peut pas en compter moins."
        )
    if plan.rounds_done and changes.get("tables", plan.tables) < _tables_used(plan, up_to=plan.rounds_done):
        raise RotationError("Des tours déjà joués utilisaient ces tables : on ne peut pas les retirer.")
    layout_changed = any(name in changes and changes[name] != getattr(plan, name) for name in LAYOUT_FIELDS)
    for name, value in changes.items():
        setattr(plan, name, value)
    if layout_changed and plan.is_generated:
        Seat.objects.filter(plan=plan, round__gt=plan.rounds_done).delete()
        plan.generated_at = None
        plan.metrics = {}
    plan.save()
    return plan


def _tables_used(plan: RotationPlan, *, up_to: int) -> int:
    last = (
        Seat.objects.filter(plan=plan, round__lte=up_to)
        .order_by("-table")
        .values_list("table", flat=True)
        .first()
    )
    return last or 0


def plan_delete(*, plan: RotationPlan) -> None:
    plan.delete()


def plan_publish(*, plan: RotationPlan, published: bool) -> RotationPlan:
    if published and not plan.is_generated:
        raise RotationError("Calculez le plan avant de le montrer aux participant·es.")
    plan.is_published = published
    plan.save(update_fields=["is_published", "updated_at"])
    return plan


def plan_set_rounds_done(*, plan: RotationPlan, rounds_done: int) -> RotationPlan:
    """The rounds already held: they are kept as they were when the plan is computed again."""
    if not 0 <= rounds_done <= plan.rounds:
        raise RotationError(f"Le nombre de tours joués doit être compris entre 0 et {plan.rounds}.")
    if rounds_done and not plan.is_generated:
        raise RotationError("Le plan n'a pas encore été calculé.")
    plan.rounds_done = rounds_done
    plan.save(update_fields=["rounds_done", "updated_at"])
    return plan


def attendees_of(
    plan: RotationPlan, participants: Iterable[Participant] | None = None
) -> list[planner.Attendee]:
    participants = participants if participants is not None else plan.participants.filter(is_absent=False)
    return [
        planner.Attendee(
            key=p.pk,
            organisation=p.organisation_key,
            category=p.category,
            departement=p.departement,
            region=p.region,
            host_table=p.host_table - 1 if p.host_table else None,
            label=p.name,
        )
        for p in participants
    ]


def history_of(plan: RotationPlan) -> list[dict[int, int]]:
    history: list[dict[int, int]] = [{} for _ in range(plan.rounds_done)]
    for participant_id, number, table in Seat.objects.filter(
        plan=plan, round__lte=plan.rounds_done
    ).values_list("participant_id", "round", "table"):
        history[number - 1][participant_id] = table - 1
    return history


@transaction.atomic
def plan_generate(*, plan: RotationPlan, new_draw: bool = False) -> planner.Plan:
    """Compute the rounds not yet held, for the participants present; keep the rounds held."""
    # One computation at a time per plan (two coordinators clicking at once): lock, then re-read.
    RotationPlan.objects.select_for_update(of=("self",)).filter(pk=plan.pk).exists()
    plan.refresh_from_db()
    participants = list(plan.participants.filter(is_absent=False))
    if len(participants) < 2:
        raise RotationError("Il faut au moins deux participant·es présent·es pour calculer un plan.")
    if new_draw and plan.rounds_done == 0:
        plan.seed = new_seed()
    try:
        result = planner.make_plan(
            attendees_of(plan, participants),
            tables=plan.tables,
            seats=plan.seats,
            rounds=plan.rounds,
            seed=plan.seed + plan.rounds_done,
            history=history_of(plan),
            avoid_same_table=plan.format == Format.WORLD_CAFE,
        )
    except planner.PlanningError as error:
        raise RotationError(str(error)) from error
    Seat.objects.filter(plan=plan, round__gt=plan.rounds_done).delete()
    Seat.objects.bulk_create(
        [
            Seat(plan=plan, participant_id=key, round=number, table=table + 1)
            for number, seating in enumerate(result.rounds, start=1)
            if number > plan.rounds_done
            for key, table in seating.items()
        ],
        batch_size=1000,
    )
    baseline = planner.random_plan(
        attendees_of(plan, participants),
        tables=plan.tables,
        seats=plan.seats,
        rounds=plan.rounds,
        seed=plan.seed,
    ).metrics
    plan.metrics = {
        **result.metrics.as_dict(),
        "baseline_repeats": baseline.repeats,
        "baseline_same_organisation_pairs": baseline.same_organisation_pairs,
        "baseline_same_category_pairs": baseline.same_category_pairs,
        "baseline_mean_categories_per_table": baseline.mean_categories_per_table,
        "kept_rounds": plan.rounds_done,
    }
    plan.generated_at = timezone.now()
    plan.save(update_fields=["seed", "metrics", "generated_at", "updated_at"])
    return result


# -- participants ---------------------------------------------------------------------------------


def _area_codes(organisation: Organisation | None) -> tuple[str, str]:
    if organisation is None:
        return "", ""
    codes = dict(
        Territory.objects.filter(pk__in=[organisation.departement_id, organisation.region_id]).values_list(
            "kind", "code"
        )
    )
    return codes.get(Kind.DEPARTMENT, ""), codes.get(Kind.REGION, "")


@transaction.atomic
def participants_from_registrations(*, plan: RotationPlan) -> int:
    """Add every confirmed registrant not already in the plan. Returns how many were added."""
    existing = set(plan.participants.exclude(user__isnull=True).values_list("user_id", flat=True))
    registrations = (
        Registration.objects.filter(event=plan.event, status=RegistrationStatus.CONFIRMED)
        .exclude(user_id__in=existing)
        .select_related("user", "user__person")
        .order_by("created_at", "pk")
    )
    added = []
    for registration in registrations:
        user = registration.user
        person = getattr(user, "person", None)
        membership = None
        if person is not None:
            membership = (
                person.memberships.filter(organisation__status="active")
                .select_related("organisation")
                .order_by("-is_referent", "pk")
                .first()
            )
        organisation = membership.organisation if membership else None
        departement, region = _area_codes(organisation)
        name = person.full_name if person is not None else (user.get_full_name() or user.email.split("@")[0])
        added.append(
            Participant(
                plan=plan,
                user=user,
                name=name,
                organisation=organisation,
                organisation_name=organisation.name if organisation else "",
                category=person.category if person is not None else "",
                departement=departement,
                region=region,
                source=Source.REGISTRATION,
            )
        )
    Participant.objects.bulk_create(added)
    return len(added)


CATEGORY_ALIASES = {
    **{normalize(label): value for value, label in PersonCategory.choices},
    **{normalize(value): value for value, _ in PersonCategory.choices},
    "elus": PersonCategory.ELECTED,
    "elue": PersonCategory.ELECTED,
    "elues": PersonCategory.ELECTED,
    "agents": PersonCategory.STAFF,
    "technicien": PersonCategory.STAFF,
    "techniciens": PersonCategory.STAFF,
    "technicienne": PersonCategory.STAFF,
    "partenaires": PersonCategory.PARTNER,
    "services de l etat": PersonCategory.STATE,
    "etat": PersonCategory.STATE,
    "ddt": PersonCategory.STATE,
    "dreal": PersonCategory.STATE,
}

# Accepted column headings (normalised) → field.
COLUMNS = {
    "nom": "last_name",
    "nom de famille": "last_name",
    "prenom": "first_name",
    "nom complet": "name",
    "participant": "name",
    "participante": "name",
    "organisation": "organisation",
    "structure": "organisation",
    "collectivite": "organisation",
    "categorie": "category",
    "categorie d acteurs": "category",
    "college": "category",
    "departement": "departement",
    "code departement": "departement",
    "courriel": "email",
    "email": "email",
    "adresse electronique": "email",
    "table animee": "host_table",
    "anime la table": "host_table",
    "animateur table": "host_table",
    "hote": "host_table",
}


@dataclass
class ImportReport:
    participants: list[Participant] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


def participants_parse(
    *, plan: RotationPlan, headers: list[str], rows: list[tuple[int, list[str]]]
) -> ImportReport:
    """Turn an imported list (the header and the (line, cells) rows that apps.core.tabular reads)
    into participants, without saving them. Every problem is reported with its line number."""
    report = ImportReport()
    if not rows:
        report.errors.append("Le fichier ne contient aucune ligne de participant·e.")
        return report
    columns = [COLUMNS.get(normalize(heading or "")) for heading in headers]
    report.unknown_columns = [h for h, f in zip(headers, columns, strict=True) if f is None and h]
    fields = set(columns)
    if not ({"name"} & fields or {"last_name", "first_name"} & fields):
        report.errors.append(
            "Colonne du nom introuvable : nommez-la « Nom » (et « Prénom »), ou « Nom complet »."
        )
        return report
    departements = dict(Territory.objects.filter(kind=Kind.DEPARTMENT).values_list("code", "region__code"))
    organisations = {
        o.search_name: o for o in Organisation.objects.active().only("pk", "name", "search_name")
    }
    existing_hosts = dict(
        plan.participants.exclude(host_table__isnull=True).values_list("host_table", "name")
    )
    hosts: dict[int, str] = {}
    for line, cells in rows:
        values = {f: (cells[i] if i < len(cells) else "").strip() for i, f in enumerate(columns) if f}
        name = values.get("name") or " ".join(
            part for part in (values.get("first_name"), values.get("last_name")) if part
        )
        if not name:
            if any(values.values()):
                report.errors.append(f"Ligne {line} : le nom est vide.")
            continue
        category = ""
        if values.get("category"):
            category = CATEGORY_ALIASES.get(normalize(values["category"]), "")
            if not category:
                report.errors.append(
                    f"Ligne {line} : catégorie « {values['category']} » inconnue "
                    f"(attendu : {', '.join(label for _, label in PersonCategory.choices)})."
                )
        departement = values.get("departement", "").upper()
        if departement and len(departement) == 1 and departement.isdigit():
            departement = f"0{departement}"
        if departement and departement not in departements:
            report.errors.append(
                f"Ligne {line} : département « {values['departement']} » inconnu (code attendu, par exemple 74)."
            )
            departement = ""
        host_table = None
        if values.get("host_table"):
            raw = values["host_table"]
            if not raw.isdigit() or not 1 <= int(raw) <= plan.tables:
                report.errors.append(
                    f"Ligne {line} : « {raw} » n'est pas un numéro de table entre 1 et {plan.tables}."
                )
            else:
                host_table = int(raw)
                other = hosts.get(host_table) or existing_hosts.get(host_table)
                if other:
                    report.errors.append(f"Ligne {line} : la table {host_table} est déjà animée par {other}.")
                    host_table = None
                else:
                    hosts[host_table] = name
        email = values.get("email", "")
        if email and "@" not in email:
            report.errors.append(f"Ligne {line} : adresse électronique « {email} » invalide.")
            email = ""
        organisation_name = values.get("organisation", "")
        organisation = organisations.get(normalize(organisation_name)) if organisation_name else None
        region = departements.get(departement, "") if departement else ""
        if organisation is not None and not departement:
            departement, region = _area_codes(organisation)
        report.participants.append(
            Participant(
                plan=plan,
                name=name[:200],
                organisation=organisation,
                organisation_name=organisation.name if organisation else organisation_name[:255],
                category=category,
                departement=departement,
                region=region or "",
                email=email[:254],
                host_table=host_table,
                source=Source.IMPORT,
            )
        )
    if not report.participants and not report.errors:
        report.errors.append("Le fichier ne contient aucune ligne de participant·e.")
    return report


@transaction.atomic
def participants_import(
    *, plan: RotationPlan, headers: list[str], rows: list[tuple[int, list[str]]]
) -> ImportReport:
    """All or nothing: the list is added only when every line is valid."""
    report = participants_parse(plan=plan, headers=headers, rows=rows)
    if not report.errors:
        Participant.objects.bulk_create(report.participants)
    return report


def participant_add(
    *,
    plan: RotationPlan,
    name: str,
    organisation_name: str = "",
    category: str = "",
    departement: str = "",
    host_table: int | None = None,
) -> Participant:
    """Someone who arrives on the day."""
    organisation = (
        Organisation.objects.active().filter(search_name=normalize(organisation_name)).first()
        if organisation_name
        else None
    )
    region = ""
    if departement:
        region = (
            Territory.objects.filter(kind=Kind.DEPARTMENT, code=departement)
            .values_list("region__code", flat=True)
            .first()
            or ""
        )
    elif organisation is not None:
        departement, region = _area_codes(organisation)
    participant = Participant(
        plan=plan,
        name=name,
        organisation=organisation,
        organisation_name=organisation.name if organisation else organisation_name,
        category=category,
        departement=departement,
        region=region,
        source=Source.MANUAL,
    )
    participant.save()
    if host_table:
        participant_set_host(participant=participant, table=host_table)
    return participant


def participant_set_absent(*, participant: Participant, absent: bool) -> Participant:
    participant.is_absent = absent
    participant.save(update_fields=["is_absent"])
    return participant


@transaction.atomic
def participant_set_host(*, participant: Participant, table: int | None) -> Participant:
    plan = participant.plan
    if table is not None:
        if not 1 <= table <= plan.tables:
            raise RotationError(f"Choisissez une table entre 1 et {plan.tables}.")
        other = plan.participants.filter(host_table=table).exclude(pk=participant.pk).first()
        if other is not None:
            raise RotationError(f"La table {table} est déjà animée par {other.name}.")
    participant.host_table = table
    participant.save(update_fields=["host_table"])
    return participant


def participant_delete(*, participant: Participant) -> None:
    """Only someone who never sat in a round already held: the others are marked absent."""
    if participant.seats.filter(round__lte=participant.plan.rounds_done).exists():
        raise RotationError(
            f"{participant.name} a déjà participé à des tours joués : marquez cette personne absente plutôt."
        )
    participant.delete()


def format_defaults(format: str) -> dict:
    """What a coordinator usually starts from."""
    if format == Format.WORLD_CAFE:
        return {"seats": 6, "rounds": 3, "round_minutes": 20, "break_minutes": 5}
    return {"seats": 2, "rounds": 6, "round_minutes": 7, "break_minutes": 1}
