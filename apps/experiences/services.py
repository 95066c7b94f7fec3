"""Every write on experience reports: versions, workflow, attachments, search index, emails."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.core.emails import email_send_templated
from apps.experiences.models import SECTIONS, Attachment, Experience, ExperienceVersion, State
from apps.search.services import search_index_object, search_remove_object

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


@transaction.atomic
def experience_create(*, form, author: User) -> Experience:
    experience = form.save(commit=False)
    experience.author = author
    experience.state = State.DRAFT
    experience.save()
    form.save_m2m()
    _snapshot(experience, by=author, note="Création")
    search_index_object(experience)
    return experience


@transaction.atomic
def experience_update(*, form, by: User, note: str = "") -> Experience:
    experience = form.save()
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
    for attachment in experience.attachments.all():
        attachment.file.delete(save=False)
    experience.delete()


@transaction.atomic
def attachment_add(
    *, experience: Experience, uploaded, title: str, alt: str, kind: str, by: User
) -> Attachment:
    attachment = Attachment(
        experience=experience, title=title, alt=alt, kind=kind, size=uploaded.size, uploaded_by=by
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: Attachment, by: User) -> None:
    attachment.file.delete(save=False)
    attachment.delete()
