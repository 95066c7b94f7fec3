"""Writes of date polls."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.polls.models import AnswerValue, Poll, PollAnswer, PollChoice, PollComment, PollOption

if TYPE_CHECKING:
    from apps.accounts.models import User
    from apps.events.models import Event
    from apps.polls.forms import ParsedOption
    from apps.polls.models import PollInvitee


def poll_create(
    *,
    user: User,
    title: str,
    options: Sequence[ParsedOption],
    description: str = "",
    deadline: datetime | None = None,
    hidden_answers: bool = False,
) -> Poll:
    """`options`: dated options (apps.polls.forms.ParsedOption: start, end, all_day, label), in order."""
    with transaction.atomic():
        poll = Poll.objects.create(
            title=title,
            description=description,
            deadline=deadline,
            hidden_answers=hidden_answers,
            created_by=user,
        )
        PollOption.objects.bulk_create(
            [
                PollOption(poll=poll, position=i, label=o.label, start=o.start, end=o.end, all_day=o.all_day)
                for i, o in enumerate(options)
            ]
        )
    return poll


def poll_answer_save(*, poll: Poll, user: User, values: dict[int, str]) -> PollAnswer:
    """One line per person; answering again replaces the former choices. Every option needs an
    explicit answer (the view refuses a partial one); an option added later reads as « non »."""
    valid = set(AnswerValue.values)
    with transaction.atomic():
        answer, _ = PollAnswer.objects.get_or_create(poll=poll, user=user)
        answer.save()  # bumps updated_at
        answer.choices.all().delete()
        PollChoice.objects.bulk_create(
            [
                PollChoice(
                    answer=answer,
                    option=option,
                    value=value
                    if (value := values.get(option.pk)) is not None and value in valid
                    else AnswerValue.NO,
                )
                for option in poll.options.all()
            ]
        )
    return answer


def poll_comment_add(*, poll: Poll, user: User, text: str) -> PollComment:
    return PollComment.objects.create(poll=poll, user=user, text=text)


def poll_close(*, poll: Poll, final_option: PollOption | None, by: User) -> Poll:
    with transaction.atomic():
        poll.is_closed = True
        poll.closed_at = timezone.now()
        poll.final_option = final_option
        poll.save(update_fields=["is_closed", "closed_at", "final_option"])
        recipients = sorted({a.user.email for a in poll.answers.select_related("user") if a.user.email})
        if recipients:
            email_send_templated(to=recipients, template="polls/emails/closed", context={"poll": poll})
    return poll


def poll_event_create(*, poll: Poll, user: User) -> Event:
    """Turn the winning date into a draft event, to complete on its edit page."""
    from apps.events.models import Event, EventKind, EventStatus
    from apps.search.services import search_index_object

    option = poll.final_option
    if option is None:
        raise ValueError("The poll has no final date yet")
    start = option.start or timezone.now() + timedelta(days=30)
    if option.all_day:
        start = start.replace(hour=9)
        end = start.replace(hour=17)
    else:
        end = option.end or start + timedelta(hours=2)
    with transaction.atomic():
        event = Event.objects.create(
            title=poll.title,
            kind=EventKind.MEETING,
            status=EventStatus.DRAFT,
            description=poll.description,
            start=start,
            end=end,
            created_by=user,
        )
        search_index_object(event)
        poll.event = event
        poll.save(update_fields=["event"])
    return event


# --- Editing and invitees (the poll's author and the animation team) --------------------------------


class PollError(Exception):
    """A rule refused the change; the message is French and shown as is."""


def poll_update(
    *,
    poll: Poll,
    title: str,
    description: str = "",
    deadline: datetime | None = None,
    hidden_answers: bool = False,
    new_options: Sequence[ParsedOption] | None = None,
    removed_options: list[PollOption] | None = None,
) -> Poll:
    """Edit an open poll: texts, deadline, who sees the answers; add options (everyone who already
    answered has "non" for them until they answer again) and remove options (with their answers)."""
    if poll.is_closed:
        raise PollError("Ce sondage est clos : il ne se modifie plus.")
    removed_ids = {option.pk for option in removed_options or []}
    remaining = poll.options.exclude(pk__in=removed_ids).count() + len(new_options or [])
    if remaining < 2:
        raise PollError("Un sondage garde au moins deux options.")
    with transaction.atomic():
        poll.title = title.strip()
        poll.description = description
        poll.deadline = deadline
        poll.hidden_answers = hidden_answers
        poll.save(update_fields=["title", "description", "deadline", "hidden_answers"])
        if removed_ids:
            poll.options.filter(pk__in=removed_ids).delete()
        if new_options:
            start = (poll.options.order_by("-position").values_list("position", flat=True).first() or 0) + 1
            created = PollOption.objects.bulk_create(
                [
                    PollOption(
                        poll=poll,
                        position=start + i,
                        label=o.label,
                        start=o.start,
                        end=o.end,
                        all_day=o.all_day,
                    )
                    for i, o in enumerate(new_options)
                ]
            )
            PollChoice.objects.bulk_create(
                [
                    PollChoice(answer=answer, option=option, value=AnswerValue.NO)
                    for answer in poll.answers.all()
                    for option in created
                ]
            )
    return poll


def poll_invitees_add(*, poll: Poll, users: Iterable[User], invited_by: User) -> int:
    """Add people to the invitees (already invited ones are left alone). Returns how many are new."""
    from apps.polls.models import PollInvitee

    existing = set(poll.invitees.values_list("user_id", flat=True))
    new = [
        PollInvitee(poll=poll, user=user, invited_by=invited_by)
        for user in {user.pk: user for user in users}.values()
        if user.pk not in existing
    ]
    PollInvitee.objects.bulk_create(new)
    return len(new)


def poll_invitee_remove(*, invitee: PollInvitee) -> None:
    """The person is no longer expected; an answer already given stays."""
    invitee.delete()
