"""Schema-driven tests of /api/v1/ (Schemathesis, issue 16): every operation of the published
OpenAPI schema is called with generated parameters (valid and invalid) against the real Django
application and a seeded database; 0 server errors and 0 responses that differ from the schema
(status codes, content types, bodies). Runs on SQLite and PostgreSQL like the rest of the suite."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.api.services import api_token_create
from tests.aids.factories import AidFactory
from tests.events.factories import EventFactory
from tests.experiences.factories import ExperienceFactory
from tests.factories import (
    CommuneFactory,
    OrganisationFactory,
    PersonFactory,
    ThemeFactory,
    UserFactory,
)
from tests.resources.factories import ResourceFactory


@pytest.fixture
def api_schema(db, settings):
    from maillage.wsgi import application

    settings.MAILLAGE_API_RATE_ANONYMOUS = "100000/m"
    settings.MAILLAGE_API_RATE_TOKEN = "100000/m"
    cache.clear()
    theme = ThemeFactory(name="Énergie", slug="energie")
    commune = CommuneFactory(name="Compiègne", code="60159", postcodes="60200")
    organisation = OrganisationFactory(name="Régie de quartier", territory=commune)
    organisation.themes.set([theme])
    PersonFactory(first_name="Alice", last_name="Martin", contact_visibility="public")
    PersonFactory(first_name="Bruno", last_name="Petit", contact_visibility="members")
    AidFactory(title="Fonds vert", themes=[theme])
    AidFactory(title="Aide locale", perimeter=commune.epci, close_date=None)
    ExperienceFactory(title="Chaufferie bois", themes=[theme])
    ResourceFactory(title="Guide de la rénovation")
    EventFactory(title="Rencontre régionale")
    # As Django's test client does: the request must not close the test's connection (it is in the
    # test transaction, which close_old_connections reads as an unusable connection).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)


def _run_every_operation(schema, headers=None) -> int:
    """Each operation of the schema with Hypothesis-generated cases. (Schemathesis' own pytest
    plugin does not support this pytest version; its engine is used directly.)"""
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:

        @given(case=operation.as_strategy())
        @SETTINGS
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
    return len(operations)


def test_api_conforms_to_its_schema_anonymously(api_schema):
    assert _run_every_operation(api_schema) == 15


def test_api_conforms_to_its_schema_with_a_token(api_schema):
    _, raw = api_token_create(user=UserFactory(), name="schemathesis")
    assert _run_every_operation(api_schema, headers={"Authorization": f"Bearer {raw}"}) == 15
