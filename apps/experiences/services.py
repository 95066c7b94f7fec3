"""Every write on experience reports: versions, workflow, attachments, search index, emails."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypedDict

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core import files
from apps.core.emails import email_send_templated
from apps.core.services import model_save
from apps.directory.models import Organisation, Person
from apps.experiences.models import (
    SECTIONS,
    Experience,
    ExperienceAttachment,
    ExperienceVersion,
    Format,
    State,
)
from apps.notifications.models import Kind
from apps.notifications.services import notification_create, notification_resolve
from apps.search.services import search_index_object, search_remove_object
from apps.territories.models import Territory
from apps.themes.models import Theme

VERSIONED_FIELDS = [
    "title",
    "summary",
    *[name for name, _ in SECTIONS],
    "budget_amount",
    "funders",
    "project_status",
]


def _snapshot(experience: Experience, *, by: User | None, note: str) -> ExperienceVersion:
    last = experience.versions.aggregate(last=Max("number"))["last"] or 0
    data = {name: getattr(experience, name) for name in VERSIONED_FIELDS}
    data["themes"] = [t.name for t in experience.themes.all()]
    return ExperienceVersion.objects.create(
        experience=experience, number=last + 1, data=data, author=by, note=note
    )


def _link(experience: Experience) -> str:
    return reverse("experiences:detail", kwargs={"slug": experience.slug})


class ExperienceData(TypedDict, total=False):
    """What a writer fills in (a short « fiche action » leaves some sections out)."""

    title: str
    summary: str
    project_status: str
    started_on: datetime.date | None
    ended_on: datetime.date | None
    territory: Territory | None
    territory_character: str
    themes: Iterable[Theme]
    context: str
    objectives: str
    steps: str
    actors: str
    budget: str
    results: str
    difficulties: str
    lessons: str
    transposability: str
    contacts: str
    budget_amount: int | None
    funders: str
    organisations: Iterable[Organisation]
    people: Iterable[Person]
    audience: str


@transaction.atomic
def experience_create(*, author: User, data: ExperienceData, format: str = Format.MONOGRAPH) -> Experience:
    experience = model_save(
        instance=Experience(author=author, state=State.DRAFT, format=format), data=dict(data)
    )
    _snapshot(experience, by=author, note="Création")
    search_index_object(experience)
    return experience


@transaction.atomic
def experience_update(
    *, experience: Experience, data: ExperienceData, by: User, note: str = ""
) -> Experience:
    model_save(instance=experience, data=dict(data))
    _snapshot(experience, by=by, note=note or "Modification")
    search_index_object(experience)
    return experience


@transaction.atomic
def experience_submit(*, experience: Experience, by: User) -> Experience:
    experience.state = State.SUBMITTED
    experience.save(update_fields=["state", "updated_at"])
    search_index_object(experience)
    reviewers = set(User.objects.animators().values_list("email", flat=True))
    reviewers.update(
        User.objects.filter(
            person__memberships__organisation__in=experience.organisations.all(),
            person__memberships__is_referent=True,
            is_active=True,
        ).values_list("email", flat=True)
    )
    reviewers.discard(by.email)
    notification_create(
        recipients=[user for user in User.objects.animators() if user.pk != by.pk],
        kind=Kind.MODERATION,
        target=experience,
        event="submitted",
        title=f"Retour d'expérience à relire : « {experience.title} »",
        url=reverse("cockpit:moderation") + "?type=experiences",
    )
    if reviewers:
        email_send_templated(
            to=sorted(reviewers),
            template="experiences/emails/submitted",
            context={"experience": experience, "by": by, "link": _link(experience)},
        )
    return experience


@transaction.atomic
def experience_review(*, experience: Experience, by: User, approve: bool, comment: str) -> Experience:
    """A référent·e or animator approves the text (ready to publish) or sends it back to its author."""
    experience.state = State.REVIEWED if approve else State.DRAFT
    experience.reviewed_by = by
    experience.review_comment = comment
    experience.save(update_fields=["state", "reviewed_by", "review_comment", "updated_at"])
    search_index_object(experience)
    if not approve:
        # Back to its author: nothing waits for the animators any more.
        notification_resolve(target=experience, events=["submitted"])
    if experience.author and experience.author != by:
        email_send_templated(
            to=experience.author.email,
            template="experiences/emails/reviewed",
            context={
                "experience": experience,
                "approve": approve,
                "comment": comment,
                "link": _link(experience),
            },
        )
    return experience


@transaction.atomic
def experience_publish(*, experience: Experience, by: User) -> Experience:
    experience.state = State.PUBLISHED
    experience.published_at = experience.published_at or timezone.now()
    experience.save(update_fields=["state", "published_at", "updated_at"])
    _snapshot(experience, by=by, note="Publication")
    notification_resolve(target=experience, events=["submitted"])
    search_index_object(experience)
    if experience.author and experience.author != by:
        email_send_templated(
            to=experience.author.email,
            template="experiences/emails/published",
            context={"experience": experience, "link": _link(experience)},
        )
    return experience


@transaction.atomic
def experience_unpublish(*, experience: Experience, by: User) -> Experience:
    experience.state = State.DRAFT
    experience.save(update_fields=["state", "updated_at"])
    search_index_object(experience)
    return experience


@transaction.atomic
def experience_delete(*, experience: Experience, by: User) -> None:
    search_remove_object(experience)
    notification_resolve(target=experience, events=["submitted"])
    for attachment in experience.attachments.all():
        attachment.file.delete(save=False)
    experience.delete()


@transaction.atomic
def attachment_add(
    *, experience: Experience, uploaded: UploadedFile, title: str, alt: str, kind: str, by: User
) -> ExperienceAttachment:
    attachment = ExperienceAttachment(
        experience=experience,
        title=title,
        alt=alt,
        kind=kind,
        size=uploaded.size or 0,
        uploaded_by=by,
        original_name=files.clean_original_name(uploaded.name or ""),
    )
    attachment.file.save(uploaded.name or "fichier", uploaded, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ExperienceAttachment, by: User) -> None:
    attachment.file.delete(save=False)
    attachment.delete()
