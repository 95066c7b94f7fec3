"""The Aides-territoires import against the real API's shapes (tests/aids/realshape.py), from
files and by address from a real local HTTP server serving paged listings."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse

from apps.aids.importers import FetchError, aid_import_data, aid_import_url, check_import_url
from apps.aids.models import Aid, AidImport
from apps.territories.models import Kind, Territory
from tests.aids import realshape
from tests.factories import (
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
PORT = 8411


@pytest.fixture
def occitanie(db):
    region = RegionFactory(name="Occitanie", code="76")
    herault = DepartementFactory(name="Hérault", code="34", region=region)
    gers = DepartementFactory(name="Gers", code="32", region=region)
    metro = EpciFactory(
        name="Montpellier Méditerranée Métropole", code="243400017", departement=herault, region=region
    )
    montpellier = CommuneFactory(
        name="Montpellier", code="34172", epci=metro, postcodes="34000 34070 34080 34090"
    )
    guadeloupe = RegionFactory(name="Guadeloupe", code="01")
    dep971 = DepartementFactory(name="Guadeloupe", code="971", region=guadeloupe)
    epci971 = EpciFactory(
        name="CA du Nord Grande-Terre", code="200018653", departement=dep971, region=guadeloupe
    )
    # Two communes named Saint-Martin: only the postal code tells them apart.
    saint_martin = CommuneFactory(name="Saint-Martin", code="97127", epci=epci971, postcodes="97150")
    gers_epci = EpciFactory(
        name="CC Astarac Arros en Gascogne", code="200034411", departement=gers, region=region
    )
    CommuneFactory(name="Saint-Martin", code="32392", epci=gers_epci, postcodes="32300")
    themes = {
        "renovation": ThemeFactory(name="Rénovation énergétique"),
        "biodiversite": ThemeFactory(name="Biodiversité"),
        "energies": ThemeFactory(name="Énergies / Déchets"),
    }
    return {
        "region": region,
        "herault": herault,
        "metro": metro,
        "montpellier": montpellier,
        "saint_martin": saint_martin,
        **themes,
    }


def _pages():
    return [json.loads((DATA / f"aides_territoires_api_page{n}.json").read_text()) for n in (1, 2)]


def test_real_api_shapes_import_with_zero_rejections(occitanie):
    page1, page2 = _pages()
    report = aid_import_data(data={"results": page1["results"] + page2["results"]}, fmt="aides-territoires")
    assert report.rejected == []
    assert len(report.created) == 9
    by_id = {aid.external_id: aid for aid in Aid.objects.filter(source="aides-territoires")}
    assert by_id["1001"].perimeter == occitanie["herault"]
    assert by_id["1002"].perimeter == occitanie["region"]
    assert by_id["1003"].perimeter == occitanie["montpellier"]  # NBSP + en dash + truncated codes
    assert by_id["1004"].perimeter is None and by_id["1005"].perimeter is None  # France, Europe
    assert by_id["1006"].perimeter == occitanie["metro"]  # bare EPCI name
    assert by_id["1008"].perimeter == occitanie["saint_martin"]  # homonym told apart by postal code
    # An ad-hoc perimeter becomes a territoire de projet, reported for the animators to complete.
    basin = by_id["1007"].perimeter
    assert basin.kind == Kind.PROJECT and basin.name == "Bassin Rhône-Méditerranée"
    assert report.perimeters == ["Bassin Rhône-Méditerranée"]
    # Plural audience labels, every one of them.
    assert by_id["1001"].beneficiary_list == ["municipality", "epci"]
    assert by_id["1002"].beneficiary_list == ["association", "company"]
    assert by_id["1003"].beneficiary_list == ["public_body"]
    assert by_id["1008"].beneficiary_list == ["overseas"]
    assert len(by_id["1009"].beneficiary_list) == 11  # 12 labels, two of them are companies
    # "Thème|Sous-thème": the sub-theme when known, else the theme.
    assert list(by_id["1001"].themes.all()) == [occitanie["renovation"]]
    assert list(by_id["1002"].themes.all()) == [occitanie["biodiversite"]]
    assert list(by_id["1008"].themes.all()) == [occitanie["energies"]]
    # Empty aid_types: an aid of unknown nature, not a rejection.
    assert by_id["1002"].kind == "other" and by_id["1005"].kind == "call_for_projects"
    assert "Conditions d'éligibilité" in by_id["1001"].description
    # A second run creates no second ad-hoc territory.
    again = aid_import_data(data={"results": page1["results"] + page2["results"]}, fmt="aides-territoires")
    assert again.rejected == [] and again.perimeters == []
    assert Territory.objects.filter(name="Bassin Rhône-Méditerranée").count() == 1


def test_explicit_kind_not_in_the_cog_is_rejected_with_its_reason(occitanie):
    items = [
        {
            "id": 1,
            "name": "A",
            "perimeter": "Atlantide\u00a0(Département)",
            "targeted_audiences": ["Communes"],
        },
        {"id": 2, "name": "B", "perimeter": "Saint-Martin (Commune)", "targeted_audiences": ["Communes"]},
        {"id": 3, "name": "C", "perimeter": "France", "targeted_audiences": ["Martiens"]},
    ]
    report = aid_import_data(data=items, fmt="aides-territoires")
    reasons = dict(report.rejected)
    assert "département absent du COG" in reasons["n° 1 (id 1)"]
    assert "commune ambiguë" in reasons["n° 2 (id 2)"]
    assert "aucun bénéficiaire reconnu" in reasons["n° 3 (id 3)"]


def _bind(handler):
    """A port of this team member's range (8400-8499) that is free right now."""
    for port in range(PORT, PORT + 30):
        try:
            return ThreadingHTTPServer(("127.0.0.1", port), handler)
        except OSError:
            continue
    raise RuntimeError("aucun port libre entre 8411 et 8440")


