import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from apps.directory.models import Visibility
from tests.directory.factories import InvitationFactory, JoinRequestFactory
from tests.factories import MembershipFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["organisation", "person", "membership", "joinrequest", "invitation"])
def test_admin_pages(client, model):
    membership = MembershipFactory()
    JoinRequestFactory()
    InvitationFactory()
    client.force_login(UserFactory(admin=True))
    assert client.get(reverse(f"admin:directory_{model}_changelist")).status_code == 200
    assert client.get(reverse(f"admin:directory_{model}_add")).status_code == 200
    if model == "organisation":
        url = reverse("admin:directory_organisation_change", args=[membership.organisation.pk])
        assert client.get(url).status_code == 200


def test_themes_admin(client):
    client.force_login(UserFactory(admin=True))
    assert client.get(reverse("admin:themes_theme_changelist")).status_code == 200


def _render(source, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return Template("{% load directory_tags %}" + source).render(Context({"request": request, **context}))


def test_can_tag_and_contact_filter():
    membership = MembershipFactory(referent=True, person=PersonFactory(with_user=True))
    organisation = membership.organisation
    referent = membership.person.user
    source = '{% can "edit_organisation" organisation as ok %}{% if ok %}oui{% else %}non{% endif %}'
    assert _render(source, referent, organisation=organisation) == "oui"
    assert _render(source, UserFactory(), organisation=organisation) == "non"
    assert _render('{% can "manage_themes" as ok %}{{ ok }}', UserFactory(animator=True)) == "True"
    person = PersonFactory(contact_visibility=Visibility.MEMBERS)
    source = "{% if person|contact_visible_to:viewer %}visible{% else %}masqué{% endif %}"
    from django.contrib.auth.models import AnonymousUser

    assert _render(source, AnonymousUser(), person=person, viewer=AnonymousUser()) == "masqué"
    assert _render(source, referent, person=person, viewer=referent) == "visible"
