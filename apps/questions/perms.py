"""Who may do what with questions. Group questions follow the group's confidentiality: a person
who cannot read the group cannot know the question exists (views answer 404)."""

from apps.accounts.perms import is_animator, is_member
from apps.groups import perms as group_perms
from apps.questions.models import State


def _in_scope(user, question) -> bool:
    if question.group_id is None:
        return is_member(user)
    return group_perms.is_group_member(user, question.group)


def is_moderator(user, question) -> bool:
    """Network animators moderate network questions; group animators moderate their group."""
    if question.group_id is None:
        return is_animator(user)
    return group_perms.is_group_animator(user, question.group)


def can_view(user, question) -> bool:
    if not _in_scope(user, question):
        return False
    if question.state == State.PUBLISHED:
        return True
    return question.author_id == user.pk or is_moderator(user, question)


def can_ask(user) -> bool:
    return is_member(user)


def can_edit(user, question) -> bool:
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_answer(user, question) -> bool:
    return can_view(user, question) and question.state == State.PUBLISHED and not question.is_locked


def can_comment(user, answer) -> bool:
    return can_answer(user, answer.question) and answer.state == State.PUBLISHED


def can_vote(user, answer) -> bool:
    return can_view(user, answer.question) and answer.state == State.PUBLISHED and answer.author_id != user.pk


def can_accept(user, question) -> bool:
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_resolve(user, question) -> bool:
    return can_accept(user, question)


def can_follow(user, question) -> bool:
    return can_view(user, question)


def can_report(user, question) -> bool:
    return can_view(user, question) and question.author_id != user.pk


def can_moderate(user, question) -> bool:
    return can_view(user, question) and is_moderator(user, question)


def can_view_answer(user, answer) -> bool:
    if answer.state == State.PUBLISHED:
        return True
    return is_member(user) and (answer.author_id == user.pk or is_moderator(user, answer.question))


def can_view_moderation_queue(user) -> bool:
    return is_animator(user)


def can_curate_faq(user) -> bool:
    return is_animator(user)


def can_view_stats(user) -> bool:
    return is_animator(user)


def can_manage_own_expertise(user) -> bool:
    return is_member(user)


def can_designate_experts(user) -> bool:
    return is_animator(user)


def can_view_routing(user, question) -> bool:
    """The recorded reasons of the routing: for moderators and the asker."""
    return can_view(user, question) and (question.author_id == user.pk or is_moderator(user, question))


def can_download_attachment(user, attachment) -> bool:
    return can_view(user, attachment.question)
