import pytest
from django.urls import reverse

from tests.directory.factories import EngagementFactory, JoinRequestFactory
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    theme = ThemeFactory(name="Énergie citoyenne")
    org = OrganisationFactory(name="Ville d'Écully", themes=[theme])
    EngagementFactory(organisation=org)
    person = PersonFactory(organisation=org, first_name="Zoé", last_name="Martin")
    referent = PersonFactory(with_user=True)
    MembershipFactory(person=referent, organisation=org, referent=True)
    return {"theme": theme, "org": org, "person": person, "referent": referent}


@pytest.mark.parametrize(
    "name",
    ["organisation_list", "person_list", "trombinoscope", "map", "map_data", "who_does_what"],
)
def test_public_pages_render(client, network, name):
    response = client.get(reverse(f"directory:{name}"))
    assert response.status_code == 200


def test_detail_pages_render(client, network):
    assert client.get(network["org"].get_absolute_url()).status_code == 200
    assert client.get(network["person"].get_absolute_url()).status_code == 200


def test_management_pages_render(client, network):
    client.force_login(network["referent"].user)
    org = network["org"]
    assert client.get(reverse("directory:organisation_edit", kwargs={"slug": org.slug})).status_code == 200
    assert client.get(reverse("directory:organisation_members", kwargs={"slug": org.slug})).status_code == 200
    assert client.get(reverse("directory:join_request")).status_code == 200


def test_animation_renders(client, network):
    JoinRequestFactory()
    client.force_login(UserFactory(animator=True))
    assert client.get(reverse("directory:animation")).status_code == 200
    assert client.get(reverse("themes:list")).status_code == 200
    assert client.get(reverse("themes:create")).status_code == 200
