"""Every write of consultations, workshops and booklets."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from apps.consultations import perms
from apps.consultations.models import (
    STEERING_LABEL,
    Booklet,
    Comment,
    Contribution,
    Initiative,
    Proposal,
    Vote,
    Workshop,
)
from apps.core.tasks import enqueue_on_commit

# --- Contributions ---


def contribution_create(
    *, user, action, body: str, organisation=None, author_label: str = "", is_steering=False
):
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


def contribution_update(*, user, contribution: Contribution, body: str) -> Contribution:
    if not perms.can_edit_contribution(user, contribution):
        raise PermissionDenied("Cette contribution ne peut plus être modifiée.")
    contribution.body = body.strip()
    contribution.save(update_fields=["body", "updated_at"])
    return contribution


def contribution_moderate(*, user, contribution: Contribution, hide: bool, note: str = "") -> Contribution:
    if not perms.can_moderate(user):
        raise PermissionDenied
    contribution.is_hidden = hide
    contribution.moderation_note = note.strip() if hide else ""
    contribution.save(update_fields=["is_hidden", "moderation_note", "updated_at"])
    return contribution


def contribution_set_highlight(*, user, contribution: Contribution, highlighted: bool) -> Contribution:
    if not perms.can_moderate(user):
        raise PermissionDenied
    contribution.is_highlighted = highlighted
    contribution.save(update_fields=["is_highlighted", "updated_at"])
    return contribution


def comment_create(*, user, contribution: Contribution, body: str) -> Comment:
    consultation = contribution.action.objective.consultation
    if not perms.can_comment(user, consultation) or contribution.is_hidden:
        raise PermissionDenied("Les commentaires sont fermés.")
    return Comment.objects.create(contribution=contribution, author=user, body=body.strip())


def comment_moderate(*, user, comment: Comment, hide: bool) -> Comment:
    if not perms.can_moderate(user):
        raise PermissionDenied
    comment.is_hidden = hide
    comment.save(update_fields=["is_hidden"])
    return comment


# --- Workshops ---


def votes_used(*, user, workshop: Workshop) -> int:
    return Vote.objects.filter(user=user, initiative__workshop=workshop).count()


@transaction.atomic
def vote_toggle(*, user, initiative: Initiative) -> bool:
    """Put or take back a dot on an initiative. Returns True when the dot is now on it."""
    workshop = initiative.workshop
    if not perms.can_vote(user, workshop):
        raise PermissionDenied("Le vote n'est pas ouvert.")
    existing = Vote.objects.filter(user=user, initiative=initiative)
    if existing.exists():
        existing.delete()
        return False
    if votes_used(user=user, workshop=workshop) >= workshop.votes_per_participant:
        raise ValidationError(
            f"Vous avez déjà placé vos {workshop.votes_per_participant} gommettes : retirez-en une d'abord."
        )
    Vote.objects.create(user=user, initiative=initiative)
    return True


def initiatives_with_scores(workshop: Workshop):
    return workshop.initiatives.annotate(online_votes=Count("votes")).order_by("position", "pk")


def initiative_score(initiative) -> int:
    return getattr(initiative, "online_votes", 0) + initiative.paper_votes


@transaction.atomic
def workshop_select_top_initiatives(*, user, workshop: Workshop, count: int = 3) -> list[Initiative]:
    """Close the vote and retain the `count` initiatives with the most dots (ties: first shown)."""
    if not perms.can_manage_workshop(user, workshop):
        raise PermissionDenied
    if not 1 <= count <= 5:
        raise ValidationError("Retenez entre 1 et 5 initiatives.")
    ranked = sorted(initiatives_with_scores(workshop), key=lambda i: (-initiative_score(i), i.position, i.pk))
    chosen = ranked[:count]
    workshop.initiatives.update(is_selected=False)
    Initiative.objects.filter(pk__in=[i.pk for i in chosen]).update(is_selected=True)
    workshop.voting_open = False
    workshop.save(update_fields=["voting_open"])
    return chosen


@transaction.atomic
def proposals_import(*, user, workshop: Workshop, rows: list[dict]) -> list[Proposal]:
    """Create proposals from validated import rows (see imports.parse_proposals)."""
    if not perms.can_manage_workshop(user, workshop):
        raise PermissionDenied
    groups = {g.name.lower(): g for g in workshop.groups.all()}
    created = []
    for row in rows:
        group = None
        if row.get("group"):
            key = row["group"].lower()
            if key not in groups:
                groups[key] = workshop.groups.create(name=row["group"][:120])
            group = groups[key]
        created.append(
            Proposal(
                workshop=workshop,
                group=group,
                orientation=row["orientation"],
                action=row.get("action", ""),
                objectives=row.get("objectives", ""),
                categories=row.get("categories", []),
            )
        )
    return Proposal.objects.bulk_create(created)


# --- Booklets ---


def booklet_get_or_create(*, source) -> Booklet:
    field = "consultation" if hasattr(source, "closes_on") else "workshop"
    booklet, _ = Booklet.objects.get_or_create(
        **{field: source}, defaults={"title": f"Livret de synthèse — {source}"}
    )
    return booklet


def booklet_generate(*, user, booklet: Booklet) -> Booklet:
    """Recompute figures and frequent terms, pre-fill the curated blocks the animator left empty,
    and hand the PDF and ODT production to the worker."""
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


def booklet_update_curated(*, user, booklet: Booklet, **fields) -> Booklet:
    if not perms.can_edit_booklet(user, booklet.source):
        raise PermissionDenied
    allowed = {"title", "introduction", "strong_ideas", "next_steps", "section_notes"}
    for name, value in fields.items():
        if name not in allowed:
            raise ValueError(name)
        setattr(booklet, name, value)
    booklet.save()
    return booklet
