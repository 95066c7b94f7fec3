import pytest

from tests.factories import UserFactory


@pytest.fixture
def animator(db):
    return UserFactory(animator=True)


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _no_debounce(settings):
    settings.MAILLAGE_WORKSHOP_FILES_DEBOUNCE = 0
