"""apps.core.services.model_save (what services use instead of ModelForm.save) and
apps.core.access.check (what perms' access_<thing> functions raise)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404

from apps.core import access
from apps.core.services import model_save
from apps.resources.models import Collection
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_model_save_writes_fields_then_many_to_many():
    themes = [ThemeFactory(), ThemeFactory()]
    collection = model_save(
        instance=Collection(created_by=UserFactory()),
        data={"title": "Sobriété", "intro": "", "position": 3, "is_published": False, "themes": themes},
    )
    stored = Collection.objects.get(pk=collection.pk)
    assert (stored.title, stored.position, stored.is_published) == ("Sobriété", 3, False)
    assert set(stored.themes.all()) == set(themes)
    model_save(instance=stored, data={"themes": themes[:1]})
    assert list(Collection.objects.get(pk=collection.pk).themes.all()) == themes[:1]


def test_model_save_refuses_a_name_that_is_not_a_field():
    collection = Collection(created_by=UserFactory(), title="Bloc")
    with pytest.raises(FieldDoesNotExist):
        model_save(instance=collection, data={"title": "Bloc", "whole_programme": True})
    assert not Collection.objects.exists()


def test_check_lets_through_when_allowed():
    assert access.check(AnonymousUser(), True) is None


def test_check_sends_anonymous_visitors_to_login_and_others_to_404():
    with pytest.raises(access.LoginRequired):
        access.check(AnonymousUser(), False)
    with pytest.raises(access.LoginRequired):
        access.check(None, False)
    with pytest.raises(Http404):
        access.check(UserFactory(), False, "Groupe introuvable.")
