"""Editing a poll and following its invitees: permission matrix, options added and removed
without losing the other answers, invitees by address or organisation with their answer state."""

import pytest
from django.urls import reverse

from apps.polls.models import AnswerValue, Poll, PollChoice, PollInvitee, PollOption
from apps.polls.services import poll_answer_save
from tests.factories import MembershipFactory, OrganisationFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll():
    author = UserFactory()
    poll = Poll.objects.create(title="Réunion de rentrée", created_by=author)
    for position, label in enumerate(["Lundi matin", "Mardi après-midi", "Jeudi soir"]):
        PollOption.objects.create(poll=poll, position=position, label=label)
    return poll


@pytest.mark.parametrize(
    ("role", "status"), [("anonymous", 302), ("member", 403), ("author", 200), ("animator", 200)]
)
def test_permission_matrix(client, poll, role, status):
    users = {
        "anonymous": None,
        "member": UserFactory(),
        "author": poll.created_by,
        "animator": UserFactory(animator=True),
    }
    if users[role]:
        client.force_login(users[role])
    invitee = PollInvitee.objects.create(poll=poll, user=UserFactory())
    for url in [reverse("polls:edit", args=[poll.slug]), reverse("polls:invitees", args=[poll.slug])]:
        assert client.get(url).status_code == status
    client.post(reverse("polls:edit", args=[poll.slug]), {"title": "Piraté"})
    client.post(reverse("polls:invitee_remove", args=[poll.slug, invitee.pk]))
    poll.refresh_from_db()
    assert (poll.title == "Piraté") is (status == 200)
    assert PollInvitee.objects.filter(pk=invitee.pk).exists() is (status != 200)


def test_edit_adds_and_removes_options_keeping_answers(client, poll):
    lundi, mardi, jeudi = poll.options.all()
    voter = UserFactory()
    poll_answer_save(poll=poll, user=voter, values={lundi.pk: "yes", mardi.pk: "maybe", jeudi.pk: "yes"})
    client.force_login(poll.created_by)
    response = client.post(
        reverse("polls:edit", args=[poll.slug]),
        {
            "title": "Réunion de rentrée (nouvelles dates)",
            "description": "",
            "removed_options": [jeudi.pk],
            # New dates are structured rows, like at creation.
            "option_0_date": "2099-09-10",
            "option_0_start": "09:00",
            "option_0_end": "12:00",
            "option_1_date": "2099-09-11",
            "option_1_label": "midi",
        },
    )
    assert response.status_code == 302
    poll.refresh_from_db()
    assert poll.title == "Réunion de rentrée (nouvelles dates)"
    assert [o.display for o in poll.options.all()] == [
        "Lundi matin",
        "Mardi après-midi",
        "jeudi 10 septembre 2099, 9h00–12h00",
        "vendredi 11 septembre 2099 (midi)",
    ]
    values = dict(PollChoice.objects.filter(answer__user=voter).values_list("option__label", "value"))
    assert values["Lundi matin"] == AnswerValue.YES and values["Mardi après-midi"] == AnswerValue.MAYBE
    assert values["midi"] == AnswerValue.NO
    assert not PollChoice.objects.filter(option_id=jeudi.pk).exists()


def test_a_poll_keeps_two_options_and_closed_polls_are_not_edited(client, poll):
    client.force_login(poll.created_by)
    options = [o.pk for o in poll.options.all()]
    response = client.post(
        reverse("polls:edit", args=[poll.slug]), {"title": "x", "removed_options": options[:2]}
    )
    assert "au moins deux options" in response.content.decode()
    assert poll.options.count() == 3
    Poll.objects.filter(pk=poll.pk).update(is_closed=True)
    assert client.get(reverse("polls:edit", args=[poll.slug])).status_code == 302


def test_invitees_by_address_and_organisation(client, poll):
    known = UserFactory(email="camille@exemple.test")
    inactive = UserFactory(email="parti@exemple.test", is_active=False)
    organisation = OrganisationFactory()
    colleagues = [UserFactory() for _ in range(2)]
    for user in colleagues:
        MembershipFactory(person=PersonFactory(user=user), organisation=organisation)
    client.force_login(UserFactory(animator=True))
    url = reverse("polls:invitees", args=[poll.slug])
    response = client.post(
        url,
        {
            "emails": "Camille@exemple.test; inconnu@exemple.test, parti@exemple.test",
            "organisations": [organisation.pk],
        },
        follow=True,
    )
    html = response.content.decode()
    assert "3 personnes ajoutées" in html
    assert "inconnu@exemple.test" in html and "parti@exemple.test" in html
    assert set(poll.invitees.values_list("user_id", flat=True)) == {known.pk, *[u.pk for u in colleagues]}
    assert inactive.pk not in set(poll.invitees.values_list("user_id", flat=True))
    # Again: nobody twice.
    client.post(url, {"emails": "camille@exemple.test"})
    assert poll.invitees.count() == 3
    poll_answer_save(poll=poll, user=known, values={})
    html = client.get(url).content.decode()
    assert "1 sur 3 a répondu" in html and "A répondu" in html


def test_invitees_form_errors(client, poll):
    client.force_login(poll.created_by)
    url = reverse("polls:invitees", args=[poll.slug])
    assert "Indiquez des adresses ou des organisations." in client.post(url, {}).content.decode()
    assert (
        "Adresses mal formées : pas-une-adresse"
        in client.post(url, {"emails": "pas-une-adresse"}).content.decode()
    )
    assert "Sélectionnez un choix valide" in client.post(url, {"organisations": ["999999"]}).content.decode()
