"""accounts imports no directory: référents and the card given at activation come from the hooks the
directory registers (apps.accounts.hooks)."""

import pytest

from apps.accounts import hooks, perms, services
from apps.core import gdpr
from apps.directory.models import Person
from tests.factories import OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_directory_registers_its_hooks():
    from apps.directory.selectors import referent_of
    from apps.directory.services import person_attach_account

    assert referent_of in hooks._REFERENT_LOOKUPS
    assert person_attach_account in hooks._ACCOUNT_ACTIVATED


def test_referent_answered_by_the_directory_and_nobody_without_it(monkeypatch):
    organisation = OrganisationFactory()
    person = PersonFactory(with_user=True)
    person.memberships.create(organisation=organisation, is_referent=True)
    assert perms.is_referent(person.user, organisation) and perms.is_referent(person.user)
    monkeypatch.setattr(hooks, "_REFERENT_LOOKUPS", [])
    fresh = type(person.user).objects.get(pk=person.user.pk)  # no memo
    assert not perms.is_referent(fresh, organisation) and perms.role_label(fresh) == "Membre"


def test_activation_runs_the_registered_hooks(monkeypatch):
    calls = []
    monkeypatch.setattr(hooks, "_ACCOUNT_ACTIVATED", [lambda *, user: calls.append(user.email)])
    user = UserFactory(unverified=True, email="hook@exemple.fr")
    services.user_activate(user=user)
    assert calls == ["hook@exemple.fr"] and not Person.objects.filter(user=user).exists()


def test_the_directory_card_is_erased_after_the_other_apps():
    ordered = sorted(gdpr.registry().items(), key=lambda item: item[1].erase_last)
    assert ordered[-1][0] == "directory"
