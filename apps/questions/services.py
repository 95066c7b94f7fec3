"""Every write of the questions app. Keyword-only, named <entity>_<action>."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from apps.accounts.models import User
from apps.directory.models import Membership
from apps.groups.models import GroupMembership
from apps.notifications.models import Kind
from apps.notifications.services import notification_create
from apps.questions.models import (
    Answer,
    Attachment,
    Comment,
    Expertise,
    Follow,
    Question,
    QuestionRevision,
    Report,
    Solicitation,
    State,
    Vote,
)
from apps.questions.routing import Candidate, choose_experts, explain
from apps.search.services import search_index_object

DEFAULTS = {
    "EXPERTS_PER_ROUND": 3,  # k experts asked per round
    "ESCALATE_AFTER_DAYS": 5,  # no answer after N days -> next round
    "MAX_ROUNDS": 2,  # rounds of experts before the animators are told
    "HOLD_FIRST_POSTS": True,  # first post of a new member waits for an animator
}


def config(name: str):
    return getattr(settings, "MAILLAGE_QUESTIONS", {}).get(name, DEFAULTS[name])


# -- helpers -------------------------------------------------------------------------------------


def _is_animator(user) -> bool:
    return bool(user and user.is_authenticated and user.is_animator)


def _must_hold(*, author, group) -> bool:
    """First posts of new members are held for review (network-wide only: inside a group, the peers
    know each other and group animators moderate)."""
    if group is not None or not config("HOLD_FIRST_POSTS") or _is_animator(author):
        return False
    has_published = (
        Question.objects.filter(author=author, state=State.PUBLISHED).exists()
        or Answer.objects.filter(author=author, state=State.PUBLISHED).exists()
    )
    return not has_published


def _audience(question) -> list[User]:
    """People allowed to hear about `question`: a group question never reaches outsiders."""
    if question.group_id:
        return list(
            User.objects.filter(
                group_memberships__group_id=question.group_id,
                group_memberships__status=GroupMembership.Status.ACTIVE,
                is_active=True,
            )
        )
    return list(User.objects.filter(is_active=True))


def _allowed(question, users) -> list[User]:
    if not question.group_id:
        return [u for u in users if u and u.is_active]
    ids = set(
        GroupMembership.objects.filter(
            group_id=question.group_id, status=GroupMembership.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    return [u for u in users if u and u.is_active and u.pk in ids]


def _moderators(question) -> list[User]:
    if question.group_id:
        return list(
            User.objects.filter(
                group_memberships__group_id=question.group_id,
                group_memberships__status=GroupMembership.Status.ACTIVE,
                group_memberships__role=GroupMembership.Role.ANIMATOR,
            )
        )
    return list(User.objects.animators())


def _reindex(question) -> None:
    search_index_object(question)


def _attach(*, question, files) -> None:
    for upload in files or []:
        Attachment.objects.create(
            question=question, file=upload, original_name=upload.name[:255], size=upload.size
        )


# -- questions -----------------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *,
    author,
    title: str,
    body: str,
    themes=(),
    territory=None,
    group=None,
    experience=None,
    resource=None,
    files=(),
    now: datetime | None = None,
) -> Question:
    state = State.PENDING if _must_hold(author=author, group=group) else State.PUBLISHED
    question = Question.objects.create(
        title=title,
        body=body,
        author=author,
        group=group,
        territory=territory,
        experience=experience,
        resource=resource,
        state=state,
    )
    question.themes.set(themes)
    _attach(question=question, files=files)
    Follow.objects.get_or_create(question=question, user=author)
    if state == State.PUBLISHED:
        _on_published(question=question, now=now)
    else:
        notification_create(
            recipients=_moderators(question),
            kind=Kind.MODERATION,
            target=question,
            event="held",
            title=f"Première question à valider : « {question.title} »",
            url=_moderation_url(),
        )
    _reindex(question)
    return question


def _moderation_url() -> str:
    from django.urls import reverse

    return reverse("questions:moderation")


def _on_published(*, question, now=None) -> None:
    question_route(question=question, round=1, now=now)
    if question.group_id:
        notification_create(
            recipients=[u for u in _audience(question) if u.pk != question.author_id],
            kind=Kind.GROUP,
            target=question,
            event="new",
            title=f"Nouvelle discussion dans « {question.group.name} » : {question.title}",
            url=question.get_absolute_url(),
        )


@transaction.atomic
def question_update(
    *, question, by, title: str, body: str, themes=None, territory=None, files=()
) -> Question:
    if question.title != title or question.body != body:
        QuestionRevision.objects.create(
            question=question, title=question.title, body=question.body, edited_by=by
        )
    question.title, question.body, question.territory = title, body, territory
    question.save()
    if themes is not None:
        question.themes.set(themes)
    _attach(question=question, files=files)
    _reindex(question)
    return question


def question_approve(*, question, by) -> None:
    with transaction.atomic():
        question.state = State.PUBLISHED
        question.hidden_reason = ""
        question.save(update_fields=["state", "hidden_reason", "updated_at"])
        if not question.solicitations.exists():
            _on_published(question=question)
        _reindex(question)


def question_hide(*, question, by, reason: str) -> None:
    question.state = State.HIDDEN
    question.hidden_reason = reason
    question.save(update_fields=["state", "hidden_reason", "updated_at"])
    question.reports.filter(status=Report.Status.OPEN).update(status=Report.Status.CLOSED)
    _reindex(question)


def question_lock(*, question, by, locked: bool) -> None:
    question.is_locked = locked
    question.save(update_fields=["is_locked", "updated_at"])


def question_move(*, question, by, themes) -> None:
    """Move a question to other themes (a misfiled question): the next rounds follow the new themes."""
    question.themes.set(themes)
    question.save(update_fields=["updated_at"])
    _reindex(question)


def question_set_resolved(*, question, by, resolved: bool) -> None:
    question.is_resolved = resolved
    question.save(update_fields=["is_resolved", "updated_at"])


def question_follow(*, question, user, follow: bool) -> None:
    if follow:
        Follow.objects.get_or_create(question=question, user=user)
    else:
        Follow.objects.filter(question=question, user=user).delete()


def question_faq_set(*, question, by, in_faq: bool, position: int = 0) -> None:
    question.in_faq = in_faq
    question.faq_position = position
    question.save(update_fields=["in_faq", "faq_position", "updated_at"])


def question_report(*, question, reporter, reason: str, answer=None) -> Report:
    report = Report.objects.create(question=question, answer=answer, reporter=reporter, reason=reason)
    notification_create(
        recipients=_moderators(question),
        kind=Kind.MODERATION,
        target=report,
        event="report",
        title=f"Signalement sur « {question.title} »",
        url=question.get_absolute_url() if question.group_id else _moderation_url(),
    )
    return report


def report_close(*, report, by) -> None:
    report.status = Report.Status.CLOSED
    report.save(update_fields=["status"])


# -- answers -------------------------------------------------------------------------------------


@transaction.atomic
def answer_create(*, question, author, body: str, now: datetime | None = None) -> Answer:
    now = now or timezone.now()
    state = State.PENDING if _must_hold(author=author, group=question.group) else State.PUBLISHED
    answer = Answer.objects.create(question=question, author=author, body=body, state=state)
    Follow.objects.get_or_create(question=question, user=author)
    if state == State.PUBLISHED:
        _on_answer_published(answer=answer, now=now)
    else:
        notification_create(
            recipients=_moderators(question),
            kind=Kind.MODERATION,
            target=answer,
            event="held",
            title=f"Première réponse à valider sur « {question.title} »",
            url=_moderation_url(),
        )
    return answer


def _on_answer_published(*, answer, now=None) -> None:
    question = answer.question
    Question.objects.filter(pk=question.pk).update(
        answer_count=F("answer_count") + 1, last_activity_at=timezone.now()
    )
    question.refresh_from_db(fields=["answer_count", "last_activity_at"])
    Solicitation.objects.filter(question=question, expert=answer.author, answered_at__isnull=True).update(
        answered_at=now or timezone.now()
    )
    followers = [f.user for f in question.follows.select_related("user") if f.user_id != answer.author_id]
    notification_create(
        recipients=_allowed(question, followers),
        kind=Kind.ANSWER,
        target=question,
        event=f"answer-{answer.pk}",
        title=f"Nouvelle réponse à « {question.title} »",
        url=answer.get_absolute_url(),
    )
    _reindex(question)


def answer_approve(*, answer, by) -> None:
    with transaction.atomic():
        answer.state = State.PUBLISHED
        answer.hidden_reason = ""
        answer.save(update_fields=["state", "hidden_reason", "updated_at"])
        _on_answer_published(answer=answer)


def answer_hide(*, answer, by, reason: str) -> None:
    was_published = answer.state == State.PUBLISHED
    answer.state = State.HIDDEN
    answer.hidden_reason = reason
    answer.save(update_fields=["state", "hidden_reason", "updated_at"])
    answer.reports.filter(status=Report.Status.OPEN).update(status=Report.Status.CLOSED)
    if was_published:
        Question.objects.filter(pk=answer.question_id, answer_count__gt=0).update(
            answer_count=F("answer_count") - 1
        )
    question = answer.question
    if question.accepted_answer_id == answer.pk:
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer", "updated_at"])
    _reindex(question)


def answer_accept(*, answer, by) -> None:
    question = answer.question
    question.accepted_answer = answer
    question.is_resolved = True
    question.save(update_fields=["accepted_answer", "is_resolved", "updated_at"])
    if answer.author_id and answer.author_id != by.pk:
        notification_create(
            recipients=_allowed(question, [answer.author]),
            kind=Kind.ACCEPTED,
            target=answer,
            event="accepted",
            title=f"Votre réponse à « {question.title} » a été acceptée",
            url=answer.get_absolute_url(),
        )


def answer_vote_toggle(*, answer, user) -> bool:
    """Returns True when the vote now exists."""
    with transaction.atomic():
        deleted, _ = Vote.objects.filter(answer=answer, user=user).delete()
        if not deleted:
            try:
                with transaction.atomic():
                    Vote.objects.create(answer=answer, user=user)
            except IntegrityError:  # a double click: the vote is already there
                pass
        Answer.objects.filter(pk=answer.pk).update(useful_count=Vote.objects.filter(answer=answer).count())
    return not deleted


def comment_create(*, answer, author, body: str) -> Comment:
    return Comment.objects.create(answer=answer, author=author, body=body)


# -- expertise and routing -----------------------------------------------------------------------


def expertise_set(
    *, user, theme, capacity_per_month: int, paused_until=None, designated_by=None
) -> Expertise:
    expertise, _ = Expertise.objects.update_or_create(
        user=user,
        theme=theme,
        defaults={
            "capacity_per_month": capacity_per_month,
            "paused_until": paused_until,
            **({"designated_by": designated_by} if designated_by else {}),
        },
    )
    return expertise


def expertise_delete(*, expertise, by) -> None:
    expertise.delete()


def _month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def routing_candidates(*, question, now: datetime) -> list[Candidate]:
    theme_ids = list(question.themes.values_list("pk", flat=True))
    if not theme_ids:
        return []
    expertises = Expertise.objects.filter(theme_id__in=theme_ids, user__is_active=True).select_related(
        "theme"
    )
    if question.group_id:
        # A group question is only ever shown to the group's members: experts outside are not asked.
        expertises = expertises.filter(
            user__group_memberships__group_id=question.group_id,
            user__group_memberships__status=GroupMembership.Status.ACTIVE,
        )
    # Lock the rows: two questions routed at once must not both take an expert's last slot.
    expertises = list(expertises.select_for_update(of=("self",)).order_by("pk"))
    user_ids = {e.user_id for e in expertises}
    used = {
        (row["expert_id"], row["theme_id"]): row["n"]
        for row in Solicitation.objects.filter(expert_id__in=user_ids, created_at__gte=_month_start(now))
        .values("expert_id", "theme_id")
        .annotate(n=Count("pk"))
    }
    last = dict(
        Solicitation.objects.filter(expert_id__in=user_ids)
        .values("expert_id")
        .annotate(last=Max("created_at"))
        .values_list("expert_id", "last")
    )
    organisations: dict[int, set[int]] = {}
    for user_id, org_id in Membership.objects.filter(person__user_id__in=user_ids).values_list(
        "person__user_id", "organisation_id"
    ):
        organisations.setdefault(user_id, set()).add(org_id)
    return [
        Candidate(
            user_id=e.user_id,
            theme_id=e.theme_id,
            theme_name=e.theme.name,
            capacity=e.capacity_per_month,
            used_this_month=used.get((e.user_id, e.theme_id), 0),
            last_solicited_at=last.get(e.user_id),
            paused_until=e.paused_until,
            organisation_ids=frozenset(organisations.get(e.user_id, ())),
        )
        for e in expertises
    ]


@transaction.atomic
def question_route(
    *, question, round: int, k: int | None = None, now: datetime | None = None
) -> list[Solicitation]:
    """Ask k experts of the question's themes (see routing.choose_experts) and record why."""
    now = now or timezone.now()
    k = config("EXPERTS_PER_ROUND") if k is None else k
    candidates = routing_candidates(question=question, now=now)
    asker_orgs = frozenset(
        Membership.objects.filter(person__user_id=question.author_id).values_list(
            "organisation_id", flat=True
        )
    )
    chosen = choose_experts(
        candidates,
        k=k,
        today=timezone.localdate(now),
        asker_id=question.author_id,
        asker_organisation_ids=asker_orgs,
        already_asked=set(question.solicitations.values_list("expert_id", flat=True)),
    )
    solicitations = []
    for candidate in chosen:
        solicitation = Solicitation.objects.create(
            question=question,
            expert_id=candidate.user_id,
            theme_id=candidate.theme_id,
            round=round,
            reason=explain(candidate, now=now),
        )
        if now != solicitation.created_at:
            # Simulations and back-dated escalations: the record carries the routing time.
            Solicitation.objects.filter(pk=solicitation.pk).update(created_at=now)
        solicitations.append(solicitation)
    Question.objects.filter(pk=question.pk).update(routing_round=round)
    question.routing_round = round
    if chosen:
        notification_create(
            recipients=list(User.objects.filter(pk__in=[c.user_id for c in chosen])),
            kind=Kind.SOLICITATION,
            target=question,
            event="solicitation",
            title=f"Votre expertise est sollicitée : « {question.title} »",
            url=question.get_absolute_url(),
        )
    return solicitations


