"""Every write goes through a service, the admin included (issue 11, item 7): an edit or a deletion
made in /admin/ keeps the search index in step, for each indexed kind. The edit is a real POST of
the admin's change form, as a browser would send it."""

import lxml.html
import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from apps.search.registry import providers
from apps.search.selectors import search_documents
from apps.search.services import search_index_object
from tests.aids.factories import AidFactory
from tests.events.factories import EventFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import OrganisationFactory, UserFactory
from tests.questions.factories import QuestionFactory
from tests.resources.factories import ResourceFactory

pytestmark = pytest.mark.django_db

# Each indexed kind: (factory, name of its title field).
KINDS = {
    "organisation": (OrganisationFactory, "name"),
    "experience": (ExperienceFactory, "title"),
    "resource": (ResourceFactory, "title"),
    "aid": (AidFactory, "title"),
    "event": (EventFactory, "title"),
    "question": (QuestionFactory, "title"),
}


def test_every_indexed_kind_is_covered_here():
    assert {p.kind for p in providers()} == set(KINDS)


def _form_data(html: str) -> dict:
    """What a browser would post from the admin's change form (its fields as displayed)."""
    form = next(f for f in lxml.html.fromstring(html).forms if f.get("id", "").endswith("_form"))
    data: dict = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    return data


def _search(user, word):
    return search_documents(text=word, user=user).total


@pytest.mark.parametrize("kind", KINDS)
def test_admin_edit_and_delete_keep_the_index_in_step(client, kind):
    factory, field = KINDS[kind]
    obj = factory(**{field: "Fiche Ornithorynque"})
    search_index_object(obj)
    admin = UserFactory(admin=True)
    assert _search(admin, "Ornithorynque") == 1
    client.force_login(admin)
    meta = obj._meta
    change_url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    data = _form_data(client.get(change_url).content.decode())
    data[field] = ["Fiche Tamanoir"]
    response = client.post(change_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert _search(admin, "Ornithorynque") == 0
    assert _search(admin, "Tamanoir") == 1

    delete_url = reverse(f"admin:{meta.app_label}_{meta.model_name}_delete", args=[obj.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not type(obj).objects.filter(pk=obj.pk).exists()
    assert _search(admin, "Tamanoir") == 0
    assert _search(AnonymousUser(), "Tamanoir") == 0


@pytest.mark.parametrize("kind", ["resource", "aid", "event"])
def test_admin_bulk_delete_removes_documents(client, kind):
    factory, field = KINDS[kind]
    objs = [factory(**{field: f"Fiche Pangolin {i}"}) for i in range(2)]
    for obj in objs:
        search_index_object(obj)
    admin = UserFactory(admin=True)
    client.force_login(admin)
    meta = objs[0]._meta
    response = client.post(
        reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"),
        {"action": "delete_selected", "_selected_action": [o.pk for o in objs], "post": "yes"},
    )
    assert response.status_code == 302
    assert _search(admin, "Pangolin") == 0
