"""Every write of consultations and their booklets."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypedDict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from apps.consultations import perms
from apps.consultations.models import (
    STEERING_LABEL,
    Action,
    Audience,
    Booklet,
    Consultation,
    Contribution,
    ContributionComment,
    Objective,
)
from apps.core.services import model_save
from apps.core.tasks import enqueue_on_commit

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.directory.models import Organisation
    from apps.groups.models import Group

from typing import TYPE_CHECKING, Any

# --- Consultations ---


class ConsultationData(TypedDict, total=False):
    title: str
    introduction: str
    opens_on: datetime.date
    closes_on: datetime.date
    audience: str
    invited_organisations: Iterable[Organisation]
    group: Group | None
    is_published: bool


@transaction.atomic
def consultation_create(*, by: User, data: ConsultationData) -> Consultation:
    return model_save(instance=Consultation(created_by=by), data=dict(data))


@transaction.atomic
def consultation_update(*, consultation: Consultation, data: ConsultationData, by: User) -> Consultation:
    """A group consultation leaving its group (another audience or another group) is the group
    animators' decision (perms.can_change_audience); its members are told first. The stored row
    (locked) says where it was: `consultation` may already carry a validated form's values."""
    stored = (
        Consultation.objects.select_for_update(of=("self",)).select_related("group").get(pk=consultation.pk)
    )
    if stored.audience == Audience.GROUP and stored.group is not None:
        audience = data.get("audience", stored.audience)
        group = data.get("group", stored.group)
        if audience != Audience.GROUP or group != stored.group:
            if not perms.can_change_audience(by, stored):
                raise PermissionDenied("Seul·es les animateur·rices du groupe peuvent changer ce public.")
            consultation_audience_notify(consultation=stored, group=stored.group, by=by)
    return model_save(instance=stored, data=dict(data))


@transaction.atomic
def objective_create(*, consultation: Consultation, title: str, position: int) -> Objective:
    return Objective.objects.create(consultation=consultation, title=title.strip(), position=position)


class ActionData(TypedDict, total=False):
    objective: Objective
    position: int
    title: str
    description: str
    sub_actions: str


@transaction.atomic
def action_create(*, data: ActionData) -> Action:
    return model_save(instance=Action(), data=dict(data))


@transaction.atomic
def action_update(*, action: Action, data: ActionData) -> Action:
    return model_save(instance=action, data=dict(data))


def consultation_audience_notify(*, consultation: Consultation, group: Group, by: User) -> None:
    """Before a group consultation leaves its group (perms.can_change_audience), every active
    member of the group is told: their contributions will be read outside the group."""
    from apps.groups.models import GroupMembership
    from apps.notifications.models import Kind
    from apps.notifications.services import notification_create

    members = [
        m.user
        for m in GroupMembership.objects.filter(group=group, status=GroupMembership.Status.ACTIVE)
        .exclude(user=by)
        .select_related("user")
    ]
    notification_create(
        recipients=members,
        kind=Kind.GROUP,
        target=consultation,
        event=f"audience-{timezone.now():%Y%m%d%H%M%S}",
        title=(
            f"La consultation « {consultation.title} » du groupe « {group.name} » s'ouvre au-delà du "
            "groupe : vos contributions y seront visibles."
        ),
        url=consultation.get_absolute_url(),
    )


# --- Contributions ---


def contribution_create(
    *,
    user: User,
    action: Action,
    body: str,
    organisation: Organisation | None = None,
    author_label: str = "",
    is_steering: bool = False,
) -> Contribution:
    consultation = action.objective.consultation
    if not perms.can_contribute(user, consultation):
        raise PermissionDenied("La consultation n'est pas ouverte à vos contributions.")
    if not perms.is_animator(user):
        # Members always sign with one of their own organisations; only animators may
        # transcribe the steering committee's or a third party's contribution.
        if (
            organisation is None
            or not perms.contributable_organisations(user, consultation).filter(pk=organisation.pk).exists()
        ):
            raise ValidationError("Choisissez une de vos organisations invitées à la consultation.")
        author_label, is_steering = "", False
    if is_steering:
        organisation, author_label = None, STEERING_LABEL
    if organisation is None and not author_label.strip() and not is_steering:
        raise ValidationError("Indiquez l'organisation autrice de la contribution.")
    if organisation is not None:
        # Keep the signature readable if the organisation later leaves the directory (SET_NULL).
        author_label = organisation.name
    return Contribution.objects.create(
        action=action,
        organisation=organisation,
        author_label=author_label.strip()[:255],
        is_steering=is_steering,
        author_user=user,
        body=body.strip(),
    )


