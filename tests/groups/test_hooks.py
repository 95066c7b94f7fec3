"""apps.groups.hooks: what the apps whose content lives in a group do when someone leaves it —
groups imports none of them (import-linter contract in pyproject.toml)."""

import pytest
from django.db import transaction
from django.utils.safestring import mark_safe

from apps.events.services import group_member_revoke
from apps.groups import hooks, services
from apps.groups.models import GroupMembership
from apps.notifications.models import Kind, Notification
from apps.notifications.services import notification_create
from apps.questions.services import group_member_forget
from apps.questions.views_groups import group_questions_section
from tests.groups.factories import GroupFactory, GroupMembershipFactory
from tests.questions.factories import AnswerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_content_apps_register_their_hooks_when_django_starts():
    registered = hooks.member_leaving_hooks()
    assert group_member_forget in registered
    assert group_member_revoke in registered
    assert group_questions_section in hooks._CONTENT_SECTIONS


def test_registering_twice_keeps_one_entry():
    calls = []

    def hook(*, group, user):
        calls.append((group, user))

    try:
        hooks.register_member_leaving(hook)
        hooks.register_member_leaving(hook)
        assert hooks.member_leaving_hooks().count(hook) == 1
    finally:
        hooks.unregister_member_leaving(hook)
    assert hook not in hooks.member_leaving_hooks()


def test_group_leave_calls_every_hook_in_its_transaction_after_the_membership_is_gone():
    membership = GroupMembershipFactory()
    group, user = membership.group, membership.user
    seen = []

    def hook(*, group, user):
        seen.append(
            {
                "group": group,
                "user": user,
                "in_transaction": transaction.get_connection().in_atomic_block,
                "still_member": GroupMembership.objects.filter(group=group, user=user).exists(),
            }
        )

    hooks.register_member_leaving(hook)
    try:
        services.group_leave(group=group, user=user)
    finally:
        hooks.unregister_member_leaving(hook)
    assert seen == [{"group": group, "user": user, "in_transaction": True, "still_member": False}]


def test_a_failing_hook_leaves_the_membership_in_place():
    membership = GroupMembershipFactory()

    def hook(*, group, user):
        raise RuntimeError("boom")

    hooks.register_member_leaving(hook)
    try:
        with pytest.raises(RuntimeError):
            services.group_leave(group=membership.group, user=membership.user)
    finally:
        hooks.unregister_member_leaving(hook)
    assert GroupMembership.objects.filter(pk=membership.pk).exists()


def _notify(user, target):
    notification_create(
        recipients=[user], kind=Kind.ANSWER, target=target, event="test", title=str(target), url="/"
    )


def test_questions_hook_forgets_the_group_questions_only():
    group = GroupFactory(closed=True)
    leaver = GroupMembershipFactory(group=group).user
    in_group = QuestionFactory(group=group)
    answer = AnswerFactory(question=in_group)
    elsewhere = QuestionFactory()
    for target in (in_group, answer, elsewhere):
        _notify(leaver, target)
    services.group_leave(group=group, user=leaver)
    assert [n.object_id for n in Notification.objects.filter(recipient=leaver)] == [elsewhere.pk]


def test_group_page_shows_registered_sections_to_members_only(client):
    group = GroupFactory(closed=True)
    member = GroupMembershipFactory(group=group).user
    calls = []

    def section(*, request, group):
        calls.append(group)
        return mark_safe("<p>Section d'essai</p>") if request.user == member else ""

    hooks.register_content_section(section)
    try:
        client.force_login(member)
        assert "Section d'essai" in client.get(group.get_absolute_url()).content.decode()
        client.force_login(GroupMembershipFactory().user)  # member of another group
        client.get(group.get_absolute_url())
    finally:
        hooks.unregister_content_section(section)
    assert calls == [group]  # never called for someone who may not read the group's content


def test_group_page_lists_the_questions_asked_in_the_group(client):
    group = GroupFactory(closed=True)
    member = GroupMembershipFactory(group=group).user
    QuestionFactory(group=group, title="Question posée dans le groupe fermé ?")
    QuestionFactory(title="Question posée à tout le réseau ?")
    client.force_login(member)
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Questions posées dans le groupe" in html
    assert "Question posée dans le groupe fermé ?" in html
    assert "Question posée à tout le réseau ?" not in html
    empty = GroupFactory(open=True)
    GroupMembershipFactory(group=empty, user=member)
    assert "Questions posées dans le groupe" not in client.get(empty.get_absolute_url()).content.decode()
