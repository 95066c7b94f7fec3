"""The person chip: consent decides the link and the photo; lists prefetch it in a fixed number of queries."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.template import Context, Template
from django.test import RequestFactory

from apps.accounts.models import User
from apps.directory.models import Membership
from apps.directory.selectors import chip_prefetch
from apps.directory.templatetags.people import chip_data
from tests.factories import OrganisationFactory, PersonFactory, UserFactory, image_bytes

pytestmark = pytest.mark.django_db


def render_chip(who, viewer):
    request = RequestFactory().get("/")
    request.user = viewer
    return Template("{% load people %}{% person_chip who %}").render(
        Context({"who": who, "request": request})
    )


def test_consenting_person_links_to_card_with_role_and_organisation():
    org = OrganisationFactory(name="Mairie de Vimy")
    person = PersonFactory(with_user=True, first_name="Alice", last_name="Martin", organisation=org)
    Membership.objects.filter(person=person).update(function="Adjointe à l'environnement")
    html = render_chip(person.user, UserFactory())
    assert f'href="{person.get_absolute_url()}"' in html
    assert "Adjointe à l&#x27;environnement" in html
    assert f'href="{org.get_absolute_url()}">Mairie de Vimy</a>' in html
    assert 'aria-hidden="true">AM</span>' in html


def test_person_without_consent_is_a_name_without_link_or_photo():
    person = PersonFactory(with_user=True, hidden=True, first_name="Bruno", last_name="Caché")
    person.photo.save("p.png", ContentFile(image_bytes()), save=True)
    html = render_chip(person.user, UserFactory())
    assert "Bruno Caché" in html
    assert "href=" not in html
    assert "<img" not in html
    # Themselves and animators still see the card and the photo.
    assert "<img" in render_chip(person.user, person.user)
    assert f'href="{person.get_absolute_url()}"' in render_chip(person.user, UserFactory(animator=True))


def test_photo_shown_to_those_who_may_see_the_person():
    person = PersonFactory(with_user=True)
    person.photo.save("p.png", ContentFile(image_bytes()), save=True)
    data = chip_data(person, AnonymousUser())
    assert data["photo_url"] == person.photo.url
    assert data["url"] == person.get_absolute_url()


def test_user_without_person_and_missing_author():
    user = UserFactory(first_name="Zoé", last_name="Sansfiche")
    assert "Zoé Sansfiche" in render_chip(user, UserFactory())
    assert "Un ancien membre" in render_chip(None, UserFactory())


def test_erased_person_is_never_linked():
    person = PersonFactory(with_user=True, is_removed=True)
    assert "href=" not in render_chip(person.user, UserFactory(animator=True))


def test_prefetched_chips_run_no_query(django_assert_num_queries):
    org = OrganisationFactory()
    for _ in range(5):
        PersonFactory(with_user=True, organisation=org)
    viewer = UserFactory()
    users = list(
        User.objects.filter(person__isnull=False).prefetch_related(
            "person", "person__memberships__organisation"
        )
    )
    with django_assert_num_queries(0):
        for user in users:
            render_chip(user, viewer)
    assert chip_prefetch("author") == ["author__person", "author__person__memberships__organisation"]
