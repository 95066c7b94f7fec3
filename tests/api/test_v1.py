"""The read API /api/v1/: public data for anonymous callers, a member's view with a personal
token, consent, cursor pagination, CORS, rate limits, local docs."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from apps.api.models import ApiToken
from apps.api.services import api_token_create
from tests.aids.factories import AidFactory
from tests.factories import OrganisationFactory, PersonFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_schema_is_3_1_and_lists_every_resource(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    for path in (
        "aids",
        "organisations",
        "people",
        "experiences",
        "resources",
        "events",
        "groups",
        "territories",
        "themes",
    ):
        assert f"/api/v1/{path}" in schema["paths"]


def test_docs_are_served_from_local_assets_under_the_csp(client):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html and "cdn" not in html.lower()
    assert "script-src" in response["Content-Security-Policy"]
    asset = client.get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()  # a file response: release the file


def test_aids_use_the_page_filters_and_cursor_pagination(client, geo):
    theme = ThemeFactory(name="Rénovation énergétique", slug="renovation-energetique")
    local = AidFactory(title="Aide de l'Oise", perimeter=geo["dept"], themes=[theme])
    AidFactory(title="Aide de la Somme", perimeter=geo["other_dept"])
    for n in range(5):
        AidFactory(title=f"Aide nationale {n}", perimeter=None)
    AidFactory(title="Brouillon", draft=True)
    data = client.get("/api/v1/aids", {"territoire": "60159", "page_size": 2}).json()
    titles = [item["intitule"] for item in data["results"]]
    seen = list(titles)
    while data["next"]:
        data = client.get(data["next"]).json()
        seen += [item["intitule"] for item in data["results"]]
    assert len(seen) == 6 and "Aide de l'Oise" in seen and "Aide de la Somme" not in seen
    assert "Brouillon" not in seen
    found = client.get("/api/v1/aids", {"q": "renovation energetique"}).json()["results"]
    assert [item["slug"] for item in found] == [local.slug]
    assert found[0]["perimetre"] == {"niveau": "department", "code": "60", "nom": "Oise"}
    assert found[0]["thematiques"][0]["slug"] == "renovation-energetique"
    assert client.get("/api/v1/aids", {"territoire": "99999"}).status_code == 400
    assert client.get("/api/v1/aids", {"cursor": "pas-un-curseur"}).status_code == 400
    assert client.get(f"/api/v1/aids/{local.slug}").json()["intitule"] == "Aide de l'Oise"


def test_people_only_with_consent_and_contacts_as_each_person_chose(client):
    member = UserFactory()
    PersonFactory(first_name="Sans", last_name="Consentement", directory_consent=False)
    public = PersonFactory(
        first_name="Alice",
        last_name="Publique",
        directory_consent=True,
        email="alice@ex.test",
        contact_visibility="public",
    )
    members_only = PersonFactory(
        first_name="Bruno",
        last_name="Membres",
        directory_consent=True,
        email="bruno@ex.test",
        contact_visibility="members",
    )
    anonymous = {p["slug"]: p for p in client.get("/api/v1/people").json()["results"]}
    assert set(anonymous) == {public.slug, members_only.slug}
    assert anonymous[public.slug]["courriel"] == "alice@ex.test"
    assert anonymous[members_only.slug]["courriel"] is None
    _, raw = api_token_create(user=member, name="Tableur")
    with_token = {p["slug"]: p for p in client.get("/api/v1/people", **_bearer(raw)).json()["results"]}
    assert with_token[members_only.slug]["courriel"] == "bruno@ex.test"


def test_tokens_are_created_revoked_and_refused_once_revoked(client):
    member = UserFactory()
    client.force_login(member)
    page = client.post(reverse("api:token_list"), {"name": "Mon tableur"}).content.decode()
    token = ApiToken.objects.get(user=member)
    raw = page.split('<code class="maillage-break">')[1].split("</code>")[0]
    assert raw.startswith("mlg_") and token.key_hash != raw
    client.logout()
    assert client.get("/api/v1/groups", **_bearer(raw)).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert client.get("/api/v1/groups", **_bearer("mlg_faux")).status_code == 401
    client.force_login(member)
    client.post(reverse("api:token_revoke", args=[token.pk]), {"confirm": "1"})
    token.refresh_from_db()
    assert token.revoked_at is not None
    client.logout()
    assert client.get("/api/v1/groups", **_bearer(raw)).status_code == 401
    # Someone else's token: not found.
    client.force_login(UserFactory())
    other, _ = api_token_create(user=member, name="Autre")
    assert client.get(reverse("api:token_revoke", args=[other.pk])).status_code == 404


def test_public_reads_allow_any_origin_without_credentials(client):
    OrganisationFactory(name="Régie de quartier")
    response = client.get("/api/v1/organisations", HTTP_ORIGIN="https://partenaire.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/organisations",
        HTTP_ORIGIN="https://partenaire.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert preflight.status_code == 204 and "Authorization" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Origin" not in client.get("/aides/")


def test_rate_limit_per_client_in_the_shared_cache(client, settings):
    settings.MAILLAGE_API_RATE_ANONYMOUS = "3/m"
    statuses = [client.get("/api/v1/themes").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    _, raw = api_token_create(user=UserFactory(), name="Outil")
    assert client.get("/api/v1/themes", **_bearer(raw)).status_code == 200  # per account, not per address


def test_old_endpoint_keeps_working(client):
    AidFactory(title="Fonds vert")
    assert client.get("/api/aides/").json()["resultats"][0]["intitule"] == "Fonds vert"


def test_errors_before_the_api_are_json_too(client):
    response = client.get("/api/v1/aids?q=%00")
    assert response.status_code == 400 and response.json()["detail"].startswith("Requête invalide")
    assert client.get("/api/v1/nulle-part").json()["detail"].startswith("Adresse inconnue")


def test_members_only_content_needs_a_token(client):
    from tests.experiences.factories import ExperienceFactory

    public = ExperienceFactory(title="Chaufferie publique")
    members = ExperienceFactory(title="Réservée aux membres", audience="members")
    anonymous = {e["slug"] for e in client.get("/api/v1/experiences").json()["results"]}
    assert anonymous == {public.slug}
    assert client.get(f"/api/v1/experiences/{members.slug}").status_code == 404
    _, raw = api_token_create(user=UserFactory(), name="Outil")
    with_token = {e["slug"] for e in client.get("/api/v1/experiences", **_bearer(raw)).json()["results"]}
    assert with_token == {public.slug, members.slug}
