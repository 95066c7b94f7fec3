"""Every write of workshop days. Keyword-only, typed, `<entity>_<action>`, data not forms.

Each write bumps the day's `data_version` (`_changed`): the booklet files record the version they
show, so the page can say they are outdated, and the worker regenerates them (debounced).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from apps.core.tasks import enqueue_on_commit
from apps.workshops import perms
from apps.workshops.models import (
    WorkshopAtelier,
    WorkshopDay,
    WorkshopImportBatch,
    WorkshopInitiative,
    WorkshopOrganiser,
    WorkshopParticipant,
    WorkshopProposal,
    WorkshopQuestion,
    WorkshopRenderState,
    WorkshopTable,
    WorkshopVote,
    clean_name,
    name_key,
    proposal_fingerprint,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import Model, QuerySet

    from apps.accounts.models import User
    from apps.directory.models import Organisation


DAY_FIELDS = {"title", "held_on", "place", "introduction", "event", "is_published"}
BOOKLET_FIELDS = {"booklet_title", "booklet_introduction", "next_steps"}
ATELIER_FIELDS = {
    "title",
    "position",
    "theme",
    "facilitators",
    "introduction",
    "strong_ideas",
    "synthesis",
    "voting_open",
    "votes_per_participant",
}
PARTICIPANT_FIELDS = {"name", "category", "organisation", "organisation_name", "organisation_type", "atelier"}
PROPOSAL_FIELDS = {"table", "question", "orientation", "action", "objectives", "is_highlighted"}


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _set(obj: Model, data: dict[str, Any], allowed: set[str]) -> None:
    for name, value in data.items():
        if name not in allowed:
            raise ValueError(f"Unknown field: {name}")
        setattr(obj, name, value)


def _save[M: Model](
    *,
    user: User,
    day: WorkshopDay,
    item: M,
    data: dict[str, Any],
    fields: set[str],
    check: Callable[[M], None] | None = None,
) -> M:
    """Create or change something of `day` for one of the day's managers: `data` (only `fields`)
    set on `item`, `check(item)` raising a ValidationError if need be; the day's files are then
    outdated."""
    _require(perms.can_manage_day(user, day))
    _set(item, data, fields)
    if check is not None:
        check(item)
    item.save()
    _changed(day)
    return item


def _delete(*, user: User, item: Model, day: WorkshopDay) -> None:
    """Delete something of `day` (an atelier, a question, a table, a participant…) for one of the
    day's managers; the day's files are then outdated."""
    _require(perms.can_manage_day(user, day))
    item.delete()
    _changed(day)


def _changed(day: WorkshopDay) -> None:
    """The day's data changed: the files are outdated until the worker regenerates them."""
    WorkshopDay.objects.filter(pk=day.pk).update(
        data_version=F("data_version") + 1, data_changed_at=timezone.now()
    )
    day.refresh_from_db(fields=["data_version", "data_changed_at"])
    state = WorkshopRenderState.objects.filter(day=day, requested_at__isnull=False).first()
    if state is not None:
        _schedule_render(day)


def day_touch(*, day: WorkshopDay) -> None:
    """Mark the day's data as changed (the admin's edits, which do not go through a service)."""
    _changed(day)


def _schedule_render(day: WorkshopDay, *, delay: float | None = None) -> None:
    from django.conf import settings
    from django.tasks import default_task_backend

    from apps.workshops import tasks

    seconds = settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE if delay is None else delay
    task = tasks.workshop_render_files
    if seconds and default_task_backend.supports_defer:
        task = task.using(run_after=timezone.now() + dt.timedelta(seconds=seconds))
    enqueue_on_commit(task, day_id=day.pk)


# --- Days ---------------------------------------------------------------------------------------


def day_create(*, user: User, data: dict) -> WorkshopDay:
    _require(perms.can_create_day(user))
    day = WorkshopDay(created_by=user, is_published=False)
    _set(day, data, DAY_FIELDS)
    day.full_clean(exclude=["slug"])
    day.save()
    return day


