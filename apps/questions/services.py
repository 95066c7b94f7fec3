"""Every write of the questions app. Keyword-only, named <entity>_<action>."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from apps.accounts.models import User
from apps.core.files import clean_original_name
from apps.core.published import content_published
from apps.directory.models import Membership
from apps.groups.models import GroupMembership
from apps.notifications.models import Kind
from apps.notifications.services import notification_create, notification_resolve, notifications_forget
from apps.questions.models import (
    Answer,
    Comment,
    Expertise,
    Question,
    QuestionAttachment,
    QuestionFollow,
    QuestionRevision,
    Report,
    Solicitation,
    State,
    Vote,
)
from apps.questions.routing import Candidate, choose_experts, explain
from apps.search.services import search_index_object

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile
    from django.db.models import QuerySet

    from apps.experiences.models import Experience
    from apps.groups.models import Discussion, Group
    from apps.resources.models import Resource
    from apps.territories.models import Territory
    from apps.themes.models import Theme


DEFAULTS = {
    "EXPERTS_PER_ROUND": 3,  # k experts asked per round
    "ESCALATE_AFTER_DAYS": 5,  # no answer after N days -> next round
    "MAX_ROUNDS": 2,  # rounds of experts before the animators are told
    "HOLD_FIRST_POSTS": True,  # first post of a new member waits for an animator
}


def config(name: str) -> Any:
    return getattr(settings, "MAILLAGE_QUESTIONS", {}).get(name, DEFAULTS[name])


# -- helpers -------------------------------------------------------------------------------------


def _is_animator(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_animator)


def _must_hold(*, author: User, group: Group | None) -> bool:
    """First posts of new members are held for review (network-wide only: inside a group, the peers
    know each other and group animators moderate)."""
    if group is not None or not config("HOLD_FIRST_POSTS") or _is_animator(author):
        return False
    has_published = (
        Question.objects.filter(author=author, state=State.PUBLISHED).exists()
        or Answer.objects.filter(author=author, state=State.PUBLISHED).exists()
    )
    return not has_published


def _group_members(question: Question, **more: Any) -> list[User]:
    """The active members of the question's group (`more`: further filters on the users)."""
    return list(
        User.objects.filter(
            group_memberships__group_id=question.group_id,
            group_memberships__status=GroupMembership.Status.ACTIVE,
            **more,
        )
    )


def _audience(question: Question) -> list[User]:
    """People allowed to hear about `question`: a group question never reaches outsiders."""
    if question.group_id:
        return _group_members(question, is_active=True)
    return list(User.objects.filter(is_active=True))


def _allowed(question: Question, users: Iterable[User | None]) -> list[User]:
    if not question.group_id:
        return [u for u in users if u and u.is_active]
    ids = set(
        GroupMembership.objects.filter(
            group_id=question.group_id, status=GroupMembership.Status.ACTIVE
        ).values_list("user_id", flat=True)
    )
    return [u for u in users if u and u.is_active and u.pk in ids]


def _moderators(question: Question) -> list[User]:
    if question.group_id:
        return _group_members(question, group_memberships__role=GroupMembership.Role.ANIMATOR)
    return list(User.objects.animators())


def _reindex(question: Question) -> None:
    search_index_object(question)


@transaction.atomic
def question_delete(*, question: Question, by: User) -> None:
    """Delete a question (the admin's deletion): its search document and the notifications about it go too."""
    from django.contrib.contenttypes.models import ContentType

    from apps.notifications.models import Notification
    from apps.search.services import search_remove_object

    search_remove_object(question)
    Notification.objects.filter(
        content_type=ContentType.objects.get_for_model(Question), object_id=question.pk
    ).delete()
    for attachment in question.attachments.all():
        attachment.file.delete(save=False)
    question.delete()


def _attach(*, question: Question, files: Iterable[UploadedFile]) -> None:
    for upload in files or []:
        QuestionAttachment.objects.create(
            question=question,
            file=upload,
            original_name=clean_original_name(upload.name or ""),
            size=upload.size or 0,
        )


# -- questions -----------------------------------------------------------------------------------


