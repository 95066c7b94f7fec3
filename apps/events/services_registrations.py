"""Writes of the organisers' registration tasks: registration questions and their answers, the
deadline, the waiting list handled by hand (promote, cancel). The registration itself and the
automatic promotion stay in services.py; these functions build on them."""

from __future__ import annotations

import datetime

from django.db import transaction

from apps.events import services
from apps.events.models import Event, Registration, RegistrationQuestion, RegistrationStatus


class RegistrationError(Exception):
    """A rule refused the action; the message is French and shown as is."""


@transaction.atomic
def registration_register(*, event: Event, user, share_contact: bool = False, answers: dict | None = None):
    """Register (confirmed or waiting list, see services.registration_create) with the answers to
    the event's questions."""
    registration = services.registration_create(event=event, user=user, share_contact=share_contact)
    if answers is not None:
        registration.answers = {key: value for key, value in answers.items() if value not in (None, "")}
        registration.save(update_fields=["answers"])
    return registration


def registration_settings_update(
    *, event: Event, registration_open: bool, registration_deadline: datetime.datetime | None
) -> Event:
    event.registration_open = registration_open
    event.registration_deadline = registration_deadline
    event.save(update_fields=["registration_open", "registration_deadline", "updated_at"])
    return event


def registration_question_save(
    *,
    event: Event,
    question: RegistrationQuestion | None = None,
    label: str,
    kind: str,
    help_text: str = "",
    choices: str = "",
    required: bool = False,
    position: int = 0,
) -> RegistrationQuestion:
    question = question or RegistrationQuestion(event=event)
    if question.event_id != event.pk:
        raise RegistrationError("Cette question appartient à un autre événement.")
    question.label = label.strip()
    question.kind = kind
    question.help_text = help_text.strip()
    question.choices = "\n".join(line.strip() for line in choices.splitlines() if line.strip())
    question.required = required
    question.position = position
    question.save()
    return question


@transaction.atomic
def registration_question_delete(*, question: RegistrationQuestion) -> None:
    """The question goes, and so do the answers given to it."""
    key = str(question.pk)
    registrations = list(Registration.objects.filter(event_id=question.event_id).exclude(answers={}))
    for registration in registrations:
        registration.answers.pop(key, None)
    Registration.objects.bulk_update(registrations, ["answers"])
    question.delete()


def registration_promote(*, registration: Registration) -> Registration:
    """An organiser takes someone off the waiting list (whatever their place in the queue) while a
    seat is free. The person is told by e-mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update(of=("self",)).get(pk=registration.event_id)
        registration.refresh_from_db()
        if registration.status != RegistrationStatus.WAITING:
            raise RegistrationError("Cette personne n'est pas (ou plus) sur la liste d'attente.")
        registration.event = event
        if not services._still_allowed(registration):
            # Membership (and category) is read again: no seat, no private link to an outsider.
            raise RegistrationError(
                "Cette personne n'a plus accès à l'événement (elle a quitté le groupe ou changé de "
                "catégorie) : elle ne peut pas être confirmée."
            )
        confirmed = Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED).count()
        if event.capacity is not None and confirmed >= event.capacity:
            raise RegistrationError(
                "L'événement est complet : augmentez le nombre de places ou annulez une inscription d'abord."
            )
        from django.utils import timezone

        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        services._mail(registration, "promoted")
    return registration


def registration_cancel_by_organiser(*, registration: Registration) -> Registration | None:
    """Same as the person's own cancellation (e-mail, a freed seat goes to the waiting list);
    returns the person promoted, if any."""
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError("Cette inscription est déjà annulée.")
    return services.registration_cancel(registration=registration)
