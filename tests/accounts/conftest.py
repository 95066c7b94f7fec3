import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    # Mail throttling lives in the cache: each test starts with a clean slate.
    cache.clear()
    yield
    cache.clear()
