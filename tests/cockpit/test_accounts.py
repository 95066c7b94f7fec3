"""Roles and deactivation of accounts from the cockpit: the permission matrix (nobody touches their
own account, administrators only by administrators), the writes, and no way to lock oneself out."""

import pytest
from django.urls import reverse

from apps.accounts import perms
from apps.accounts.models import Role, User
from apps.accounts.services import AccountError, user_set_active, user_set_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {
        "member": UserFactory(),
        "animator": UserFactory(animator=True),
        "other_animator": UserFactory(animator=True),
        "admin": UserFactory(role=Role.ADMIN, is_staff=True),
        "superuser": UserFactory(admin=True),
    }


@pytest.mark.parametrize(
    ("actor", "account", "role", "allowed"),
    [
        ("member", "animator", "member", False),
        ("animator", "member", "animator", True),
        ("animator", "member", "admin", False),
        ("animator", "other_animator", "member", True),
        ("animator", "admin", "member", False),
        ("animator", "animator", "member", False),
        ("admin", "member", "admin", True),
        ("admin", "animator", "member", True),
        ("admin", "admin", "member", False),
        ("admin", "superuser", "member", False),
        ("superuser", "admin", "member", True),
    ],
)
def test_who_may_change_a_role(people, actor, account, role, allowed):
    assert perms.can_change_role(people[actor], people[account], role) is allowed


@pytest.mark.parametrize(
    ("actor", "account", "allowed"),
    [
        ("member", "member", False),
        ("animator", "member", True),
        ("animator", "animator", False),
        ("animator", "admin", False),
        ("admin", "animator", True),
        ("admin", "admin", False),
    ],
)
def test_who_may_deactivate(people, actor, account, allowed):
    assert perms.can_deactivate_account(people[actor], people[account]) is allowed


@pytest.mark.parametrize("role", ["anonymous", "member", "animator", "admin"])
def test_account_pages_are_for_the_animation_team(client, people, role):
    if role != "anonymous":
        client.force_login(people[role])
    target = people["member"] if role != "member" else people["animator"]
    for url in [reverse("cockpit:accounts"), reverse("cockpit:account", kwargs={"pk": target.pk})]:
        status = client.get(url).status_code
        if role == "anonymous":
            assert status == 302
        else:
            assert status == (403 if role == "member" else 200)


def test_animator_promotes_a_member_and_cannot_grant_admin(client, people):
    client.force_login(people["animator"])
    member = people["member"]
    url = reverse("cockpit:account", kwargs={"pk": member.pk})
    response = client.post(url, {"role": "admin"})
    assert "Vous ne pouvez pas donner ce rôle." in response.content.decode()
    member.refresh_from_db()
    assert member.role == Role.MEMBER
    assert client.post(url, {"role": "animator"}).status_code == 302
    member.refresh_from_db()
    assert member.role == Role.ANIMATOR


def test_nobody_changes_their_own_role_through_the_page(client, people):
    animator = people["animator"]
    client.force_login(animator)
    response = client.post(reverse("cockpit:account", kwargs={"pk": animator.pk}), {"role": "member"})
    assert response.status_code == 403
    animator.refresh_from_db()
    assert animator.role == Role.ANIMATOR
    assert client.get(reverse("cockpit:account_deactivate", kwargs={"pk": animator.pk})).status_code == 403


def test_services_refuse_self_lockout(people):
    admin = people["admin"]
    with pytest.raises(AccountError):
        user_set_role(account=admin, role=Role.MEMBER, changed_by=admin)
    with pytest.raises(AccountError):
        user_set_active(account=admin, active=False, changed_by=admin)


def test_demoting_an_admin_removes_the_technical_flag(people):
    admin = people["admin"]
    user_set_role(account=admin, role=Role.MEMBER, changed_by=people["superuser"])
    admin.refresh_from_db()
    assert (admin.role, admin.is_staff) == (Role.MEMBER, False)


def test_deactivation_needs_confirmation_and_logs_the_person_out(client, people):
    member = people["member"]
    member_client = client.__class__()
    member_client.force_login(member)
    assert member_client.get(reverse("portal:my_space")).status_code == 200
    client.force_login(people["animator"])
    url = reverse("cockpit:account_deactivate", kwargs={"pk": member.pk})
    assert "Je confirme" in client.get(url).content.decode()
    client.post(url, {})
    member.refresh_from_db()
    assert member.is_active
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert not member.is_active
    # The open session is no longer accepted.
    assert member_client.get(reverse("portal:my_space")).status_code == 302
    # Reactivation.
    client.post(reverse("cockpit:account_reactivate", kwargs={"pk": member.pk}))
    member.refresh_from_db()
    assert member.is_active


def test_an_unverified_account_cannot_be_reactivated_by_the_team(client, people):
    pending = UserFactory(unverified=True)
    client.force_login(people["animator"])
    assert not perms.can_reactivate_account(people["animator"], pending)
    assert client.post(reverse("cockpit:account_reactivate", kwargs={"pk": pending.pk})).status_code == 403
    assert not User.objects.get(pk=pending.pk).is_active


def test_account_list_filters(client, people):
    client.force_login(people["animator"])
    UserFactory(unverified=True, email="pas-encore@exemple.test")
    page = client.get(reverse("cockpit:accounts"), {"etat": "non-confirmes"}).content.decode()
    assert "pas-encore@exemple.test" in page
    assert people["member"].email not in page
    page = client.get(reverse("cockpit:accounts"), {"role": "animator"}).content.decode()
    assert people["other_animator"].email in page and people["member"].email not in page
