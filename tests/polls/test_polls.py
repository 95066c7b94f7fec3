from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.events.models import Event, EventStatus
from apps.polls import perms, services
from apps.polls.forms import parse_option
from apps.polls.models import Poll, PollAnswer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def create_poll(client, user, **extra):
    client.force_login(user)
    data = {
        "title": "Journée de clôture",
        "description": "Quel jour en septembre ?",
        "options_text": "2027-09-13\n14/09/2027 9h-12h\n15/09/2027 14:00-17:00 en visio\nUn autre jour",
        **extra,
    }
    response = client.post(reverse("polls:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Poll.objects.get(title=data["title"])


def test_parse_options():
    assert parse_option("Un autre jour").label == "Un autre jour"
    day = parse_option("2027-09-13")
    assert day.all_day and day.start == datetime(2027, 9, 13, tzinfo=PARIS)
    slot = parse_option("14/09/2027 9h-12h30 en visio")
    assert slot.start == datetime(2027, 9, 14, 9, tzinfo=PARIS) and slot.end == datetime(
        2027, 9, 14, 12, 30, tzinfo=PARIS
    )
    assert slot.label == "en visio"
    with pytest.raises(ValidationError):
        parse_option("2027-02-30")
    with pytest.raises(ValidationError):
        parse_option("2027-02-03 25h-26h")


def test_form_errors(client):
    client.force_login(UserFactory())
    html = client.post(
        reverse("polls:create"), {"title": "", "options_text": "une seule", "deadline": "hier"}
    ).content.decode()
    assert "Donnez un titre" in html and "au moins deux options" in html and "Date et heure invalides" in html
    html = client.post(
        reverse("polls:create"), {"title": "X", "options_text": "2027-13-01\nb"}
    ).content.decode()
    assert "cette date n&#x27;existe pas" in html or "cette date n'existe pas" in html


@pytest.mark.parametrize(
    ("role", "view", "manage"),
    [("anonymous", False, False), ("member", True, False), ("author", True, True), ("animator", True, True)],
)
def test_permission_matrix(role, view, manage):
    from django.contrib.auth.models import AnonymousUser

    author = UserFactory()
    poll = Poll.objects.create(title="P", created_by=author)
    user = {
        "anonymous": AnonymousUser(),
        "member": UserFactory(),
        "author": author,
        "animator": UserFactory(animator=True),
    }[role]
    assert perms.can_view_poll(user, poll) is view
    assert perms.can_answer_poll(user, poll) is view
    assert perms.can_manage_poll(user, poll) is manage
    poll.hidden_answers = True
    assert perms.can_see_answers(user, poll) is manage


def test_answer_results_close_and_event(client, django_capture_on_commit_callbacks):
    author = UserFactory(animator=True)
    poll = create_poll(client, author)
    options = list(poll.options.all())
    assert [o.display for o in options][:2] == ["13/09/2027", "14/09/2027 09:00–12:00"]
    voters = UserFactory.create_batch(3)
    votes = [["yes", "yes", "no", "no"], ["yes", "maybe", "no", "no"], ["no", "yes", "maybe", "bogus"]]
    for voter, vote in zip(voters, votes, strict=True):
        client.force_login(voter)
        client.post(
            reverse("polls:answer", args=[poll.slug]),
            {f"option-{o.pk}": v for o, v in zip(options, vote, strict=True)},
        )
    # Answering twice replaces the line.
    client.post(
        reverse("polls:answer", args=[poll.slug]),
        {f"option-{o.pk}": v for o, v in zip(options, votes[2], strict=True)},
    )
    assert PollAnswer.objects.filter(poll=poll).count() == 3
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "2 oui" in html and voters[0].last_name in html
    client.post(reverse("polls:comment", args=[poll.slug]), {"text": "Le 14 m'arrange."})
    assert "Le 14 m&#x27;arrange." in client.get(poll.get_absolute_url()).content.decode()
    # Only the author closes.
    assert client.get(reverse("polls:close", args=[poll.slug])).status_code == 403
    client.force_login(author)
    client.post(reverse("polls:close", args=[poll.slug]), {"final_option": options[1].pk})
    poll.refresh_from_db()
    assert not poll.is_closed  # confirmation missing
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("polls:close", args=[poll.slug]), {"final_option": options[1].pk, "confirm": "on"}
        )
    poll.refresh_from_db()
    assert poll.is_closed and poll.final_option == options[1]
    assert sorted(mail.outbox[-1].to) == sorted(v.email for v in voters)
    client.force_login(voters[0])
    response = client.post(reverse("polls:answer", args=[poll.slug]), {f"option-{options[0].pk}": "no"})
    assert PollAnswer.objects.get(poll=poll, user=voters[0]).choices.get(option=options[0]).value == "yes"
    client.force_login(author)
    csv_text = client.get(reverse("polls:export", args=[poll.slug])).content.decode("utf-8-sig")
    assert "Total oui;2;2;0;0" in csv_text.replace("\r", "")
    response = client.post(reverse("polls:to_event", args=[poll.slug]))
    event = Event.objects.get()
    assert response["Location"] == reverse("events:update", kwargs={"slug": event.slug})
    assert event.status == EventStatus.DRAFT and event.start == datetime(2027, 9, 14, 9, tzinfo=PARIS)
    assert client.post(reverse("polls:to_event", args=[poll.slug])).status_code == 403


def test_hidden_answers_show_totals_only(client):
    author = UserFactory()
    poll = create_poll(client, author, hidden_answers="on")
    voter, other = UserFactory(last_name="Votante"), UserFactory()
    services.poll_answer_save(poll=poll, user=voter, values={o.pk: "yes" for o in poll.options.all()})
    client.force_login(other)
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "Votante" not in html and "1 oui" in html
    client.force_login(author)
    assert "Votante" in client.get(poll.get_absolute_url()).content.decode()


def test_deadline_stops_answers(client):
    poll = Poll.objects.create(title="Passé", deadline=timezone.now() - timedelta(hours=1))
    assert not poll.is_open
    assert not perms.can_answer_poll(UserFactory(), poll)


def test_list_query_count(client, django_assert_max_num_queries):
    for i in range(15):
        Poll.objects.create(title=f"Sondage {i}")
    client.force_login(UserFactory())
    with django_assert_max_num_queries(8):
        assert client.get(reverse("polls:list")).status_code == 200
    assert client.get(reverse("polls:list")).status_code == 200
