import pytest

from tests.factories import OrganisationFactory, PersonFactory, UserFactory


@pytest.fixture
def animator(db):
    return UserFactory(animator=True)


@pytest.fixture
def member_org(db):
    return OrganisationFactory(name="Ville de Cergy")


@pytest.fixture
def member(db, member_org):
    user = UserFactory()
    PersonFactory(user=user, organisation=member_org)
    return user


@pytest.fixture
def outsider(db):
    """Logged in, attached to an organisation that is not invited when the audience is restricted."""
    user = UserFactory()
    PersonFactory(user=user, organisation=OrganisationFactory(name="Autre commune"))
    return user