@transaction.atomic
def question_create(
    *,
    author: User,
    title: str,
    body: str,
    themes: Iterable[Theme] = (),
    territory: Territory | None = None,
    group: Group | None = None,
    experience: Experience | None = None,
    resource: Resource | None = None,
    files: Iterable[UploadedFile] = (),
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
    QuestionFollow.objects.get_or_create(question=question, user=author)
    if state == State.PUBLISHED:
        _on_published(question=question, now=now)
    else:
        _held(question=question, target=question, title=f"Première question à valider : « {question.title} »")
    _reindex(question)
    return question


def _moderation_url() -> str:
    from django.urls import reverse

    return reverse("questions:moderation")


def _held(*, question: Question, target: Question | Answer, title: str) -> None:
    """A first contribution held for moderation: the moderators of its place are told."""
    notification_create(
        recipients=_moderators(question),
        kind=Kind.MODERATION,
        target=target,
        event="held",
        title=title,
        url=_moderation_url(),
    )


def _on_published(*, question: Question, now: datetime | None = None) -> None:
    question_route(question=question, round=1, now=now)
    experience = question.experience
    if (
        experience is not None
        and experience.author is not None
        and experience.author_id != question.author_id
    ):
        # "Poser une question sur ce retour": the author of the experience is the first one asked.
        notification_create(
            recipients=[experience.author],
            kind=Kind.SOLICITATION,
            target=question,
            event="experience",
            title=f"Une question sur votre retour d'expérience « {experience.title} » : {question.title}",
            url=question.get_absolute_url(),
        )
    if question.group is not None:
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
    *,
    question: Question,
    by: User,
    title: str,
    body: str,
    themes: Iterable[Theme] | None = None,
    territory: Territory | None = None,
    files: Iterable[UploadedFile] = (),
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


def question_approve(*, question: Question, by: User) -> None:
    with transaction.atomic():
        was_held = question.state == State.PENDING
        question.state = State.PUBLISHED
        question.hidden_reason = ""
        question.save(update_fields=["state", "hidden_reason", "updated_at"])
        if not question.solicitations.exists():
            _on_published(question=question)
        if was_held:
            content_published(instance=question, at=timezone.now())
        notification_resolve(target=question, events=["held"])
        _reindex(question)


def question_hide(*, question: Question, by: User, reason: str) -> None:
    question.state = State.HIDDEN
    question.hidden_reason = reason
    question.save(update_fields=["state", "hidden_reason", "updated_at"])
    _reports_close(question.reports.filter(status=Report.Status.OPEN))
    notification_resolve(target=question, events=["held", "escalated"])
    _reindex(question)


def _reports_close(reports: QuerySet[Report]) -> None:
    """Close open reports (the reported content was handled): their notifications are done too."""
    for report in list(reports):
        report.status = Report.Status.CLOSED
        report.save(update_fields=["status"])
        notification_resolve(target=report)


def question_lock(*, question: Question, by: User, locked: bool) -> None:
    question.is_locked = locked
    question.save(update_fields=["is_locked", "updated_at"])


def question_move(*, question: Question, by: User, themes: Iterable[Theme]) -> None:
    """Move a question to other themes (a misfiled question): the next rounds follow the new themes."""
    question.themes.set(themes)
    question.save(update_fields=["updated_at"])
    _reindex(question)


def question_set_resolved(*, question: Question, by: User, resolved: bool) -> None:
    question.is_resolved = resolved
    question.save(update_fields=["is_resolved", "updated_at"])


def question_follow(*, question: Question, user: User, follow: bool) -> None:
    if follow:
        QuestionFollow.objects.get_or_create(question=question, user=user)
    else:
        QuestionFollow.objects.filter(question=question, user=user).delete()


def question_faq_set(*, question: Question, by: User, in_faq: bool, position: int = 0) -> None:
    question.in_faq = in_faq
    question.faq_position = position
    question.save(update_fields=["in_faq", "faq_position", "updated_at"])


def question_report(
    *, question: Question, reporter: User, reason: str, answer: Answer | None = None
) -> Report:
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


def report_close(*, report: Report, by: User) -> None:
    report.status = Report.Status.CLOSED
    report.save(update_fields=["status"])
    notification_resolve(target=report)


# -- answers -------------------------------------------------------------------------------------


@transaction.atomic
def answer_create(*, question: Question, author: User, body: str, now: datetime | None = None) -> Answer:
    now = now or timezone.now()
    state = State.PENDING if _must_hold(author=author, group=question.group) else State.PUBLISHED
    answer = Answer.objects.create(question=question, author=author, body=body, state=state)
    QuestionFollow.objects.get_or_create(question=question, user=author)
    if state == State.PUBLISHED:
        _on_answer_published(answer=answer, now=now)
    else:
        _held(question=question, target=answer, title=f"Première réponse à valider sur « {question.title} »")
    return answer


def _on_answer_published(*, answer: Answer, now: datetime | None = None) -> None:
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
    # An unanswered question the animators were told about: it has an answer now.
    notification_resolve(target=question, events=["escalated"])
    _reindex(question)


def answer_approve(*, answer: Answer, by: User) -> None:
    with transaction.atomic():
        answer.state = State.PUBLISHED
        answer.hidden_reason = ""
        answer.save(update_fields=["state", "hidden_reason", "updated_at"])
        _on_answer_published(answer=answer)
        notification_resolve(target=answer, events=["held"])


def answer_hide(*, answer: Answer, by: User, reason: str) -> None:
    was_published = answer.state == State.PUBLISHED
    answer.state = State.HIDDEN
    answer.hidden_reason = reason
    answer.save(update_fields=["state", "hidden_reason", "updated_at"])
    _reports_close(answer.reports.filter(status=Report.Status.OPEN))
    notification_resolve(target=answer, events=["held"])
    if was_published:
        Question.objects.filter(pk=answer.question_id, answer_count__gt=0).update(
            answer_count=F("answer_count") - 1
        )
    question = answer.question
    if question.accepted_answer_id == answer.pk:
        question.accepted_answer = None
        question.save(update_fields=["accepted_answer", "updated_at"])
    _reindex(question)


def answer_accept(*, answer: Answer, by: User) -> None:
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


def answer_vote_toggle(*, answer: Answer, user: User) -> bool:
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


def comment_create(*, answer: Answer, author: User, body: str) -> Comment:
    return Comment.objects.create(answer=answer, author=author, body=body)


# -- expertise and routing -----------------------------------------------------------------------


def expertise_set(
    *,
    user: User,
    theme: Theme,
    capacity_per_month: int,
    paused_until: date | None = None,
    designated_by: User | None = None,
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


def expertise_delete(*, expertise: Expertise, by: User) -> None:
    expertise.delete()


def _month_start(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def routing_candidates(*, question: Question, now: datetime) -> list[Candidate]:
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
    locked = list(expertises.select_for_update(of=("self",)).order_by("pk"))
    user_ids = {e.user_id for e in locked}
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
        for e in locked
    ]


@transaction.atomic
def question_route(
    *, question: Question, round: int, k: int | None = None, now: datetime | None = None
) -> list[Solicitation]:
    """Ask k experts of the question's themes (see routing.choose_experts) and record why."""
    now = now or timezone.now()
    k = config("EXPERTS_PER_ROUND") if k is None else k
    candidates = routing_candidates(question=question, now=now)
    asker_orgs = frozenset(
        Membership.objects.filter(person__user=question.author).values_list("organisation_id", flat=True)
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


@transaction.atomic
def question_reroute(*, question: Question, by: User, now: datetime | None = None) -> list[Solicitation]:
    """An animator sends an escalated question back to the experts: the next round of the
    routing; the question leaves the animators' queue (it comes back if nobody answers)."""
    with transaction.atomic():
        solicitations = question_route(question=question, round=question.routing_round + 1, now=now)
        if not solicitations:
            # Nobody left to ask: the question stays where it was (round included).
            transaction.set_rollback(True)
    if not solicitations:
        question.refresh_from_db(fields=["routing_round"])
    else:
        Question.objects.filter(pk=question.pk).update(escalated_to_animators_at=None)
        question.escalated_to_animators_at = None
        notification_resolve(target=question, events=["escalated"])
    return solicitations


def group_member_forget(*, group: Group, user: User) -> None:
    """Registered in `apps.groups.hooks` (QuestionsConfig.ready): someone who leaves a group forgets
    what they were told about the questions asked in it, their answers and reports."""
    notifications_forget(
        recipient=user,
        querysets=[
            Question.objects.filter(group=group),
            Answer.objects.filter(question__group=group),
            Report.objects.filter(question__group=group),
        ],
    )


def question_create_from_discussion(
    *,
    discussion: Discussion,
    by: User,
    title: str,
    body: str,
    themes: Iterable[Theme] = (),
    territory: Territory | None = None,
) -> Question:
    """The author turns a group discussion into a question to the whole network. The question is a
    new, public text (reviewed by its author before publishing); the group's messages stay private.
    Once only: a discussion already turned into a question returns it."""
    if discussion.author_id != by.pk:
        raise PermissionError("Seule la personne qui a lancé la discussion peut en faire une question.")
    if discussion.question is not None:
        return cast("Question", discussion.question)  # an optional_fk: typed Any
    with transaction.atomic():
        question = question_create(author=by, title=title, body=body, themes=themes, territory=territory)
        discussion.question = question
        discussion.save(update_fields=["question"])
    return question
