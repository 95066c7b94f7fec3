"""Organisers' registration tasks: questions asked when registering, deadline, the waiting list
handled by hand. Checks in perms.py (can_manage_registrations), writes in services_registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.access import permitted
from apps.core.confirm import confirm_action
from apps.events import perms
from apps.events import services_registrations as services
from apps.events.forms import RegistrationQuestionForm, RegistrationSettingsForm
from apps.events.models import Registration, RegistrationQuestion, RegistrationStatus
from apps.events.views import AGENDA, _event_or_404


def _event(request, slug):
    event = permitted(
        request,
        _event_or_404(request, slug),
        perms.can_manage_registrations,
        "Réservé aux organisateurs de l'événement.",
    )
    return event


def _crumbs(event, label):
    return [AGENDA, (event.title, event.get_absolute_url()), (label, None)]


@login_required
@require_http_methods(["GET", "POST"])
def registration_settings(request, slug):
    event = _event(request, slug)
    form = RegistrationSettingsForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        services.registration_settings_update(event=event, **form.cleaned_data)
        messages.success(request, "Les réglages des inscriptions sont enregistrés.")
        return redirect("events:registration_settings", slug=event.slug)
    return render(
        request,
        "events/registration_settings.html",
        {
            "title": f"Inscriptions — {event.title}",
            "breadcrumb": _crumbs(event, "Inscriptions"),
            "event": event,
            "form": form,
            "questions": event.registration_questions.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request, slug, pk=None):
    event = _event(request, slug)
    question = get_object_or_404(RegistrationQuestion, pk=pk, event=event) if pk else None
    if question:
        initial = {
            name: getattr(question, name)
            for name in ("label", "help_text", "kind", "choices", "required", "position")
        }
    else:
        initial = {"kind": "text", "position": event.registration_questions.count() + 1}
    form = RegistrationQuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.registration_question_save(event=event, question=question, **form.cleaned_data)
        messages.success(request, "La question est enregistrée : elle est posée aux prochaines inscriptions.")
        return redirect("events:registration_settings", slug=event.slug)
    title = "Modifier la question" if question else "Ajouter une question"
    return render(
        request,
        "events/registration_question_form.html",
        {
            "title": title,
            "breadcrumb": [
                AGENDA,
                (event.title, event.get_absolute_url()),
                ("Inscriptions", reverse("events:registration_settings", kwargs={"slug": event.slug})),
                (title, None),
            ],
            "event": event,
            "form": form,
            "answered": question is not None
            and Registration.objects.filter(event=event, answers__has_key=str(question.pk)).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, slug, pk):
    event = _event(request, slug)
    question = get_object_or_404(RegistrationQuestion, pk=pk, event=event)
    settings_url = reverse("events:registration_settings", kwargs={"slug": event.slug})
    return confirm_action(
        request,
        title=f"Supprimer la question « {question.label} »",
        message="La question n'est plus posée, et les réponses déjà données sont effacées.",
        button="Supprimer la question",
        cancel_url=settings_url,
        action=lambda: services.registration_question_delete(question=question),
        success="La question est supprimée.",
        done_url=settings_url,
        breadcrumb=_crumbs(event, "Supprimer une question"),
        checkbox=True,
    )


def _registration(event, pk) -> Registration:
    return get_object_or_404(Registration.objects.select_related("user", "event"), pk=pk, event=event)


@login_required
@require_POST
def registration_promote(request, slug, pk):
    event = _event(request, slug)
    registration = _registration(event, pk)
    try:
        services.registration_promote(registration=registration)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            f"L'inscription de {registration.user.get_full_name() or registration.user} est confirmée.",
        )
    return redirect("events:participants", slug=event.slug)


@login_required
@require_http_methods(["GET", "POST"])
def registration_cancel(request, slug, pk):
    event = _event(request, slug)
    registration = _registration(event, pk)
    if registration.status == RegistrationStatus.CANCELLED:
        messages.info(request, "Cette inscription est déjà annulée.")
        return redirect("events:participants", slug=event.slug)
    name = registration.user.get_full_name() or str(registration.user)
    participants_url = reverse("events:participants", kwargs={"slug": event.slug})

    def success(promoted):
        text = f"L'inscription de {name} est annulée."
        if promoted is not None:
            text += f" {promoted.user.get_full_name() or promoted.user} passe de la liste d'attente aux inscrit·es."
        return text

    return confirm_action(
        request,
        title=f"Annuler l'inscription de {name}",
        message=(
            f"{name} sera prévenu·e par courriel. "
            + (
                "Sa place ira à la première personne de la liste d'attente."
                if registration.status == RegistrationStatus.CONFIRMED
                else "Cette personne quitte la liste d'attente."
            )
        ),
        button="Annuler l'inscription",
        cancel_url=participants_url,
        action=lambda: services.registration_cancel_by_organiser(registration=registration),
        success=success,
        done_url=participants_url,
        breadcrumb=_crumbs(event, "Annuler une inscription"),
        checkbox=True,
    )