def questions_escalate(*, now: datetime | None = None) -> dict[str, int]:
    """Unanswered questions: after N days, the next round of experts; after the last round, the
    animators (the group's animators for a group question: network animators do not read groups)."""
    now = now or timezone.now()
    limit = now - timedelta(days=config("ESCALATE_AFTER_DAYS"))
    rerouted = escalated = 0
    candidates = Question.objects.filter(
        state=State.PUBLISHED,
        answer_count=0,
        is_locked=False,
        is_resolved=False,
        escalated_to_animators_at__isnull=True,
        created_at__lte=limit,
    ).select_related("group")
    for question in candidates.iterator():
        last_round_at = question.solicitations.aggregate(last=Max("created_at"))["last"]
        if last_round_at and last_round_at > limit:
            continue
        with transaction.atomic():
            if question.routing_round < config("MAX_ROUNDS") and question_route(
                question=question, round=question.routing_round + 1, now=now
            ):
                rerouted += 1
                continue
            Question.objects.filter(pk=question.pk).update(escalated_to_animators_at=now)
            notification_create(
                recipients=_moderators(question),
                kind=Kind.MODERATION,
                target=question,
                event="escalated",
                title=f"Question sans réponse depuis {config('ESCALATE_AFTER_DAYS')} jours : « {question.title} »",
                url=question.get_absolute_url(),
            )
            escalated += 1
    return {"rerouted": rerouted, "escalated": escalated}
