"""Who may do what with questions. Group questions follow the group's confidentiality: a person
who cannot read the group cannot know the question exists (views answer 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404

from apps.accounts.perms import is_animator, is_member
from apps.core import access
from apps.core.files import PrivateFile
from apps.groups import perms as group_perms
from apps.questions.models import Answer, Question, State

if TYPE_CHECKING:
    from apps.accounts.perms import AnyUser
    from apps.questions.models import QuestionAttachment, Report


def _in_scope(user: AnyUser, question: Question) -> bool:
    if question.group is None:
        return is_member(user)
    return group_perms.is_group_member(user, question.group)


def is_moderator(user: AnyUser, question: Question) -> bool:
    """Network animators moderate network questions; group animators moderate their group."""
    if question.group is None:
        return is_animator(user)
    return group_perms.is_group_animator(user, question.group)


def can_view(user: AnyUser, question: Question) -> bool:
    if not _in_scope(user, question):
        return False
    if question.state == State.PUBLISHED:
        return True
    return question.author_id == user.pk or is_moderator(user, question)


def can_ask(user: AnyUser) -> bool:
    return is_member(user)


def can_edit(user: AnyUser, question: Question) -> bool:
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_answer(user: AnyUser, question: Question) -> bool:
    return can_view(user, question) and question.state == State.PUBLISHED and not question.is_locked


def can_comment(user: AnyUser, answer: Answer) -> bool:
    return can_answer(user, answer.question) and answer.state == State.PUBLISHED


def can_vote(user: AnyUser, answer: Answer) -> bool:
    return can_view(user, answer.question) and answer.state == State.PUBLISHED and answer.author_id != user.pk


def can_accept(user: AnyUser, question: Question) -> bool:
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_resolve(user: AnyUser, question: Question) -> bool:
    return can_accept(user, question)


def can_follow(user: AnyUser, question: Question) -> bool:
    return can_view(user, question)


def can_report(user: AnyUser, question: Question) -> bool:
    return can_view(user, question) and question.author_id != user.pk


def can_moderate(user: AnyUser, question: Question) -> bool:
    return can_view(user, question) and is_moderator(user, question)


def can_view_answer(user: AnyUser, answer: Answer) -> bool:
    if answer.state == State.PUBLISHED:
        return True
    return is_member(user) and (answer.author_id == user.pk or is_moderator(user, answer.question))


def can_view_moderation_queue(user: AnyUser) -> bool:
    return is_animator(user)


def can_curate_faq(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_stats(user: AnyUser) -> bool:
    return is_animator(user)


def can_manage_own_expertise(user: AnyUser) -> bool:
    return is_member(user)


def can_designate_experts(user: AnyUser) -> bool:
    return is_animator(user)


def can_view_routing(user: AnyUser, question: Question) -> bool:
    """The recorded reasons of the routing (rounds, fairness counters): for moderators only."""
    return can_view(user, question) and is_moderator(user, question)


def can_view_routing_summary(user: AnyUser, question: Question) -> bool:
    """Who was asked, in plain words ("3 expert·es de la thématique Mobilité…"): the asker too."""
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_download_attachment(user: AnyUser, attachment: QuestionAttachment) -> bool:
    return can_view(user, attachment.question)


FILES = [PrivateFile("questions.QuestionAttachment", "file", can_read=can_download_attachment)]


def can_read_answer(user: AnyUser, answer: Answer) -> bool:
    return can_view(user, answer.question) and can_view_answer(user, answer)


def can_read_report(user: AnyUser, report: Report) -> bool:
    return can_view(user, report.question) and is_moderator(user, report.question)


# Checked again when a notification is emailed (apps.core.access.can_read).
READERS = {
    "questions.Question": can_view,
    "questions.Answer": can_read_answer,
    "questions.Report": can_read_report,
}


# --- Access functions: fetch, check, raise (404; the login page for an anonymous visitor) ---------


def access_question(user: AnyUser, pk: int) -> Question:
    """A private group's question must not even be known to exist outside the group."""
    question = get_object_or_404(Question.objects.select_related("group", "author", "territory"), pk=pk)
    access.check(user, can_view(user, question), "Question introuvable.")
    return question


def access_answer(user: AnyUser, pk: int) -> Answer:
    answer = get_object_or_404(Answer.objects.select_related("question", "question__group"), pk=pk)
    access.check(
        user, can_view(user, answer.question) and can_view_answer(user, answer), "Réponse introuvable."
    )
    return answer
