"""A group consultation leaves its group only by decision of the group's animators, and its members
are told first (issue 11, item 3): an animator from outside the group cannot expose every
contribution of the group by switching the audience to "all"."""

import pytest
from django.urls import reverse

from apps.consultations.models import Audience, Consultation
from apps.notifications.models import Notification
from tests.consultations.factories import ConsultationFactory
from tests.factories import UserFactory
from tests.groups.factories import GroupFactory, GroupMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    group = GroupFactory(closed=True, name="Groupe des élu·es")
    outside = UserFactory(animator=True)  # created it, does not belong to the group
    inside = UserFactory(animator=True)
    GroupMembershipFactory(group=group, user=inside, animator=True)
    member = GroupMembershipFactory(group=group).user
    consultation = ConsultationFactory(audience=Audience.GROUP, group=group, created_by=outside)
    return {"group": group, "outside": outside, "inside": inside, "member": member, "c": consultation}


def _post(client, world, user, **changes):
    client.force_login(user)
    c = world["c"]
    data = {
        "title": c.title,
        "introduction": c.introduction,
        "opens_on": c.opens_on.isoformat(),
        "closes_on": c.closes_on.isoformat(),
        "audience": Audience.GROUP,
        "group": world["group"].pk,
        "is_published": "on",
        **changes,
    }
    return client.post(reverse("consultations:edit", kwargs={"slug": c.slug}), data)


@pytest.mark.parametrize("changes", [{"audience": Audience.ALL_MEMBERS, "group": ""}, {"group": "other"}])
def test_animator_outside_the_group_cannot_take_the_consultation_out(client, world, changes):
    if changes.get("group") == "other":
        changes = {"group": GroupFactory(open=True).pk}
    response = _post(client, world, world["outside"], **changes)
    assert response.status_code == 200
    assert "Seul·es les animateur·rices du groupe" in response.content.decode()
    consultation = Consultation.objects.get(pk=world["c"].pk)
    assert (consultation.audience, consultation.group_id) == (Audience.GROUP, world["group"].pk)
    assert not Notification.objects.filter(recipient=world["member"]).exists()


def test_other_edits_by_the_creator_still_work(client, world):
    response = _post(client, world, world["outside"], title="Nouveau titre")
    assert response.status_code == 302
    assert Consultation.objects.get(pk=world["c"].pk).title == "Nouveau titre"


def test_group_animator_opens_it_and_members_are_notified(client, world):
    response = _post(client, world, world["inside"], audience=Audience.ALL_MEMBERS, group="")
    assert response.status_code == 302
    assert Consultation.objects.get(pk=world["c"].pk).audience == Audience.ALL_MEMBERS
    notification = Notification.objects.get(recipient=world["member"])
    assert "s'ouvre au-delà du groupe" in notification.title
    assert not Notification.objects.filter(recipient=world["inside"]).exists()
