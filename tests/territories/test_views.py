import pytest
from django.urls import reverse

from apps.territories.models import Kind, Territory
from tests.factories import CommuneFactory, OrganisationFactory, UserFactory
from tests.territories.factories import ProjectTerritoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return ProjectTerritoryFactory(name="Pays du Mont-Blanc", members=[CommuneFactory(), CommuneFactory()])


def _login(client, role):
    if role == "member":
        client.force_login(UserFactory())
    elif role == "animator":
        client.force_login(UserFactory(animator=True))


PAGES = {
    "list": lambda p: reverse("territories:project_list"),
    "detail": lambda p: p.get_absolute_url(),
    "create": lambda p: reverse("territories:project_create"),
    "update": lambda p: reverse("territories:project_update", args=[p.code]),
    "delete": lambda p: reverse("territories:project_delete", args=[p.code]),
}
MATRIX = [
    ("anonymous", "list", 200),
    ("anonymous", "detail", 200),
    ("anonymous", "create", 302),
    ("anonymous", "update", 302),
    ("anonymous", "delete", 302),
    ("member", "list", 200),
    ("member", "detail", 200),
    ("member", "create", 403),
    ("member", "update", 403),
    ("member", "delete", 403),
    ("animator", "list", 200),
    ("animator", "detail", 200),
    ("animator", "create", 200),
    ("animator", "update", 200),
    ("animator", "delete", 200),
]


@pytest.mark.parametrize(("role", "page", "status"), MATRIX)
def test_permission_matrix_get(client, project, role, page, status):
    _login(client, role)
    response = client.get(PAGES[page](project))
    assert response.status_code == status
    if status == 302:
        assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("role", ["anonymous", "member"])
@pytest.mark.parametrize("page", ["create", "update", "delete"])
def test_non_animators_cannot_write(client, project, role, page):
    _login(client, role)
    client.post(PAGES[page](project), {"name": "Piraté", "project_kind": "other", "members_text": ""})
    project.refresh_from_db()
    assert project.name == "Pays du Mont-Blanc"
    assert Territory.objects.filter(kind=Kind.PROJECT).count() == 1


def test_animator_creates_updates_and_deletes_a_project(client):
    animator = UserFactory(animator=True)
    client.force_login(animator)
    a = CommuneFactory(name="Chamonix", population=8000, latitude=45.92, longitude=6.87)
    b = CommuneFactory(name="Les Houches", population=2000, latitude=45.89, longitude=6.80)
    response = client.post(
        reverse("territories:project_create"),
        {
            "name": "Pays du Mont-Blanc",
            "project_kind": "petr",
            "description": "Un **pays**.",
            "members_text": a.code,
            "add_member": b.code,
            "add_member_id": "",
        },
    )
    project = Territory.objects.get(kind=Kind.PROJECT)
    assert response.status_code == 302 and response.url == project.get_absolute_url()
    assert project.created_by == animator
    assert set(project.members.all()) == {a, b}
    assert project.population == 10000
    assert abs(project.latitude - 45.914) < 0.001  # weighted by population
    page = client.get(project.get_absolute_url())
    assert "a été créé" in page.content.decode()
    assert "<strong>pays</strong>" in page.content.decode()

    response = client.post(
        reverse("territories:project_update", args=[project.code]),
        {"name": "Pays du Mont-Blanc élargi", "project_kind": "pnr", "members_text": f"{a.code} {a.label}"},
    )
    project.refresh_from_db()
    assert response.status_code == 302
    assert project.name == "Pays du Mont-Blanc élargi" and project.project_kind == "pnr"
    assert list(project.members.all()) == [a]
    assert project.population == 8000

    page = client.get(reverse("territories:project_delete", args=[project.code]))
    assert "Supprimer définitivement" in page.content.decode()
    response = client.post(reverse("territories:project_delete", args=[project.code]))
    assert response.url == reverse("territories:project_list")
    assert not Territory.objects.filter(kind=Kind.PROJECT).exists()
    assert Territory.objects.filter(pk=a.pk).exists()  # members are untouched