class _Source:
    """A local stand-in for the Aides-territoires API: real HTTP, real pages, a real `next`."""

    def __init__(self):
        self.pages = {}
        self.requests = []
        self.fail_page = None
        source = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                source.requests.append((self.path, dict(self.headers)))
                if self.path.startswith("/api/connexion/"):
                    if self.headers.get("X-AUTH-TOKEN") != "cle-secrete":
                        return self._send(401, {"detail": "refusé"})
                    return self._send(200, {"token": "jeton-jwt"})
                page = 2 if "page=2" in self.path else 1
                if source.fail_page == page:
                    return self._send(502, {"detail": "Bad gateway"})
                self._send(200, source.pages[page])

            def _send(self, status, payload):
                body = json.dumps(payload, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = _bind(Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}/api/aids/"
        self.pages = {1: realshape.page1(self.base), 2: realshape.page2(self.base)}
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def at_source(settings):
    settings.MAILLAGE_AIDS_IMPORT_HOSTS = ["127.0.0.1"]
    settings.MAILLAGE_AIDS_IMPORT_ALLOW_PRIVATE = True
    source = _Source()
    yield source
    source.close()


def test_import_by_url_reads_every_page_then_is_incremental_and_closes_unlisted(occitanie, at_source):
    report, error = aid_import_url(url=at_source.base)
    assert error == "" and report.rejected == [] and len(report.created) == 9
    assert [path for path, _ in at_source.requests] == ["/api/aids/", "/api/aids/?page=2"]

    # The source changes one aid (newer date_updated) and stops listing another.
    page1 = at_source.pages[1]
    page1["results"][0]["name"] = "Rénovation énergétique des bâtiments publics (2027)"
    page1["results"][0]["date_updated"] = "2026-11-20T08:00:00+01:00"
    removed = page1["results"].pop(1)
    report, error = aid_import_url(url=at_source.base)
    assert error == ""
    assert report.created == [] and len(report.updated) == 1 and len(report.unchanged) == 7
    assert report.closed == [f"{removed['name']} (aides-territoires {removed['id']})"]
    closed = Aid.objects.get(external_id=str(removed["id"]))  # closed, not deleted
    assert closed.withdrawn_at is not None and closed.is_closed
    assert not Aid.objects.open_on(closed.created_at.date()).filter(pk=closed.pk).exists()

    # Listed again: reopened.
    page1["results"].insert(1, {**removed, "date_updated": "2026-11-21T08:00:00+01:00"})
    report, _ = aid_import_url(url=at_source.base)
    closed.refresh_from_db()
    assert closed.withdrawn_at is None and len(report.updated) == 1


def test_a_listing_that_fails_midway_closes_nothing(occitanie, at_source):
    aid_import_url(url=at_source.base)
    at_source.pages[1]["results"] = at_source.pages[1]["results"][:1]
    at_source.fail_page = 2
    report, error = aid_import_url(url=at_source.base)
    assert "réponse HTTP 502" in error
    assert report.closed == []
    assert Aid.objects.filter(withdrawn_at__isnull=False).count() == 0


def test_api_key_is_exchanged_for_a_bearer_token(occitanie, at_source, settings):
    settings.MAILLAGE_AIDES_TERRITOIRES_API_KEY = "cle-secrete"
    _, error = aid_import_url(url=at_source.base)
    assert error == ""
    assert at_source.requests[0][0] == "/api/connexion/"
    assert at_source.requests[1][1]["Authorization"] == "Bearer jeton-jwt"
    settings.MAILLAGE_AIDES_TERRITOIRES_API_KEY = "mauvaise"
    _, error = aid_import_url(url=at_source.base)
    assert "réponse HTTP 401" in error


def test_only_allowed_hosts_and_never_private_addresses(settings):
    settings.MAILLAGE_AIDS_IMPORT_HOSTS = ["aides-territoires.beta.gouv.fr", "localhost"]
    settings.MAILLAGE_AIDS_IMPORT_ALLOW_PRIVATE = False
    with pytest.raises(FetchError, match="Hôte non autorisé"):
        check_import_url("https://evil.example/api/aids/")
    with pytest.raises(FetchError, match="Adresse interne refusée"):
        check_import_url("http://localhost/api/aids/")
    with pytest.raises(FetchError, match="http ou https"):
        check_import_url("file:///etc/passwd")


def test_import_page_runs_the_task_and_shows_the_report(
    client, occitanie, at_source, django_capture_on_commit_callbacks
):
    animator = UserFactory(animator=True)
    member = UserFactory()
    client.force_login(member)
    assert client.get(reverse("aids:import_list")).status_code == 403
    client.force_login(animator)
    response = client.post(reverse("aids:import_list"), {"url": "https://evil.example/api/aids/"})
    assert "Hôte non autorisé" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("aids:import_list"), {"url": at_source.base})
    aid_import = AidImport.objects.get()
    assert response.url == aid_import.get_absolute_url()
    aid_import.refresh_from_db()
    assert aid_import.status == "done" and aid_import.created_count == 9 and aid_import.rejected_count == 0
    page = client.get(aid_import.get_absolute_url()).content.decode()
    assert "Bassin Rhône-Méditerranée" in page and "Végétaliser les cours d&#x27;école" in page
    assert at_source.base in client.get(reverse("aids:import_list")).content.decode()


def test_command_schedules_an_import_by_url(occitanie, at_source, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # enqueued on commit; ImmediateBackend runs it
        call_command("aids_import", url=at_source.base, stdout=out)
    aid_import = AidImport.objects.get()
    aid_import.refresh_from_db()
    assert f"Import n° {aid_import.pk}" in out.getvalue()
    assert aid_import.status == "done" and aid_import.created_count == 9
    with pytest.raises(CommandError, match="Hôte non autorisé"):
        call_command("aids_import", url="https://ailleurs.example/api/aids/")
