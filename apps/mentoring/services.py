"""Every write of mentoring. Keyword-only, named <entity>_<action>. E-mails go through the
worker (apps.core.emails), never inside the request."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.mentoring import selectors
from apps.mentoring.models import OPEN_STATUSES, Exchanged, MentorProfile, Mentorship, Status

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

    from apps.accounts.models import User
    from apps.experiences.models import Experience
    from apps.themes.models import Theme


class MentoringError(ValueError):
    """A French message for the person."""


def _link(mentorship: Mentorship) -> str:
    return reverse("mentoring:detail", kwargs={"pk": mentorship.pk})


def _name(user: User) -> str:
    person = getattr(user, "person", None)
    return person.full_name if person is not None else (user.get_full_name() or user.email)


def mentor_profile_save(
    *,
    user: User,
    themes: Iterable[Theme],
    capacity: int,
    paused_until: date | None = None,
    offer: str = "",
    is_active: bool = True,
) -> MentorProfile:
    if not 1 <= capacity <= 10:
        raise MentoringError("La capacité doit être comprise entre 1 et 10 parrainages.")
    profile, _ = MentorProfile.objects.update_or_create(
        user=user,
        defaults={"capacity": capacity, "paused_until": paused_until, "offer": offer, "is_active": is_active},
    )
    profile.themes.set(themes)
    return profile


@transaction.atomic
def mentorship_request(
    *,
    mentee: User,
    mentor: User,
    theme: Theme,
    goal: str,
    follow_up_days: int = 30,
    now: datetime.datetime | None = None,
) -> Mentorship:
    """Ask `mentor` to accompany `mentee` on `theme`. The mentor's offer is locked while its
    places are counted: two requests at once never take the same last place."""
    now = now or timezone.now()
    goal = goal.strip()
    if not goal:
        raise MentoringError("Dites en quelques mots ce que vous souhaitez apprendre.")
    profile = MentorProfile.objects.select_for_update(of=("self",)).filter(user=mentor).first()
    if profile is None or not profile.themes.filter(pk=theme.pk).exists():
        raise MentoringError("Cette personne ne propose pas d'accompagnement sur cette thématique.")
    candidates = selectors.mentor_candidates(mentee=mentee, theme=theme, k=10_000, now=now)
    candidate = next((c for c in candidates if c.user_id == mentor.pk), None)
    if candidate is None:
        raise MentoringError(
            f"{_name(mentor)} n'est plus disponible pour une nouvelle demande (places prises, pause, "
            "ou demande déjà faite) : choisissez une autre personne."
        )
    mentorship = Mentorship.objects.create(
        mentee=mentee,
        mentee_organisation=selectors.mentee_organisation(mentee),
        mentor=mentor,
        mentor_organisation=candidate.organisation,
        theme=theme,
        goal=goal,
        reason=selectors.explain(candidate)[:600],
        follow_up_days=follow_up_days,
    )
    if now != mentorship.created_at:
        Mentorship.objects.filter(pk=mentorship.pk).update(created_at=now)
    email_send_templated(
        to=mentor.email,
        template="mentoring/emails/request",
        context={"m": mentorship, "mentee_name": _name(mentee), "link": _link(mentorship)},
    )
    return mentorship


@transaction.atomic
def mentorship_answer(
    *, mentorship: Mentorship, by: User, accept: bool, message: str = "", now: datetime.datetime | None = None
) -> Mentorship:
    now = now or timezone.now()
    mentorship = Mentorship.objects.select_for_update(of=("self",)).get(pk=mentorship.pk)
    if mentorship.status != Status.REQUESTED:
        raise MentoringError("Cette demande a déjà reçu une réponse ou a été retirée.")
    if by.pk != mentorship.mentor_id:
        raise MentoringError("Seule la personne sollicitée peut répondre.")
    mentorship.answer_message = message.strip()
    mentorship.answered_at = now
    context = {
        "m": mentorship,
        "mentee_name": _name(mentorship.mentee),
        "mentor_name": _name(mentorship.mentor),
        "link": _link(mentorship),
    }
    if accept:
        mentorship.status = Status.ACCEPTED
        mentorship.introduced_at = now
        mentorship.follow_up_at = now + timedelta(days=mentorship.follow_up_days)
        # The introduction: one message to both, each with the other's address (they agreed to it
        # by asking and by accepting), replying to all reaches the other.
        email_send_templated(
            to=[mentorship.mentee.email, mentorship.mentor.email],
            template="mentoring/emails/introduction",
            context={
                **context,
                "mentee_email": mentorship.mentee.email,
                "mentor_email": mentorship.mentor.email,
            },
        )
    else:
        mentorship.status = Status.DECLINED
        email_send_templated(
            to=mentorship.mentee.email, template="mentoring/emails/declined", context=context
        )
    mentorship.save()
    return mentorship


@transaction.atomic
def mentorship_withdraw(*, mentorship: Mentorship, by: User) -> Mentorship:
    mentorship = Mentorship.objects.select_for_update(of=("self",)).get(pk=mentorship.pk)
    if mentorship.status != Status.REQUESTED or by.pk != mentorship.mentee_id:
        raise MentoringError("Seule une demande en attente peut être retirée, par la personne qui l'a faite.")
    mentorship.status = Status.WITHDRAWN
    mentorship.closed_at = timezone.now()
    mentorship.save(update_fields=["status", "closed_at"])
    email_send_templated(
        to=mentorship.mentor.email,
        template="mentoring/emails/withdrawn",
        context={"m": mentorship, "mentee_name": _name(mentorship.mentee), "link": _link(mentorship)},
    )
    return mentorship


def mentorship_record_exchange(*, mentorship: Mentorship, by: User, exchanged: str) -> Mentorship:
    if exchanged not in Exchanged.values:
        raise MentoringError("Réponse inconnue.")
    if mentorship.status != Status.ACCEPTED or by.pk not in (mentorship.mentee_id, mentorship.mentor_id):
        raise MentoringError("Seules les deux personnes d'un parrainage en cours peuvent répondre.")
    mentorship.exchanged = exchanged
    mentorship.exchanged_at = timezone.now()
    mentorship.save(update_fields=["exchanged", "exchanged_at"])
    return mentorship


@transaction.atomic
def mentorship_close(
    *, mentorship: Mentorship, by: User, note: str = "", as_experience: bool = False
) -> tuple[Mentorship, Experience | None]:
    """End a mentorship, with an optional short note; the note may start a draft experience
    report (a draft the closer completes and submits for review as usual)."""
    mentorship = Mentorship.objects.select_for_update(of=("self",)).get(pk=mentorship.pk)
    if mentorship.status != Status.ACCEPTED:
        raise MentoringError("Seul un parrainage en cours peut être clos.")
    note = note.strip()
    if as_experience and not note:
        raise MentoringError("Écrivez quelques lignes pour en faire un retour d'expérience.")
    mentorship.status = Status.CLOSED
    mentorship.closing_note = note
    mentorship.closed_by = by
    mentorship.closed_at = timezone.now()
    experience = None
    if as_experience:
        experience = _draft_experience(mentorship=mentorship, by=by)
        mentorship.experience = experience
    mentorship.save()
    return mentorship, experience


def _draft_experience(*, mentorship: Mentorship, by: User) -> Experience:
    """Through the experiences app's own service (versions, search index)."""
    from apps.experiences.models import Audience, Format, ProjectStatus
    from apps.experiences.services import experience_create

    organisations = [
        o
        for o in (mentorship.mentee_organisation, mentorship.mentor_organisation)
        if o is not None and o.memberships.filter(person__user=by).exists()
    ]
    mentor_org = (
        mentorship.mentor_organisation.name if mentorship.mentor_organisation else _name(mentorship.mentor)
    )
    mentee_org = (
        mentorship.mentee_organisation.name if mentorship.mentee_organisation else _name(mentorship.mentee)
    )
    return experience_create(
        author=by,
        format=Format.MONOGRAPH,
        data={
            "title": f"Parrainage « {mentorship.theme.name} » : {mentor_org} et {mentee_org}"[:200],
            "summary": mentorship.closing_note[:1000],
            "project_status": ProjectStatus.COMPLETED,
            "themes": [mentorship.theme],
            "context": (
                f"Parrainage entre pairs du réseau : {mentor_org} a accompagné {mentee_org} "
                f"sur « {mentorship.theme.name} »."
            ),
            "objectives": mentorship.goal,
            "lessons": mentorship.closing_note,
            "organisations": organisations,
            "audience": Audience.MEMBERS,
        },
    )


