"""No input gives a 5xx: every URL pattern of the resolver, as each role, with hostile query
strings and hostile form posts. Runs with the normal suites, on SQLite and on PostgreSQL.

Bounded and deterministic: a fixed list of hostile values, spread over the patterns by index
(each value reaches every kind of parameter across the run), one GET and one POST per
pattern, role and path variant."""

import re
import sys

import pytest
from django.core.signals import got_request_exception
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

HOSTILE = [
    "99999999999999999999",  # beyond 64 bits
    "-1",
    "abc",
    "1\x00",  # NUL byte
    "x" * 10_000,
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢\u202e\u200b",
    "0",
    "%' OR 1=1 --",
    "1.5e308",
    "../../../../etc/passwd",
]
QUERY_NAMES = [
    "page",
    "q",
    "theme",
    "themes",
    "groupe",
    "reponse",
    "type",
    "region",
    "departement",
    "territoire",
    "vue",
    "tri",
    "annee",
    "mois",
    "statut",
    "categorie",
    "organisation",
    "public",
    "format",
    "next",
    "ateliers",
    "action",
    "membership",
    "supprimer",
    "id",
    "date",
    "debut",
    "fin",
    "audience",
    "perimetre",
    "title",
    "decision",
    "frequence",
    "kind",
    "consultation",
    "atelier",
    "question",
]
FORM_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\sname="([^"]+)"')
PATH_VALUES = {
    "int": ["1", "99999999999999999999"],
    "slug": ["inconnu"],
    "str": ["inconnu"],
    "uuid": ["00000000-0000-0000-0000-000000000000"],
    "path": ["inconnu"],
}


def walk(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def concrete_paths(pattern: str) -> list[str]:
    """Route patterns only (regex patterns such as the admin's catch-all are filled too)."""
    pattern = pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    if "(?P<" in pattern:
        pattern = re.sub(r"\(\?P<\w+>[^)]*\)", "1", pattern)
    kinds = [m.group(1) or "str" for m in CONVERTER.finditer(pattern)]
    if not kinds:
        return ["/" + pattern]
    variants = []
    for round_ in range(2):
        path = pattern
        for kind in kinds:
            values = PATH_VALUES.get(kind, ["inconnu"])
            path = CONVERTER.sub(values[min(round_, len(values) - 1)], path, count=1)
        variants.append("/" + path)
    return sorted(set(variants))


@pytest.fixture
def world(db):
    organisation = OrganisationFactory()
    member = UserFactory()
    PersonFactory(user=member)
    MembershipFactory(person=member.person, organisation=organisation, is_referent=True)
    return {
        "anonyme": None,
        "membre": member,
        "animateur": UserFactory(animator=True),
        "admin": UserFactory(admin=True),
    }


def hostile_query(index: int) -> dict:
    return {name: HOSTILE[(index + i) % len(HOSTILE)] for i, name in enumerate(QUERY_NAMES)}


@pytest.mark.parametrize("role", ["anonyme", "membre", "animateur", "admin"])
def test_no_5xx_on_any_url_with_hostile_input(client, world, role, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    user = world[role]
    if user:
        client.force_login(user)
    failures = []
    # An exception escaping a view is a failure even when a handler turns it into a 4xx (e.g. an
    # OverflowError from a 20-digit id on SQLite must be a form error, not a caught crash).
    escaped = []

    def on_exception(sender, request, **kwargs):
        exc = sys.exc_info()[1]
        escaped.append(f"{request.method} {request.path} {type(exc).__name__}: {str(exc)[:120]}")

    got_request_exception.connect(on_exception)
    paths = [p for pattern in walk() for p in concrete_paths(pattern)]
    assert len(paths) > 100
    for index, path in enumerate(paths):
        if "deconnexion" in path or path.startswith("/compte/supprimer"):
            continue  # would end the session being tested
        query = hostile_query(index)
        response = client.get(path, query)
        if response.status_code >= 500:
            failures.append(f"GET {path} {response.status_code}")
        # Reading a streamed response to the end closes its file the way a WSGI server does
        # (a direct close() would fire request_finished and close the test's database connection).
        body = b"".join(response.streaming_content) if response.streaming else response.content
        names = set(FORM_NAME.findall(body.decode(errors="replace"))) - {"csrfmiddlewaretoken"}
        if response.status_code == 200 and not names:
            names = set(QUERY_NAMES[:8])
        data = {name: HOSTILE[(index + i) % len(HOSTILE)] for i, name in enumerate(sorted(names))}
        response = client.post(path, data)
        if response.streaming:
            b"".join(response.streaming_content)
        if response.status_code >= 500:
            failures.append(f"POST {path} {response.status_code} {sorted(data)[:6]}")
        if user and "_auth_user_id" not in client.session:
            client.force_login(user)
    got_request_exception.disconnect(on_exception)
    assert not failures, "\n".join(failures)
    assert not escaped, "\n".join(escaped)


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "/aides/", {"page": "99999999999999999999"}),
        ("get", "/api/aides/", {"page": "99999999999999999999"}),
        ("get", "/aides/", {"page": "-3"}),
        ("get", "/annuaire/", {"theme": "eau\x00"}),
        ("get", "/questions/", {"groupe": "\x00"}),
        ("post", "/questions/expertises/", {"supprimer": "abc"}),
        ("post", "/questions/expertises/", {"supprimer": "99999999999999999999"}),
    ],
)
def test_reported_inputs_are_client_errors(client, world, method, path, data, settings):
    """The inputs issue 10 reported as 500s."""
    settings.DEBUG = False
    client.raise_request_exception = False
    client.force_login(world["animateur"])
    response = getattr(client, method)(path, data)
    assert response.status_code < 500


def test_report_with_bad_answer_id_is_404(client, world, settings):
    from apps.questions import services
    from tests.factories import ThemeFactory

    client.raise_request_exception = False
    member = world["membre"]
    question = services.question_create(
        author=member, title="Une question ?", body="Texte.", themes=[ThemeFactory()]
    )
    client.force_login(world["animateur"])
    for value in ("abc", "99999999999999999999", "-1"):
        assert client.get(f"/questions/{question.pk}/signaler/", {"reponse": value}).status_code == 404
