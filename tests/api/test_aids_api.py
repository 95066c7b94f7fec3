import pytest
from django.urls import reverse

from tests.aids.factories import AidFactory
from tests.factories import ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/aides/"


def test_url_name():
    assert reverse("api:aid_list") == URL


def test_filters_by_territory_beneficiary_theme_and_text(client, geo):
    energy = ThemeFactory(name="Énergie", slug="energie")
    AidFactory(
        title="Rénovation école", perimeter=geo["epci"], beneficiaries=",municipality,", themes=[energy]
    )
    AidFactory(
        title="Rénovation voisine",
        perimeter=geo["other_epci"],
        beneficiaries=",municipality,",
        themes=[energy],
    )
    AidFactory(title="Rénovation associative", beneficiaries=",association,", themes=[energy])
    response = client.get(
        URL,
        {"territoire": "60159", "beneficiaire": "municipality", "thematique": "energie", "q": "renovation"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["territoire"] == {"code": "60159", "nom": "Compiègne", "niveau": "municipality"}
    result = data["resultats"][0]
    assert result["intitule"] == "Rénovation école"
    assert result["perimetre"]["code"] == "200067965" and result["beneficiaires"] == ["municipality"]
    assert result["thematiques"] == ["energie"] and result["url"].startswith("http")


def test_pagination(client):
    for _ in range(25):
        AidFactory()
    data = client.get(URL, {"par_page": 10, "page": 2}).json()
    assert (data["total"], data["page"], data["pages"], len(data["resultats"])) == (25, 2, 3, 10)
    assert "page=3" in data["suivante"] and "page=1" in data["precedente"]
    assert client.get(URL, {"page": 9}).status_code == 404
    assert client.get(URL, {"page": "x"}).status_code == 400
    assert client.get(URL, {"par_page": 1000}).status_code == 400


def test_invalid_params_are_400_in_french(client):
    response = client.get(URL, {"territoire": "00000", "beneficiaire": "martien"})
    assert response.status_code == 400
    data = response.json()
    assert data["erreur"] == "Paramètres invalides."
    assert "Territoire introuvable" in data["details"]["territoire"][0]
    assert "beneficiaire" in data["details"]


@pytest.mark.parametrize(
    ("role", "sees_draft"), [("anonymous", False), ("member", False), ("animator", True)]
)
def test_drafts_are_permission_checked(client, role, sees_draft):
    AidFactory(title="Brouillon", draft=True)
    AidFactory(title="Publiée")
    if role == "member":
        client.force_login(UserFactory())
    elif role == "animator":
        client.force_login(UserFactory(animator=True))
    titles = {r["intitule"] for r in client.get(URL).json()["resultats"]}
    assert ("Brouillon" in titles) is sees_draft and "Publiée" in titles


def test_post_is_refused(client):
    assert client.post(URL).status_code == 405


def test_query_count(client, geo, django_assert_num_queries):
    themes = [ThemeFactory(), ThemeFactory()]
    for _ in range(30):
        AidFactory(perimeter=geo["region"], themes=themes)
    # Themes, the territory and its two levels of membership, the aids page, then one query per
    # prefetch (themes, funders): never one per aid.
    with django_assert_num_queries(7):
        response = client.get(URL, {"territoire": "60159", "par_page": 30})
    assert len(response.json()["resultats"]) == 30


def test_index_lists_the_endpoints(client):
    data = client.get("/api/").json()
    assert data["aides"]["url"].endswith(URL) and "territoire" in data["aides"]["parametres"]
