import pytest

from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory


@pytest.fixture
def org():
    return OrganisationFactory(name="Communauté de communes du Val")


@pytest.fixture
def roles(org):
    """One user per role, relative to `org`."""
    member = UserFactory()
    MembershipFactory(person=PersonFactory(user=member), organisation=org)
    referent = UserFactory()
    MembershipFactory(person=PersonFactory(user=referent), organisation=org, referent=True)
    other = UserFactory()
    MembershipFactory(person=PersonFactory(user=other), organisation=OrganisationFactory(), referent=True)
    return {
        "anonymous": None,
        "member": member,
        "referent": referent,
        "other_member": other,
        "animator": UserFactory(animator=True),
        "admin": UserFactory(admin=True),
    }


@pytest.fixture
def as_role(client, roles):
    def login(role):
        user = roles[role]
        if user is not None:
            client.force_login(user)
        return user

    return login
