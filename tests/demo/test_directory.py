"""The demo directory (`load_demo`), its logins (`demo_logins`) and their safety rules."""

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import RequestFactory

from apps.accounts.models import Role, User
from apps.directory.models import (
    Engagement,
    JoinRequest,
    Membership,
    Organisation,
    OrganisationStatus,
    Person,
    PersonCategory,
)
from apps.search.models import SearchDocument
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme
from apps.themes.taxonomy import DEFAULT_THEMES
from demo import loader

pytestmark = pytest.mark.django_db

PINNED = json.loads(Path(__file__).with_name("demo_counts.json").read_text(encoding="utf-8"))

# Every département the demo points to (loading them takes ~10 s: done once, in one test).
DEMO_DEPARTEMENTS = "95,67,71,40,74,81,37,12,45,62,59,60,06,17,25,31,48,974,54,75,49,69,92"


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Person,
            Membership,
            Engagement,
            JoinRequest,
            User,
            Theme,
            Territory,
            SearchDocument,
        )
    } | {
        "org_themes": Organisation.themes.through.objects.count(),
        "person_themes": Person.themes.through.objects.count(),
        "resource_themes": Person.resource_themes.through.objects.count(),
    }


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def can_log_in(email: str, password: str) -> bool:
    # django-axes wants the request: authenticate exactly as the login view does.
    request = RequestFactory().post("/compte/connexion/")
    return authenticate(request=request, username=email, password=password) is not None


def test_demo_network_on_the_real_referential_is_idempotent(settings):
    settings.MAILLAGE_DEMO_LOGINS = True
    call_command("load_territories", departements=DEMO_DEPARTEMENTS, stdout=io.StringIO())

    first_output = load_demo()
    first = counts()
    second_output = load_demo()
    assert counts() == first
    assert "introuvable" not in first_output + second_output  # every place was resolved

    # Collectivités are linked to their real territory, found by name in the referential.
    cergy = Organisation.objects.get(slug="ville-de-cergy")
    assert (cergy.territory.kind, cergy.territory.code) == (Kind.MUNICIPALITY, "95127")
    assert cergy.siren == cergy.territory.siren != ""
    assert cergy.departement.code == "95" and cergy.has_coordinates
    sauer = Organisation.objects.get(slug="cc-sauer-pechelbronn")
    assert sauer.territory.kind == Kind.EPCI and sauer.territory.name == "CC Sauer-Pechelbronn"
    assert sauer.siren == sauer.territory.code
    tco = Organisation.objects.get(slug="tco-la-reunion")
    assert tco.departement.code == "974"
    # Lomme is a commune associée: located in Lille, without Lille's SIREN.
    lomme = Organisation.objects.get(slug="lomme")
    assert (lomme.territory.name, lomme.siren) == ("Lille", "")
    # National bodies sit in their head office's commune; a PETR in its seat.
    assert Organisation.objects.get(slug="ademe").territory.name == "Angers"
    assert Organisation.objects.get(slug="terres-de-lorraine").type == "petr"
    assert Organisation.objects.filter(territory__isnull=True).count() == 0
    # Demo organisations are in the search index, like those written through the services.
    assert SearchDocument.objects.filter(
        content_type=ContentType.objects.get_for_model(Organisation), object_id=cergy.pk
    ).exists()

    # The people: every category, some référents, consent honoured.
    assert set(Person.objects.values_list("category", flat=True)) == set(PersonCategory.values)
    assert Membership.objects.filter(is_referent=True).count() >= 10
    assert Person.objects.filter(directory_consent=False).count() >= 2
    assert Person.objects.listed().count() == Person.objects.filter(directory_consent=True).count()
    assert not Person.objects.listed().filter(slug="aurelie-dumas").exists()
    assert Person.objects.filter(resource_themes__isnull=False).distinct().count() >= 10
    assert len(set(Person.objects.values_list("contact_visibility", flat=True))) == 3

    # The animators' queue is not empty.
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 2
    assert Organisation.objects.filter(status=OrganisationStatus.PENDING).count() == 2

    # The four demo logins work and have the right role.
    for login in loader.logins():
        assert can_log_in(login.email, loader.password()), login.email
    referent = User.objects.get(email="referent@demo.maillage.test")
    assert Membership.objects.get(person__user=referent, organisation=cergy).is_referent
    assert User.objects.get(email="animateur@demo.maillage.test").is_animator
    admin = User.objects.get(email="admin@demo.maillage.test")
    assert admin.is_superuser and admin.is_staff and admin.role == Role.ADMIN
    member = User.objects.get(email="membre@demo.maillage.test")
    assert member.role == Role.MEMBER and not member.is_animator and member.email_verified_at

    # No real address anywhere: every demo email is on the reserved domain.
    emails = [
        *User.objects.values_list("email", flat=True),
        *Person.objects.exclude(email="").values_list("email", flat=True),
        *Organisation.objects.exclude(email="").values_list("email", flat=True),
    ]
    assert emails and all(email.endswith("@demo.maillage.test") for email in emails)


def test_second_run_keeps_what_animators_decided_and_what_the_network_edited(settings):
    settings.MAILLAGE_DEMO_LOGINS = False
    load_demo()
    muttersholtz = Organisation.objects.get(slug="commune-de-muttersholtz")
    muttersholtz.status = OrganisationStatus.ACTIVE
    muttersholtz.save()
    JoinRequest.objects.filter(organisation=muttersholtz).update(status=JoinRequest.Status.APPROVED)
    Theme.objects.filter(slug="energie").update(name="Énergies")

    load_demo()

    muttersholtz.refresh_from_db()
    assert muttersholtz.status == OrganisationStatus.ACTIVE
    assert JoinRequest.objects.get(organisation=muttersholtz).status == JoinRequest.Status.APPROVED
    assert Theme.objects.get(slug="energie").name == "Énergies"
    assert Theme.objects.count() == len(DEFAULT_THEMES)


def test_without_referential_organisations_are_created_unlinked_with_a_warning(settings):
    settings.MAILLAGE_DEMO_LOGINS = False
    assert not Territory.objects.exists()
    output = load_demo()
    assert "Attention : territoire introuvable" in output
    assert "commune Cergy (95)" in output
    assert Organisation.objects.count() == PINNED["directory.Organisation"]
    assert Organisation.objects.filter(territory__isnull=False).count() == 0


def test_demo_logins_are_not_created_without_debug_or_explicit_setting(settings):
    settings.DEBUG = False
    settings.MAILLAGE_DEMO_LOGINS = False
    load_demo()
    assert not User.objects.filter(email__in=[login.email for login in loader.logins()]).exists()
    assert not can_log_in("admin@demo.maillage.test", loader.password())
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert out.getvalue() == ""


def test_demo_logins_command_prints_the_table(settings):
    settings.MAILLAGE_DEMO_LOGINS = True
    load_demo()
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    text = out.getvalue()
    assert f"Mot de passe commun : {loader.password()}" in text
    for login in loader.logins():
        assert login.email in text and login.role_label in text
    # Requesters of the pending join requests have accounts but no usable password.
    requester = User.objects.get(email="lea.schaller@demo.maillage.test")
    assert not requester.has_usable_password()
