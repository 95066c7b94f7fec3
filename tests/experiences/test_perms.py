"""Permission matrix: every role × every state × every action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from apps.experiences import perms
from apps.experiences.models import Audience, State
from tests.experiences.factories import ExperienceFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "member", "author", "referent", "animator"]
STATES = [State.DRAFT, State.SUBMITTED, State.REVIEWED, State.PUBLISHED]

# Expected: action -> state -> set of roles allowed.
EXPECTED = {
    "can_view": {
        State.DRAFT: {"author", "animator"},
        State.SUBMITTED: {"author", "referent", "animator"},
        State.REVIEWED: {"author", "referent", "animator"},
        State.PUBLISHED: set(ROLES),
    },
    "can_edit": {
        State.DRAFT: {"author", "animator"},
        State.SUBMITTED: {"animator"},
        State.REVIEWED: {"animator"},
        State.PUBLISHED: {"animator"},
    },
    "can_submit": {
        State.DRAFT: {"author", "animator"},
        State.SUBMITTED: set(),
        State.REVIEWED: set(),
        State.PUBLISHED: set(),
    },
    "can_review": {
        State.DRAFT: set(),
        State.SUBMITTED: {"referent", "animator"},
        State.REVIEWED: set(),
        State.PUBLISHED: set(),
    },
    "can_publish": {
        State.DRAFT: set(),
        State.SUBMITTED: {"animator"},
        State.REVIEWED: {"animator"},
        State.PUBLISHED: set(),
    },
    "can_unpublish": {
        State.DRAFT: set(),
        State.SUBMITTED: set(),
        State.REVIEWED: set(),
        State.PUBLISHED: {"animator"},
    },
    "can_delete": {
        State.DRAFT: {"author", "animator"},
        State.SUBMITTED: {"animator"},
        State.REVIEWED: {"animator"},
        State.PUBLISHED: {"animator"},
    },
    "can_view_history": {state: {"author", "referent", "animator"} for state in STATES},
}


def make_user(role, organisation, author):
    if role == "anonymous":
        return AnonymousUser()
    if role == "author":
        return author
    if role == "animator":
        return UserFactory(animator=True)
    user = UserFactory()
    if role == "referent":
        MembershipFactory(person=PersonFactory(user=user), organisation=organisation, referent=True)
    return user


@pytest.mark.parametrize("action", list(EXPECTED))
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_matrix(action, state, role):
    organisation = OrganisationFactory()
    author = UserFactory()
    experience = ExperienceFactory(state=state, author=author, organisations=[organisation])
    user = make_user(role, organisation, author)
    assert getattr(perms, action)(user, experience) is (role in EXPECTED[action][state])


def test_members_only_experience_hidden_from_visitors():
    experience = ExperienceFactory(audience=Audience.MEMBERS)
    assert not perms.can_view(AnonymousUser(), experience)
    assert perms.can_view(UserFactory(), experience)


def test_referent_cannot_review_own_text():
    organisation = OrganisationFactory()
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user), organisation=organisation, referent=True)
    experience = ExperienceFactory(submitted=True, author=user, organisations=[organisation])
    assert not perms.can_review(user, experience)


def test_can_create_needs_an_account():
    assert not perms.can_create(AnonymousUser())
    assert perms.can_create(UserFactory())


@pytest.mark.parametrize("role", [*ROLES, "inactive"])
def test_question_link_follows_the_questions_rule(role):
    """experiences.perms.can_offer_question restates questions.perms.can_ask (experiences may not
    import questions): the link is shown to visitors and exactly to those who may ask."""
    from apps.questions.perms import can_ask

    organisation = OrganisationFactory()
    author = UserFactory()
    published = ExperienceFactory(state=State.PUBLISHED, author=author, organisations=[organisation])
    user = UserFactory(is_active=False) if role == "inactive" else make_user(role, organisation, author)
    expected = not user.is_authenticated or can_ask(user)
    assert perms.can_offer_question(user, published) is expected
    draft = ExperienceFactory(state=State.DRAFT, author=author, organisations=[organisation])
    assert perms.can_offer_question(user, draft) is False
