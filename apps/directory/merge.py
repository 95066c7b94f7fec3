"""Merging two duplicate organisations: everything attached to the duplicate (`source`) moves to the
organisation that stays (`target`), then the duplicate is deleted. Nothing is lost.

Every relation pointing at `Organisation` is found from the model's metadata (foreign keys and
many-to-many fields of every app), so that an app adding one later is covered without touching
this module. A relation under a unique constraint (one membership per person and organisation…)
cannot simply be re-pointed when both organisations have a row for the same key: such rows are
*combined* by a rule of their own (`_COMBINE`), or the merge is refused with the reason
(`MergeBlocked`). A relation under a unique constraint without a rule makes the preview fail
loudly (tested), rather than lose a row.

The directory imports none of the apps that point at organisations (docs/architecture.md): an app
whose rows need a rule of their own registers it from its `AppConfig.ready()` with
`register_combine_rule("programmes.Enrolment", rule)`, and an app with something to say in the
preview about what follows the people (event registrations…) with `register_preview_note(note)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction

from apps.directory.models import Engagement, Invitation, Membership, Organisation

# Blank fields of the target filled from the duplicate.
FILLED_FIELDS = (
    "territory",
    "address",
    "latitude",
    "longitude",
    "siren",
    "website",
    "email",
    "description",
    "competences",
    "needs",
    "logo",
)


class MergeBlocked(Exception):
    """The merge would lose something: the message (French) says what to sort out first."""


@dataclass
class RelationMove:
    label: str
    moved: int = 0
    combined: int = 0
    blocked: list[str] = field(default_factory=list)


@dataclass
class MergePreview:
    source: Organisation
    target: Organisation
    relations: list[RelationMove]
    filled: list[str]
    # French sentences from the apps (`register_preview_note`): what follows the people, who move.
    notes: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> list[str]:
        return [reason for relation in self.relations for reason in relation.blocked]

    @property
    def moves(self) -> list[RelationMove]:
        return [relation for relation in self.relations if relation.moved or relation.combined]


def _model_label(model) -> str:
    return str(model._meta.verbose_name_plural)


def _relations():
    """(model, field name, label, is_m2m) for every relation to Organisation, in a stable order."""
    for rel in Organisation._meta.related_objects:
        if rel.many_to_many:
            through = rel.field.remote_field.through
            org_field = next(
                f.name
                for f in through._meta.concrete_fields
                if f.is_relation and f.related_model is Organisation and f.name != rel.field.m2m_field_name()
            )
            label = f"{_model_label(rel.related_model)} ({rel.field.verbose_name})"
            yield through, org_field, label, True
        else:
            label = f"{_model_label(rel.related_model)} ({rel.field.verbose_name})"
            yield rel.related_model, rel.field.name, label, False


def _unique_keys(model, field_name: str) -> list[tuple[list[str], models.Q | None]]:
    """The other fields of each unique constraint that includes `field_name` (with its condition)."""
    keys = []
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if isinstance(constraint, models.UniqueConstraint) and field_name in fields:
            keys.append(([f for f in fields if f != field_name], constraint.condition))
    for together in model._meta.unique_together:
        if field_name in together:
            keys.append(([f for f in together if f != field_name], None))
    for f in model._meta.concrete_fields:
        if f.unique and f.name == field_name and not f.primary_key:
            keys.append(([], None))
    return keys


def _conflicts(model, field_name, source, target, others, condition):
    """Pairs (source row, target row) that share the other fields of a unique key."""
    source_rows = model.objects.filter(**{field_name: source})
    target_rows = model.objects.filter(**{field_name: target})
    if condition is not None:
        source_rows = source_rows.filter(condition)
        target_rows = target_rows.filter(condition)
    columns = [model._meta.get_field(name).attname for name in others]
    by_key = {tuple(getattr(row, c) for c in columns): row for row in target_rows}
    pairs = []
    for row in source_rows:
        match = by_key.get(tuple(getattr(row, c) for c in columns))
        if match is not None:
            pairs.append((row, match))
    return pairs


# --- Combining rules: what to do when both organisations have a row for the same key. ----------
# Each rule gets (source row, target row, apply) and returns a French reason when it cannot
# combine without losing something (then the merge is refused).


def _combine_membership(source_row: Membership, target_row: Membership, apply: bool) -> str | None:
    if apply:
        target_row.is_referent = target_row.is_referent or source_row.is_referent
        target_row.function = target_row.function or source_row.function
        target_row.save(update_fields=["is_referent", "function"])
        source_row.delete()
    return None


def _combine_engagement(source_row: Engagement, target_row: Engagement, apply: bool) -> str | None:
    years_differ = source_row.year and target_row.year and source_row.year != target_row.year
    if source_row.stage != target_row.stage or years_differ:
        return (
            f"les deux fiches indiquent la démarche « {target_row.get_kind_display()} » avec un "
            "avancement différent : corrigez l'une des deux fiches avant de fusionner"
        )
    if apply:
        target_row.label = target_row.label or source_row.label
        target_row.year = target_row.year or source_row.year
        target_row.save(update_fields=["label", "year"])
        source_row.delete()
    return None


def _combine_invitation(source_row: Invitation, target_row: Invitation, apply: bool) -> str | None:
    # The same address is already invited by the organisation that stays: one invitation is enough.
    if apply:
        source_row.delete()
    return None


def _drop_duplicate_link(source_row, target_row, apply: bool) -> str | None:
    # A many-to-many link that the target already has (an event organised by both): one link stays.
    if apply:
        source_row.delete()
    return None


# (source row, target row, apply) -> French reason to refuse, or None once combined (when `apply`).
CombineRule = Callable[[models.Model, models.Model, bool], str | None]
# (organisation) -> French sentence for the preview, or "" when there is nothing to say.
PreviewNote = Callable[[Organisation], str]

_COMBINE: dict[str, CombineRule] = {
    "directory.Membership": _combine_membership,
    "directory.Engagement": _combine_engagement,
    "directory.Invitation": _combine_invitation,
}
_PREVIEW_NOTES: list[PreviewNote] = []


def register_combine_rule(model_label: str, rule: CombineRule) -> None:
    """How to merge two rows of `model_label` ("app_label.Model") that the unique constraint on
    their organisation forbids to keep side by side. Called from the owning app's `ready()`."""
    registered = _COMBINE.get(model_label)
    if registered is not None and registered is not rule:
        raise ValueError(f"{model_label} already has a merge rule: {registered.__qualname__}.")
    _COMBINE[model_label] = rule


