import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# there unless told it is safe (pytest-django's live_server runs in another thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache (map points, mail throttling) lives in the process: one test must not see another's."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_and_mail(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAILLAGE_IMPORT_DIR = str(tmp_path / "private" / "imports")


@pytest.fixture
def django_assert_max_num_queries_strict(django_assert_max_num_queries):
    return django_assert_max_num_queries


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (mail and task enqueues) at the end of the `with` block:
    `with commit(): ...`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture(scope="session")
def base_url():
    """Pages are addressed with live_server.url; defined here so that pytest-playwright's fallback
    fixture (a deprecated instance-method fixture) is never used."""
    return None


@pytest.fixture
def geo(db):
    """A small map: commune C in EPCI E in département D in région R; a neighbour commune N in
    another EPCI of the same département; another département and région; two territoires de
    projet, one containing E (so C), the other containing only N."""
    from apps.territories.models import Kind, Territory
    from tests.factories import CommuneFactory, DepartementFactory, EpciFactory, RegionFactory

    region = RegionFactory(name="Hauts-de-France", code="32")
    other_region = RegionFactory(name="Bretagne", code="53")
    dept = DepartementFactory(name="Oise", code="60", region=region)
    other_dept = DepartementFactory(name="Somme", code="80", region=region)
    epci = EpciFactory(name="CA de la Région de Compiègne", code="200067965", departement=dept, region=region)
    other_epci = EpciFactory(name="CC des Deux Vallées", code="246000749", departement=dept, region=region)
    commune = CommuneFactory(name="Compiègne", code="60159", epci=epci, departement=dept, region=region)
    neighbour = CommuneFactory(
        name="Ribécourt", code="60537", epci=other_epci, departement=dept, region=region
    )
    project = Territory.objects.create(
        kind=Kind.PROJECT, code="P-COMP", name="Pays compiégnois", project_kind="petr"
    )
    project.members.add(epci)
    other_project = Territory.objects.create(
        kind=Kind.PROJECT, code="P-NOY", name="Pays noyonnais", project_kind="petr"
    )
    other_project.members.add(neighbour)
    return {
        "region": region,
        "other_region": other_region,
        "dept": dept,
        "other_dept": other_dept,
        "epci": epci,
        "other_epci": other_epci,
        "commune": commune,
        "neighbour": neighbour,
        "project": project,
        "other_project": other_project,
    }