def day_update(*, user: User, day: WorkshopDay, data: dict) -> WorkshopDay:
    _require(perms.can_manage_day(user, day))
    _set(day, data, DAY_FIELDS | BOOKLET_FIELDS)
    day.full_clean()
    day.save()
    _changed(day)
    return day


def day_delete(*, user: User, day: WorkshopDay) -> None:
    _require(perms.can_manage_day(user, day))
    for booklet_file in day.booklet_files.all():
        booklet_file.file.delete(save=False)
    for organiser in day.organisers.all():
        if organiser.logo:
            organiser.logo.delete(save=False)
    day.delete()


def figure_settings_update(*, user: User, day: WorkshopDay, settings: dict[str, dict]) -> WorkshopDay:
    """{figure key: {"wording": str, "hidden": bool}}; empty entries are dropped."""
    _require(perms.can_manage_day(user, day))
    cleaned = {}
    for key, value in settings.items():
        wording = " ".join(str(value.get("wording", "")).split())[:200]
        hidden = bool(value.get("hidden"))
        if wording or hidden:
            cleaned[key] = {"wording": wording, "hidden": hidden}
    day.figure_settings = cleaned
    day.save(update_fields=["figure_settings"])
    _changed(day)
    return day


# --- Organisers ---------------------------------------------------------------------------------


def organiser_create(
    *,
    user: User,
    day: WorkshopDay,
    name: str,
    role: str,
    organisation: Organisation | None = None,
    logo: UploadedFile | None = None,
) -> WorkshopOrganiser:
    _require(perms.can_manage_day(user, day))
    position = (day.organisers.filter(role=role).aggregate(m=Max("position"))["m"] or 0) + 1
    organiser = WorkshopOrganiser(
        day=day,
        name=clean_name(name) or (organisation.name if organisation else ""),
        role=role,
        organisation=organisation,
        position=position,
    )
    if logo is not None:
        organiser.original_name = getattr(logo, "name", "")[:255]
        organiser.logo = logo
    organiser.full_clean()
    organiser.save()
    _changed(day)
    return organiser


def organiser_delete(*, user: User, organiser: WorkshopOrganiser) -> None:
    _require(perms.can_manage_day(user, organiser.day))
    if organiser.logo:
        organiser.logo.delete(save=False)
    organiser.delete()
    _changed(organiser.day)


# --- Ateliers, questions, tables ----------------------------------------------------------------


def _unique_atelier(day: WorkshopDay, title: str, exclude: WorkshopAtelier | None = None) -> None:
    qs = day.ateliers.filter(name_key=name_key(title))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise ValidationError({"title": "Un atelier porte déjà ce titre dans cette journée."})


def atelier_create(*, user: User, day: WorkshopDay, data: dict) -> WorkshopAtelier:
    _require(perms.can_manage_day(user, day))
    if "position" not in data:
        data = {**data, "position": (day.ateliers.aggregate(m=Max("position"))["m"] or 0) + 1}
    return _save(
        user=user,
        day=day,
        item=WorkshopAtelier(day=day),
        data=data,
        fields=ATELIER_FIELDS,
        check=lambda atelier: _unique_atelier(day, atelier.title),
    )


def atelier_update(*, user: User, atelier: WorkshopAtelier, data: dict) -> WorkshopAtelier:
    return _save(
        user=user,
        day=atelier.day,
        item=atelier,
        data=data,
        fields=ATELIER_FIELDS,
        check=lambda atelier: _unique_atelier(atelier.day, atelier.title, exclude=atelier),
    )


def atelier_delete(*, user: User, atelier: WorkshopAtelier) -> None:
    _delete(user=user, item=atelier, day=atelier.day)


