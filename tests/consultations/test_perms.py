"""Permission matrix: every can_* function against anonymous, member, outsider and animator."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.consultations import perms
from tests.consultations.factories import ConsultationFactory, ContributionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(member, outsider, animator):
    return {"anonymous": AnonymousUser(), "member": member, "outsider": outsider, "animator": animator}


@pytest.fixture
def restricted(member_org):
    consultation = ConsultationFactory(audience="organisations")
    consultation.invited_organisations.add(member_org)
    return consultation


# (function, object, {role: expected})
MATRIX = [
    (
        "can_view_consultation",
        "open",
        {"anonymous": False, "member": True, "outsider": True, "animator": True},
    ),
    (
        "can_view_consultation",
        "draft",
        {"anonymous": False, "member": False, "outsider": False, "animator": True},
    ),
    ("can_contribute", "open", {"anonymous": False, "member": True, "outsider": True, "animator": True}),
    (
        "can_contribute",
        "restricted",
        {"anonymous": False, "member": True, "outsider": False, "animator": True},
    ),
    ("can_contribute", "closed", {"anonymous": False, "member": False, "outsider": False, "animator": False}),
    ("can_contribute", "draft", {"anonymous": False, "member": False, "outsider": False, "animator": False}),
    ("can_comment", "open", {"anonymous": False, "member": True, "outsider": True, "animator": True}),
    ("can_comment", "closed", {"anonymous": False, "member": False, "outsider": False, "animator": False}),
    (
        "can_manage_consultation",
        "open",
        {"anonymous": False, "member": False, "outsider": False, "animator": True},
    ),
    ("can_view_progress", "open", {"anonymous": False, "member": False, "outsider": False, "animator": True}),
    ("can_moderate", "open", {"anonymous": False, "member": False, "outsider": False, "animator": True}),
    ("can_view_booklet", "open", {"anonymous": False, "member": True, "outsider": True, "animator": True}),
    ("can_edit_booklet", "open", {"anonymous": False, "member": False, "outsider": False, "animator": True}),
]


@pytest.mark.parametrize("func,obj,expected", MATRIX, ids=[f"{m[0]}-{m[1]}" for m in MATRIX])
def test_permission_matrix(func, obj, expected, users, restricted):
    objects = {
        "open": lambda: ConsultationFactory(),
        "draft": lambda: ConsultationFactory(draft=True),
        "closed": lambda: ConsultationFactory(closed=True),
        "restricted": lambda: restricted,
    }
    target = objects[obj]()
    for role, user in users.items():
        assert getattr(perms, func)(user, target) is expected[role], f"{func}({role}, {obj})"


def test_create_permissions(users):
    for role, user in users.items():
        assert perms.can_create_consultation(user) is (role == "animator")


@pytest.mark.parametrize(
    "who,closed,expected",
    [("author", False, True), ("author", True, False), ("other", False, False), ("animator", True, True)],
)
def test_can_edit_contribution(who, closed, expected, member, outsider, animator, member_org):
    contribution = ContributionFactory(
        action__objective__consultation=ConsultationFactory(closed=closed),
        organisation=member_org,
        author_user=member,
    )
    user = {"author": member, "other": outsider, "animator": animator}[who]
    assert perms.can_edit_contribution(user, contribution) is expected