def contribution_update(*, user: User, contribution: Contribution, body: str) -> Contribution:
    if not perms.can_edit_contribution(user, contribution):
        raise PermissionDenied("Cette contribution ne peut plus être modifiée.")
    contribution.body = body.strip()
    contribution.save(update_fields=["body", "updated_at"])
    return contribution


def contribution_moderate(
    *, user: User, contribution: Contribution, hide: bool, note: str = ""
) -> Contribution:
    if not perms.can_moderate(user):
        raise PermissionDenied
    contribution.is_hidden = hide
    contribution.moderation_note = note.strip() if hide else ""
    contribution.save(update_fields=["is_hidden", "moderation_note", "updated_at"])
    return contribution


def contribution_set_highlight(*, user: User, contribution: Contribution, highlighted: bool) -> Contribution:
    if not perms.can_moderate(user):
        raise PermissionDenied
    contribution.is_highlighted = highlighted
    contribution.save(update_fields=["is_highlighted", "updated_at"])
    return contribution


def comment_create(*, user: User, contribution: Contribution, body: str) -> ContributionComment:
    consultation = contribution.action.objective.consultation
    if not perms.can_comment(user, consultation) or contribution.is_hidden:
        raise PermissionDenied("Les commentaires sont fermés.")
    return ContributionComment.objects.create(contribution=contribution, author=user, body=body.strip())


def comment_moderate(*, user: User, comment: ContributionComment, hide: bool) -> ContributionComment:
    if not perms.can_moderate(user):
        raise PermissionDenied
    comment.is_hidden = hide
    comment.save(update_fields=["is_hidden"])
    return comment


# --- Booklets ---


def booklet_new(*, source: Consultation) -> Booklet:
    """The booklet of a consultation that has none yet, unsaved: shown on GET (never written
    then), saved by the first write (booklet_update_curated, booklet_generate)."""
    return Booklet(consultation=source, title=f"Livret de synthèse — {source}")


def booklet_generate(*, user: User, booklet: Booklet) -> Booklet:
    """Recompute figures and frequent terms, pre-fill the curated blocks the animator left empty,
    and hand the PDF, ODT and DOCX production to the worker."""
    from apps.consultations import tasks
    from apps.consultations.booklet import booklet_build

    if not perms.can_edit_booklet(user, booklet.source):
        raise PermissionDenied
    data = booklet_build(booklet)
    booklet.computed = {
        "headline": data["headline"],
        "tables": data["tables"],
        "terms": data["terms"],
        "themes": data["themes"],
    }
    if not booklet.strong_ideas.strip():
        booklet.strong_ideas = "\n".join(
            f"{row['label'].capitalize()} ({row['count']} mentions)"
            for row in data["terms"]["expressions"][:5]
        ) or "\n".join(
            f"{row['label'].capitalize()} ({row['count']} mentions)" for row in data["terms"]["terms"][:5]
        )
    booklet.generated_at = timezone.now()
    booklet.file_status = Booklet.FileStatus.PENDING
    booklet.file_error = ""
    booklet.save()
    enqueue_on_commit(tasks.booklet_render_files, booklet_id=booklet.pk)
    return booklet


def booklet_update_curated(*, user: User, booklet: Booklet, **fields: Any) -> Booklet:
    if not perms.can_edit_booklet(user, booklet.source):
        raise PermissionDenied
    allowed = {"title", "introduction", "strong_ideas", "next_steps", "section_notes"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(booklet, name, value)
    booklet.save()
    return booklet
