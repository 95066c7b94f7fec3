import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """E-mails leave once the transaction commits: run those callbacks inside the test."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