def mentorships_follow_up(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The daily pass (command `mentoring_follow_up`, run by the worker): « avez-vous pu
    échanger ? » once the chosen delay is over, and requests left unanswered expire. Idempotent:
    each row is claimed by a conditional UPDATE before its e-mail is queued."""
    now = now or timezone.now()
    sent = expired = 0
    due = Mentorship.objects.filter(
        status=Status.ACCEPTED, follow_up_at__lte=now, follow_up_sent_at__isnull=True
    ).select_related("mentee", "mentor", "theme")
    for mentorship in due:
        with transaction.atomic():
            if not Mentorship.objects.filter(pk=mentorship.pk, follow_up_sent_at__isnull=True).update(
                follow_up_sent_at=now
            ):
                continue
            email_send_templated(
                to=[mentorship.mentee.email, mentorship.mentor.email],
                template="mentoring/emails/follow_up",
                context={
                    "m": mentorship,
                    "mentee_name": _name(mentorship.mentee),
                    "mentor_name": _name(mentorship.mentor),
                    "link": _link(mentorship),
                },
            )
            sent += 1
    limit = now - timedelta(days=selectors.config("EXPIRE_AFTER_DAYS"))
    stale = Mentorship.objects.filter(status=Status.REQUESTED, created_at__lte=limit).select_related(
        "mentee", "mentor", "theme"
    )
    for mentorship in stale:
        with transaction.atomic():
            if not Mentorship.objects.filter(pk=mentorship.pk, status=Status.REQUESTED).update(
                status=Status.EXPIRED, closed_at=now
            ):
                continue
            email_send_templated(
                to=mentorship.mentee.email,
                template="mentoring/emails/expired",
                context={
                    "m": mentorship,
                    "mentor_name": _name(mentorship.mentor),
                    "days": selectors.config("EXPIRE_AFTER_DAYS"),
                    "link": reverse("mentoring:request") + f"?theme={mentorship.theme.slug}",
                },
            )
            expired += 1
    return {"sent": sent, "expired": expired}


__all__ = [
    "OPEN_STATUSES",
    "MentoringError",
    "mentor_profile_save",
    "mentorship_answer",
    "mentorship_close",
    "mentorship_record_exchange",
    "mentorship_request",
    "mentorship_withdraw",
    "mentorships_follow_up",
]
