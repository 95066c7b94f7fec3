"""The one confirmation page (apps.core.confirm): nothing happens on GET, an irreversible action
needs the box ticked, then the action runs once, says so and redirects."""

import html

import pytest
from django.urls import reverse

from apps.aids.models import Aid
from apps.groups.models import GroupMembership
from tests.aids.factories import AidFactory
from tests.factories import UserFactory
from tests.groups.factories import GroupMembershipFactory

pytestmark = pytest.mark.django_db


def test_irreversible_action_needs_the_box_ticked(client):
    aid = AidFactory(title="Fonds chaleur")
    client.force_login(UserFactory(animator=True))
    url = reverse("aids:delete", args=[aid.slug])
    page = html.unescape(client.get(url).content.decode())
    assert "Supprimer « Fonds chaleur »" in page and "Je confirme la suppression" in page
    assert f'href="{aid.get_absolute_url()}">Annuler' in page
    assert Aid.objects.filter(pk=aid.pk).exists()
    refused = client.post(url, {})
    assert refused.status_code == 200
    assert "Cochez la case pour confirmer." in html.unescape(refused.content.decode())
    assert Aid.objects.filter(pk=aid.pk).exists()
    done = client.post(url, {"confirm": "on"}, follow=True)
    assert done.redirect_chain[0] == (reverse("aids:list"), 302)
    assert "L'aide « Fonds chaleur » a été supprimée." in html.unescape(done.content.decode())
    assert not Aid.objects.filter(pk=aid.pk).exists()


def test_reversible_action_asks_once_then_acts_on_post(client):
    membership = GroupMembershipFactory()
    client.force_login(membership.user)
    url = reverse("groups:leave", args=[membership.group.slug])
    page = client.get(url)
    assert page.status_code == 200 and "Quitter le groupe" in page.content.decode()
    assert 'name="confirm"' not in page.content.decode()
    assert GroupMembership.objects.filter(pk=membership.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("groups:list")
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
