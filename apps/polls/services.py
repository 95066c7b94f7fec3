"""Writes of date polls."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from apps.core.emails import email_send_templated
from apps.polls.models import AnswerValue, Poll, PollAnswer, PollChoice, PollComment, PollOption


def poll_create(*, form, user) -> Poll:
    with transaction.atomic():
        poll = form.save(commit=False)
        poll.created_by = user
        poll.save()
        PollOption.objects.bulk_create(
            [
                PollOption(poll=poll, position=i, label=o.label, start=o.start, end=o.end, all_day=o.all_day)
                for i, o in enumerate(form.cleaned_data["options_text"])
            ]
        )
    return poll


def poll_answer_save(*, poll: Poll, user, values: dict[int, str]) -> PollAnswer:
    """One line per person; answering again replaces the former choices. Missing options count as 'non'."""
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
                    value=values.get(option.pk) if values.get(option.pk) in valid else AnswerValue.NO,
                )
                for option in poll.options.all()
            ]
        )
    return answer


def poll_comment_add(*, poll: Poll, user, text: str) -> PollComment:
    return PollComment.objects.create(poll=poll, user=user, text=text)


def poll_close(*, poll: Poll, final_option: PollOption | None, by) -> Poll:
    with transaction.atomic():
        poll.is_closed = True
        poll.closed_at = timezone.now()
        poll.final_option = final_option
        poll.save(update_fields=["is_closed", "closed_at", "final_option"])
        recipients = sorted({a.user.email for a in poll.answers.select_related("user") if a.user.email})
        if recipients:
            email_send_templated(to=recipients, template="polls/emails/closed", context={"poll": poll})
    return poll


def poll_event_create(*, poll: Poll, user):
    """Turn the winning date into a draft event, to complete on its edit page."""
    from apps.events.models import Event, EventKind, EventStatus
    from apps.search.services import search_index_object

    option = poll.final_option
    start = option.start or timezone.now() + timedelta(days=30)
    if option.all_day:
        start = start.replace(hour=9)
        end = start.replace(hour=17)
    else:
        end = option.end or start + timedelta(hours=2)
    with transaction.atomic():
        event = Event.objects.create(
            title=poll.title,
            kind=EventKind.RENCONTRE,
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
