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
