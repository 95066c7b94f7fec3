from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.events.models import Event, EventStatus
from apps.polls import perms, services
from apps.polls.models import Poll, PollAnswer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


OPTIONS = {
    "option_0_date": "2027-09-13",
    "option_1_date": "2027-09-14",
    "option_1_start": "09:00",
    "option_1_end": "12:00",
    "option_2_date": "2027-09-15",
    "option_2_start": "14:00",
    "option_2_end": "17:00",
    "option_2_label": "en visio",
    "option_3_date": "2027-09-14",
    "option_3_start": "14:00",
}


def create_poll(client, user, **extra):
    client.force_login(user)
    data = {"title": "Journée de clôture", "description": "Quel jour en septembre ?", **OPTIONS, **extra}
    response = client.post(reverse("polls:create"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Poll.objects.get(title=data["title"])


def test_structured_options_sorted_with_weekday_and_year(client):
    poll = create_poll(client, UserFactory())
    options = list(poll.options.all())
    assert [o.display for o in options] == [
        "lundi 13 septembre 2027",
        "mardi 14 septembre 2027, 9h00–12h00",
        "mardi 14 septembre 2027, 14h00",
        "mercredi 15 septembre 2027, 14h00–17h00 (en visio)",
    ]
    assert options[0].all_day and options[0].start == datetime(2027, 9, 13, tzinfo=PARIS)
    assert options[1].end == datetime(2027, 9, 14, 12, tzinfo=PARIS)


def test_form_errors(client):
    client.force_login(UserFactory())
    html = client.post(
        reverse("polls:create"), {"title": "", "option_0_date": "2027-09-13", "deadline": "hier"}
    ).content.decode()
    assert "Donnez un titre" in html and "au moins deux dates" in html and "Date et heure invalides" in html
    html = client.post(
        reverse("polls:create"),
        {
            "title": "X",
            # A date without its year cannot be typed into a date field: refused, not guessed.
            "option_0_date": "mardi 9 février",
            "option_1_date": "2020-01-01",
            "option_2_start": "10:00",
            "option_3_date": "2027-03-10",
            "option_3_start": "12:00",
            "option_3_end": "10:00",
            "option_4_date": "2027-03-11",
            "option_4_end": "10:00",
        },
    ).content.decode()
    assert "Date invalide : choisissez le jour, le mois et l&#x27;année." in html
    assert "Cette date est passée." in html
    assert "Choisissez la date de cette option." in html
    assert "L&#x27;heure de fin doit être après l&#x27;heure de début." in html
    assert "Indiquez l&#x27;heure de début." in html
    assert not Poll.objects.exists()


def test_more_rows_without_javascript(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("polls:create"), {"title": "T", "lignes": "6", "option_0_date": "2027-09-13", "plus": "1"}
    )
    html = response.content.decode()
    assert 'name="option_9_date"' in html and 'name="option_10_date"' not in html
    assert 'value="2027-09-13"' in html and "au moins deux dates" not in html
    assert not Poll.objects.exists()


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
    voters = UserFactory.create_batch(3)
    votes = [["yes", "yes", "no", "no"], ["yes", "maybe", "no", "no"], ["no", "yes", "maybe", "no"]]
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
    # One e-mail per voter (the outbox never shows recipients each other's addresses).
    assert sorted(m.to[0] for m in mail.outbox[-len(voters) :]) == sorted(v.email for v in voters)
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


def test_no_prefilled_answer_and_unanswered_is_an_error(client):
    poll = create_poll(client, UserFactory())
    options = list(poll.options.all())
    voter = UserFactory()
    client.force_login(voter)
    html = client.get(poll.get_absolute_url()).content.decode()
    assert "checked" not in html.split('id="votre-reponse"')[1].split("</form>")[0]
    response = client.post(reverse("polls:answer", args=[poll.slug]), {f"option-{options[0].pk}": "yes"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "3 dates sans réponse" in html and "Choisissez oui, si besoin ou non." in html
    assert f'id="option-{options[0].pk}-yes"' in html and "checked" in html  # what was chosen stays
    assert not PollAnswer.objects.exists()
    client.post(reverse("polls:answer", args=[poll.slug]), {f"option-{o.pk}": "maybe" for o in options})
    assert PollAnswer.objects.get().choices.filter(value="maybe").count() == 4


def test_results_grouped_by_day_with_best_slot(client):
    poll = create_poll(client, UserFactory())
    options = list(poll.options.all())
    for vote in (["no", "yes", "no", "maybe"], ["no", "yes", "yes", "no"]):
        services.poll_answer_save(
            poll=poll, user=UserFactory(), values=dict(zip([o.pk for o in options], vote, strict=True))
        )
    client.force_login(UserFactory())
    html = client.get(poll.get_absolute_url()).content.decode()
    assert '<th scope="colgroup" colspan="2">mardi 14 septembre 2027</th>' in html
    assert "Meilleur créneau pour l&#x27;instant" in html or "Meilleur créneau pour l'instant" in html
    assert "<strong>mardi 14 septembre 2027, 9h00–12h00</strong> : 2 oui" in html