def atelier_strong_idea_add(*, user: User, atelier: WorkshopAtelier, idea: str) -> WorkshopAtelier:
    """Copy one suggestion into the coordinator's strong ideas — only on their explicit click."""
    _require(perms.can_manage_day(user, atelier.day))
    idea = " ".join(idea.split())[:300]
    if not idea:
        raise ValidationError("L'idée est vide.")
    if name_key(idea) not in {name_key(i) for i in atelier.strong_idea_list}:
        atelier.strong_ideas = "\n".join([*atelier.strong_idea_list, idea[0].upper() + idea[1:]])
        atelier.save(update_fields=["strong_ideas"])
        _changed(atelier.day)
    return atelier


def question_create(
    *, user: User, atelier: WorkshopAtelier, text: str, position: int | None = None
) -> WorkshopQuestion:
    _require(perms.can_manage_day(user, atelier.day))
    if position is None:
        position = (atelier.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    question = WorkshopQuestion.objects.create(
        atelier=atelier, text=" ".join(text.split()), position=position
    )
    _changed(atelier.day)
    return question


def question_update(*, user: User, question: WorkshopQuestion, text: str, position: int) -> WorkshopQuestion:
    _require(perms.can_manage_day(user, question.atelier.day))
    question.text = " ".join(text.split())
    question.position = position
    question.save()
    _changed(question.atelier.day)
    return question


def question_delete(*, user: User, question: WorkshopQuestion) -> None:
    """The question's proposals stay in the atelier, without a question."""
    _delete(user=user, item=question, day=question.atelier.day)


def _unique_table(atelier: WorkshopAtelier, name: str, exclude: WorkshopTable | None = None) -> None:
    qs = atelier.tables.filter(name_key=name_key(name))
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    if qs.exists():
        raise ValidationError({"name": "Une table porte déjà ce nom dans cet atelier."})


def table_create(
    *, user: User, atelier: WorkshopAtelier, name: str, questions: Iterable[WorkshopQuestion] = ()
) -> WorkshopTable:
    _require(perms.can_manage_day(user, atelier.day))
    _unique_table(atelier, name)
    table = WorkshopTable.objects.create(atelier=atelier, name=name)
    table.questions.set(questions)
    _changed(atelier.day)
    return table


def table_update(
    *, user: User, table: WorkshopTable, name: str, questions: Iterable[WorkshopQuestion] = ()
) -> WorkshopTable:
    _require(perms.can_manage_day(user, table.atelier.day))
    _unique_table(table.atelier, name, exclude=table)
    table.name = name
    table.save()
    table.questions.set(questions)
    _changed(table.atelier.day)
    return table


def table_delete(*, user: User, table: WorkshopTable) -> None:
    _delete(user=user, item=table, day=table.atelier.day)


# --- Participants -------------------------------------------------------------------------------


def _participant_clean(participant: WorkshopParticipant) -> None:
    participant.name = clean_name(participant.name)
    participant.organisation_name = clean_name(participant.organisation_name)
    if participant.organisation is not None:
        # The directory knows the type (from the COG for communes and EPCI): it wins.
        participant.organisation_type = participant.organisation.type
        participant.organisation_name = ""
    if participant.atelier is not None and participant.atelier.day_id != participant.day_id:
        raise ValidationError({"atelier": "Cet atelier n'est pas de cette journée."})
    participant.full_clean()


def participant_create(*, user: User, day: WorkshopDay, data: dict) -> WorkshopParticipant:
    return _save(
        user=user,
        day=day,
        item=WorkshopParticipant(day=day),
        data=data,
        fields=PARTICIPANT_FIELDS,
        check=_participant_clean,
    )


def participant_update(*, user: User, participant: WorkshopParticipant, data: dict) -> WorkshopParticipant:
    return _save(
        user=user,
        day=participant.day,
        item=participant,
        data=data,
        fields=PARTICIPANT_FIELDS,
        check=_participant_clean,
    )


def participant_delete(*, user: User, participant: WorkshopParticipant) -> None:
    _delete(user=user, item=participant, day=participant.day)


@transaction.atomic
def participants_import(
    *, user: User, day: WorkshopDay, rows: list[dict], source: str
) -> WorkshopImportBatch:
    """Rows from imports.parse_participants (already matched); a person already listed (same
    name and organisation) is skipped, so importing the same list twice adds nobody."""
    _require(perms.can_manage_day(user, day))
    existing = {
        (name_key(p.name), p.organisation_key) for p in day.participants.select_related("organisation")
    }
    ateliers = {a.name_key: a for a in day.ateliers.all()}
    batch = WorkshopImportBatch.objects.create(
        day=day, kind=WorkshopImportBatch.Kind.PARTICIPANTS, source=source[:255], created_by=user
    )
    to_create = []
    for row in rows:
        participant = WorkshopParticipant(
            day=day,
            name=clean_name(row["name"]),
            category=row["category"],
            organisation_id=row.get("organisation_id"),
            organisation_name=""
            if row.get("organisation_id")
            else clean_name(row.get("organisation_name", "")),
            organisation_type=row.get("organisation_type", ""),
            atelier=ateliers.get(name_key(row.get("atelier", ""))) if row.get("atelier") else None,
            batch=batch,
        )
        key = (name_key(participant.name), participant.organisation_key)
        if key in existing:
            batch.skipped += 1
            continue
        existing.add(key)
        to_create.append(participant)
    WorkshopParticipant.objects.bulk_create(to_create)
    batch.added = len(to_create)
    batch.save(update_fields=["added", "skipped"])
    _changed(day)
    return batch


@transaction.atomic
def participants_from_registrations(*, user: User, day: WorkshopDay) -> WorkshopImportBatch:
    """The confirmed registrations of the day's event (not those marked absent), once each:
    clicking twice adds nobody."""
    from apps.directory.models import PersonCategory
    from apps.events.models import RegistrationStatus

    _require(perms.can_manage_day(user, day))
    event = day.event
    if event is None:
        raise ValidationError("Reliez d'abord la journée à un événement de l'agenda.")
    taken = set(day.participants.exclude(registration=None).values_list("registration_id", flat=True))
    registrations = (
        event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        .exclude(attended=False)
        .select_related("user__person")
        .prefetch_related("user__person__memberships__organisation")
    )
    batch = WorkshopImportBatch.objects.create(
        day=day,
        kind=WorkshopImportBatch.Kind.PARTICIPANTS,
        source=f"Inscriptions à « {event.title} »"[:255],
        created_by=user,
    )
    to_create = []
    for registration in registrations:
        if registration.pk in taken:
            batch.skipped += 1
            continue
        person = getattr(registration.user, "person", None)
        organisation = None
        if person is not None:
            memberships = [m for m in person.memberships.all() if m.organisation.status == "active"] or list(
                person.memberships.all()
            )
            organisation = memberships[0].organisation if memberships else None
        name = (
            f"{person.first_name} {person.last_name}"
            if person
            else (registration.user.get_full_name() or registration.user.email)
        )
        to_create.append(
            WorkshopParticipant(
                day=day,
                name=clean_name(name),
                category=(person.category if person else PersonCategory.OTHER),
                organisation=organisation,
                organisation_type=organisation.type if organisation else "",
                registration=registration,
                batch=batch,
            )
        )
    WorkshopParticipant.objects.bulk_create(to_create)
    batch.added = len(to_create)
    batch.save(update_fields=["added", "skipped"])
    _changed(day)
    return batch


# --- Proposals ----------------------------------------------------------------------------------


def _proposal_clean(proposal: WorkshopProposal) -> None:
    for name in ("orientation", "action", "objectives"):
        setattr(proposal, name, (getattr(proposal, name) or "").strip())
    if not (proposal.orientation or proposal.action or proposal.objectives):
        raise ValidationError("Renseignez au moins la piste d'orientation, l'action ou les objectifs.")
    if proposal.table is not None and proposal.table.atelier_id != proposal.atelier_id:
        raise ValidationError({"table": "Cette table n'est pas de cet atelier."})
    if proposal.question is not None and proposal.question.atelier_id != proposal.atelier_id:
        raise ValidationError({"question": "Cette question n'est pas de cet atelier."})


def proposal_create(*, user: User, atelier: WorkshopAtelier, data: dict) -> WorkshopProposal:
    _require(perms.can_manage_day(user, atelier.day))
    proposal = WorkshopProposal(atelier=atelier)
    _set(proposal, data, PROPOSAL_FIELDS)
    _proposal_clean(proposal)
    proposal.save()
    _changed(atelier.day)
    return proposal


def proposal_update(*, user: User, proposal: WorkshopProposal, data: dict) -> WorkshopProposal:
    _require(perms.can_manage_day(user, proposal.atelier.day))
    _set(proposal, data, PROPOSAL_FIELDS)
    _proposal_clean(proposal)
    proposal.save()
    _changed(proposal.atelier.day)
    return proposal


def proposals_delete(*, user: User, day: WorkshopDay, ids: list[int]) -> int:
    """Bulk delete (one confirmation for the lot), limited to the day's proposals."""
    _require(perms.can_manage_day(user, day))
    deleted, _ = WorkshopProposal.objects.filter(atelier__day=day, pk__in=ids).delete()
    if deleted:
        _changed(day)
    return deleted


@dataclass
class ImportDecision:
    SKIP = "skip"
    REPLACE = "replace"
    ADD = "add"


@transaction.atomic
def proposals_import(
    *, user: User, day: WorkshopDay, rows: list[dict], decisions: dict[int, str], source: str
) -> WorkshopImportBatch:
    """Rows from imports.parse_proposals. For a row flagged as a duplicate of an existing
    proposal, `decisions[line]` is "skip" (default), "replace" (the existing row takes the new
    values; the old ones are kept in the batch for the undo) or "add". Unknown ateliers, tables
    and questions are created (names normalised). The batch is undone in one click."""
    _require(perms.can_manage_day(user, day))
    batch = WorkshopImportBatch.objects.create(
        day=day, kind=WorkshopImportBatch.Kind.PROPOSALS, source=source[:255], created_by=user
    )
    ateliers = {a.name_key: a for a in day.ateliers.all()}
    next_position = (day.ateliers.aggregate(m=Max("position"))["m"] or 0) + 1
    tables: dict[tuple[int, str], WorkshopTable] = {
        (t.atelier_id, t.name_key): t for t in WorkshopTable.objects.filter(atelier__day=day)
    }
    questions = list(WorkshopQuestion.objects.filter(atelier__day=day))
    by_number = {(q.atelier_id, q.position): q for q in questions}
    by_text = {(q.atelier_id, name_key(q.text)): q for q in questions}
    existing = {
        p.pk: p
        for p in WorkshopProposal.objects.filter(
            atelier__day=day, pk__in=[r["duplicate_of"] for r in rows if r.get("duplicate_of")]
        )
    }
    to_create, previous = [], []
    table_questions: set[tuple[int, int]] = set()
    for row in rows:
        decision = (
            decisions.get(row["line"], ImportDecision.SKIP)
            if row.get("duplicate_of") or row.get("duplicate_in_file")
            else ImportDecision.ADD
        )
        if decision == ImportDecision.SKIP:
            batch.skipped += 1
            continue
        key = name_key(row["atelier"])
        atelier = ateliers.get(key)
        if atelier is None:
            atelier = WorkshopAtelier.objects.create(day=day, title=row["atelier"], position=next_position)
            next_position += 1
            ateliers[key] = atelier
        table = None
        if row.get("table"):
            tkey = (atelier.pk, name_key(row["table"]))
            table = tables.get(tkey)
            if table is None:
                table = tables[tkey] = WorkshopTable.objects.create(atelier=atelier, name=row["table"])
        question = None
        if row.get("question_number"):
            question = by_number.get((atelier.pk, row["question_number"]))
        elif row.get("question_text"):
            qkey = (atelier.pk, name_key(row["question_text"]))
            question = by_text.get(qkey)
            if question is None:
                position = (
                    max([q.position for q in by_number.values() if q.atelier_id == atelier.pk], default=0) + 1
                )
                question = WorkshopQuestion.objects.create(
                    atelier=atelier, position=position, text=" ".join(row["question_text"].split())
                )
                by_text[qkey] = by_number[(atelier.pk, position)] = question
        if table is not None and question is not None:
            table_questions.add((table.pk, question.pk))
        values = {"orientation": row["orientation"], "action": row["action"], "objectives": row["objectives"]}
        if decision == ImportDecision.REPLACE and row.get("duplicate_of") in existing:
            target = existing[row["duplicate_of"]]
            previous.append(
                {
                    "id": target.pk,
                    "orientation": target.orientation,
                    "action": target.action,
                    "objectives": target.objectives,
                    "table": target.table_id,
                    "question": target.question_id,
                }
            )
            for name, value in values.items():
                setattr(target, name, value)
            target.table, target.question = table or target.table, question or target.question
            target.save()
            batch.replaced += 1
            continue
        proposal = WorkshopProposal(atelier=atelier, table=table, question=question, batch=batch, **values)
        proposal.fingerprint = proposal_fingerprint(**values)  # bulk_create does not call save()
        to_create.append(proposal)
    WorkshopProposal.objects.bulk_create(to_create, batch_size=500)
    through = WorkshopTable.questions.through
    through.objects.bulk_create(
        [through(workshoptable_id=t, workshopquestion_id=q) for t, q in table_questions],
        ignore_conflicts=True,
    )
    batch.added = len(to_create)
    batch.previous = previous
    batch.save(update_fields=["added", "replaced", "skipped", "previous"])
    _changed(day)
    return batch


@transaction.atomic
def import_batch_undo(*, user: User, batch: WorkshopImportBatch) -> WorkshopImportBatch:
    """Delete what the import added and restore what it replaced. Ateliers, tables and questions
    it created stay (they may have been used since); empty ones can be deleted by hand."""
    _require(perms.can_manage_day(user, batch.day))
    if batch.undone_at is not None:
        raise ValidationError("Cet import a déjà été annulé.")
    batch.proposals.all().delete()
    batch.participants.all().delete()
    for old in batch.previous:
        proposal = WorkshopProposal.objects.filter(pk=old["id"], atelier__day=batch.day).first()
        if proposal is None:
            continue
        proposal.orientation, proposal.action, proposal.objectives = (
            old["orientation"],
            old["action"],
            old["objectives"],
        )
        proposal.table_id, proposal.question_id = old["table"], old["question"]
        proposal.save()
    batch.undone_at = timezone.now()
    batch.save(update_fields=["undone_at"])
    _changed(batch.day)
    return batch


# --- Initiatives and dots -----------------------------------------------------------------------


def initiatives_with_scores(atelier: WorkshopAtelier) -> QuerySet[WorkshopInitiative]:
    return atelier.initiatives.annotate(online_votes=Count("votes")).order_by("position", "pk")


def initiative_score(initiative: WorkshopInitiative) -> int:
    return getattr(initiative, "online_votes", 0) + initiative.paper_votes


INITIATIVE_FIELDS = {
    "title",
    "territory_label",
    "description",
    "position",
    "paper_votes",
    "how_it_works",
    "context",
    "resources",
    "to_reproduce",
    "to_improve",
    "conditions",
}


def initiative_create(*, user: User, atelier: WorkshopAtelier, data: dict) -> WorkshopInitiative:
    return _save(
        user=user,
        day=atelier.day,
        item=WorkshopInitiative(atelier=atelier),
        data=data,
        fields=INITIATIVE_FIELDS,
    )


def initiative_update(*, user: User, initiative: WorkshopInitiative, data: dict) -> WorkshopInitiative:
    return _save(user=user, day=initiative.atelier.day, item=initiative, data=data, fields=INITIATIVE_FIELDS)


def initiative_delete(*, user: User, initiative: WorkshopInitiative) -> None:
    _delete(user=user, item=initiative, day=initiative.atelier.day)


@transaction.atomic
def vote_toggle(*, user: User, initiative: WorkshopInitiative) -> bool:
    """Put or take back a dot on an initiative. Returns True when the dot is now on it."""
    atelier = initiative.atelier
    if not perms.can_vote(user, atelier):
        raise PermissionDenied("Le vote n'est pas ouvert.")
    existing = WorkshopVote.objects.filter(user=user, initiative=initiative)
    if existing.exists():
        existing.delete()
        _changed(atelier.day)
        return False
    if (
        WorkshopVote.objects.filter(user=user, initiative__atelier=atelier).count()
        >= atelier.votes_per_participant
    ):
        raise ValidationError(
            f"Vous avez déjà placé vos {atelier.votes_per_participant} gommettes : retirez-en une d'abord."
        )
    WorkshopVote.objects.create(user=user, initiative=initiative)
    _changed(atelier.day)
    return True


@transaction.atomic
def initiatives_select_top(
    *, user: User, atelier: WorkshopAtelier, count: int = 3
) -> list[WorkshopInitiative]:
    """Close the vote and retain the `count` initiatives with the most dots (ties: first shown)."""
    _require(perms.can_manage_day(user, atelier.day))
    if not 1 <= count <= 5:
        raise ValidationError("Retenez entre 1 et 5 initiatives.")
    ranked = sorted(initiatives_with_scores(atelier), key=lambda i: (-initiative_score(i), i.position, i.pk))
    chosen = ranked[:count]
    atelier.initiatives.update(is_selected=False)
    WorkshopInitiative.objects.filter(pk__in=[i.pk for i in chosen]).update(is_selected=True)
    atelier.voting_open = False
    atelier.save(update_fields=["voting_open"])
    _changed(atelier.day)
    return chosen


# --- Booklet files ------------------------------------------------------------------------------


def booklet_files_request(*, user: User, day: WorkshopDay) -> WorkshopRenderState:
    """Ask the worker for the PDF, ODT and DOCX now; from then on, every change regenerates them
    (debounced)."""
    _require(perms.can_manage_day(user, day))
    state, _ = WorkshopRenderState.objects.get_or_create(day=day)
    state.requested_at = timezone.now()
    state.last_error = ""
    state.save(update_fields=["requested_at", "last_error"])
    _schedule_render(day, delay=0)
    return state


def booklet_files_resume(*, skip_day_ids: frozenset[int] | set[int] = frozenset()) -> list[int]:
    """Enqueue a render for every day whose files are behind its data while no render is under
    way: none started, or one started more than `MAILLAGE_WORKSHOP_RENDER_TIMEOUT` seconds ago
    (its worker was killed: the task table still says "running" and nothing else would retry it).
    Days in `skip_day_ids` already have a render waiting; a day whose last render failed waits for
    its next change or for « Produire ». Run from cron by `manage.py workshops_render_due`; returns
    the days' ids."""
    from django.conf import settings
    from django.db.models import Q

    from apps.workshops.tasks import FORMATS

    stale = timezone.now() - dt.timedelta(seconds=settings.MAILLAGE_WORKSHOP_RENDER_TIMEOUT)
    states = (
        WorkshopRenderState.objects.filter(requested_at__isnull=False, last_error="")
        .filter(Q(running_since__isnull=True) | Q(running_since__lt=stale))
        .exclude(day_id__in=skip_day_ids)
        .select_related("day")
    )
    resumed = []
    for state in states:
        day = state.day
        if day.booklet_files.filter(data_version=day.data_version).count() == len(FORMATS):
            continue
        WorkshopRenderState.objects.filter(pk=state.pk).update(running_since=None)
        _schedule_render(day, delay=0)
        resumed.append(day.pk)
    return resumed
