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
    ("name", "shows"),
    [
        ("organisation_list", ["Ville d&#x27;Écully"]),
        ("person_list", ["Zoé", "Martin"]),
        ("trombinoscope", ["Zoé", "Martin"]),
        ("who_does_what", ["Énergie citoyenne", "Ville d&#x27;Écully"]),
    ],
)
def test_public_pages_show_the_network(client, network, name, shows):
    response = client.get(reverse(f"directory:{name}"))
    assert response.status_code == 200
    content = response.content.decode()
    for text in shows:
        assert text in content, text


def test_map_data_has_the_organisation(client, network):
    org = network["org"]
    assert org.has_coordinates
    response = client.get(reverse("directory:map_data"))
    assert response["Content-Type"] == "application/json"
    assert str(org.pk) in response.content.decode()
    assert client.get(reverse("directory:map")).status_code == 200


def test_detail_pages_render(client, network):
    org_page = client.get(network["org"].get_absolute_url()).content.decode()
    assert "Ville d&#x27;Écully" in org_page and "Zoé" in org_page
    person_page = client.get(network["person"].get_absolute_url()).content.decode()
    assert "Zoé" in person_page and "Ville d&#x27;Écully" in person_page


def test_management_pages_render(client, network):
    client.force_login(network["referent"].user)
    org = network["org"]
    edit = client.get(reverse("directory:organisation_edit", kwargs={"slug": org.slug}))
    assert edit.context["form"].instance == org
    members = client.get(reverse("directory:organisation_members", kwargs={"slug": org.slug}))
    assert "Zoé" in members.content.decode()
    assert client.get(reverse("directory:join_request")).status_code == 200


def test_animation_renders(client, network):
    request = JoinRequestFactory()
    client.force_login(UserFactory(animator=True))
    animation = client.get(reverse("directory:animation")).content.decode()
    assert request.organisation.name in animation
    themes = client.get(reverse("themes:list")).content.decode()
    assert "Énergie citoyenne" in themes
    assert client.get(reverse("themes:create")).status_code == 200