def test_invalid_project_form_shows_french_errors(client):
    client.force_login(UserFactory(animator=True))
    response = client.post(
        reverse("territories:project_create"),
        {"name": "", "project_kind": "petr", "members_text": "Atlantide"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aucun territoire ne correspond à « Atlantide »" in content
    assert not Territory.objects.filter(kind=Kind.PROJECT).exists()


def test_deleting_a_project_used_by_an_organisation_is_refused(client, project):
    OrganisationFactory(territory=project)
    client.force_login(UserFactory(animator=True))
    response = client.post(reverse("territories:project_delete", args=[project.code]), follow=True)
    assert Territory.objects.filter(pk=project.pk).exists()
    assert "encore utilisé" in response.content.decode()


def test_project_list_empty_state(client):
    response = client.get(reverse("territories:project_list"))
    assert "Aucun territoire de projet" in response.content.decode()


def test_project_list_paginates_with_few_queries(client, django_assert_max_num_queries):
    for i in range(25):
        ProjectTerritoryFactory(name=f"Pays {i:02d}", members=[CommuneFactory()])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("territories:project_list"))
    content = response.content.decode()
    assert "Pays 00" in content and "Pays 19" in content and "Pays 20" not in content
    assert "fr-pagination" in content
    assert "Pays 24" in client.get(reverse("territories:project_list"), {"page": 2}).content.decode()


def test_project_list_search_finds_any_territory(client):
    commune = CommuneFactory(name="Megève")
    response = client.get(reverse("territories:project_list"), {"q": "megeve"})
    assert commune.get_absolute_url() in response.content.decode()
    fragment = client.get(
        reverse("territories:project_list"),
        {"q": "megeve"},
        headers={"HX-Request": "true", "HX-Target": "territory-search-results"},
    )
    assert fragment.content.decode().lstrip().startswith('<div id="territory-search-results"')


@pytest.mark.parametrize("kind", ["region", "departement", "epci", "commune"])
def test_detail_pages_show_the_hierarchy_with_few_queries(client, django_assert_max_num_queries, kind):
    communes = [CommuneFactory(population=1000 + i) for i in range(3)]
    epci = communes[0].epci
    for commune in communes[1:]:
        commune.epci = epci
        commune.departement = epci.departement
        commune.region = epci.region
        commune.save()
    territory = {
        "region": epci.region,
        "departement": epci.departement,
        "epci": epci,
        "commune": communes[0],
    }[kind]
    ProjectTerritoryFactory(name="Pays englobant", members=[epci])
    with django_assert_max_num_queries(12):
        response = client.get(territory.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    if kind == "commune":
        assert epci.get_absolute_url() in content and epci.departement.get_absolute_url() in content
        assert "Pays englobant" in content  # through its EPCI
    else:
        assert communes[2].get_absolute_url() in content


def test_unknown_territory_is_404(client):
    assert client.get("/territoires/commune/00000/").status_code == 404
    assert client.get("/territoires/planete/terre/").status_code == 404


def test_territory_urls_keep_french_segments_while_codes_are_english(client):
    commune = CommuneFactory(name="Thônes", code="74280")
    assert commune.kind == "municipality"
    assert commune.get_absolute_url() == "/territoires/commune/74280/"
    assert commune.departement.get_absolute_url().startswith("/territoires/departement/")
    assert client.get("/territoires/commune/74280/").status_code == 200
    assert client.get("/territoires/municipality/74280/").status_code == 404  # the code is not a path


def test_admin_lists_searches_and_filters_territories(client):
    CommuneFactory(name="Thônes", code="74280")
    client.force_login(UserFactory(admin=True))
    url = reverse("admin:territories_territory_changelist")
    response = client.get(url, {"q": "74280", "kind__exact": "municipality"})
    assert response.status_code == 200
    assert "Thônes" in response.content.decode()
    assert "Thônes" not in client.get(url, {"kind__exact": "epci"}).content.decode()
