import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run on-commit callbacks (mail and task enqueues) at the end of the `with` block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