def register_preview_note(note: PreviewNote) -> None:
    """`note(source)` returns a French sentence shown in the merge preview ("" for none)."""
    if note not in _PREVIEW_NOTES:
        _PREVIEW_NOTES.append(note)


def _rule(model, is_m2m: bool):
    if is_m2m:
        return _drop_duplicate_link
    rule = _COMBINE.get(model._meta.label)
    if rule is None:
        raise NotImplementedError(
            f"{model._meta.label} has a unique constraint on its organisation and no merge rule."
        )
    return rule


def _walk(source: Organisation, target: Organisation, *, apply: bool) -> list[RelationMove]:
    moves = []
    for model, field_name, label, is_m2m in _relations():
        move = RelationMove(label=label)
        combined_pks = set()
        for others, condition in _unique_keys(model, field_name):
            rule = _rule(model, is_m2m)
            for source_row, target_row in _conflicts(model, field_name, source, target, others, condition):
                if source_row.pk in combined_pks:
                    continue
                reason = rule(source_row, target_row, apply)
                if reason:
                    move.blocked.append(reason)
                else:
                    combined_pks.add(source_row.pk)
        rest = model.objects.filter(**{field_name: source}).exclude(pk__in=combined_pks)
        move.combined = len(combined_pks)
        move.moved = rest.update(**{field_name: target}) if apply else rest.count()
        moves.append(move)
    return moves


def _filled_fields(source: Organisation, target: Organisation) -> list[str]:
    filled = []
    for name in FILLED_FIELDS:
        f = Organisation._meta.get_field(name)
        if getattr(target, f.attname) in (None, "") and getattr(source, f.attname) not in (None, ""):
            filled.append(name)
    return filled


def _close_moved_adhesions(*, target: Organisation, source_name: str, merged_by) -> None:
    """A duplicate's pending request to join the network, moved onto an organisation that is already
    a member, has nothing left to decide: it is closed as accepted (and leaves the moderation queue)."""
    from apps.directory.models import JoinRequest, OrganisationStatus
    from apps.directory.services import _decide

    if target.status != OrganisationStatus.ACTIVE:
        return
    pending = target.join_requests.filter(
        kind=JoinRequest.Kind.ORGANISATION, status=JoinRequest.Status.PENDING
    )
    for join_request in pending:
        _decide(
            join_request=join_request,
            decided_by=merged_by,
            message=f"Fiche « {source_name} » fusionnée avec « {target.name} », déjà membre du réseau.",
            status=JoinRequest.Status.APPROVED,
        )


def organisation_merge_preview(*, source: Organisation, target: Organisation) -> MergePreview:
    """What `organisation_merge` would do, without writing anything."""
    if source.pk == target.pk:
        raise MergeBlocked("Choisissez deux organisations différentes.")
    with transaction.atomic():
        relations = _walk(source, target, apply=False)
    return MergePreview(
        source=source,
        target=target,
        relations=relations,
        filled=[
            str(Organisation._meta.get_field(name).verbose_name) for name in _filled_fields(source, target)
        ],
        notes=[text for note in _PREVIEW_NOTES if (text := note(source))],
    )


@transaction.atomic
def organisation_merge(*, source: Organisation, target: Organisation, merged_by=None) -> MergePreview:
    """Move everything from `source` to `target`, fill the target's blank fields, delete `source`.
    Refused (nothing written) when a row could not be kept."""
    from apps.directory.services import organisations_changed
    from apps.search.services import search_remove_object

    source = Organisation.objects.select_for_update(of=("self",)).get(pk=source.pk)
    target = Organisation.objects.select_for_update(of=("self",)).get(pk=target.pk)
    preview = organisation_merge_preview(source=source, target=target)
    if preview.blocked:
        raise MergeBlocked(" ; ".join(preview.blocked))
    filled = _filled_fields(source, target)
    values = {}
    for name in filled:
        value = getattr(source, Organisation._meta.get_field(name).attname)
        values[name] = value.name if isinstance(value, models.fields.files.FieldFile) else value
    if "siren" in values:
        # Unique: free it on the duplicate first.
        Organisation.objects.filter(pk=source.pk).update(siren="")
    preview.relations = _walk(source, target, apply=True)
    target.themes.add(*source.themes.all())
    target.need_themes.add(*source.need_themes.all())
    for name, value in values.items():
        setattr(target, Organisation._meta.get_field(name).attname, value)
    if source.status == "active" and target.status != "active":
        target.status = "active"
    target.save()
    _close_moved_adhesions(target=target, source_name=source.name, merged_by=merged_by)
    search_remove_object(source)
    source.delete()
    organisations_changed(organisations=[target])
    return preview
