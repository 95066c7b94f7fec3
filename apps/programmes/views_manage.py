"""The programme team's pages: create and edit programmes, phases, delegations, accompaniment days.
Everything the "(administration)" button used to send to /admin/. Checks in perms.py, writes in
services.py."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from apps.core.access import permitted
from apps.core.confirm import confirm_action
from apps.directory.models import Person
from apps.events.models import Event
from apps.programmes import perms, services
from apps.programmes.forms import EnrolmentCreateForm, EnrolmentForm, PhaseForm, ProgrammeForm, SupportDayForm
from apps.programmes.models import Enrolment, Phase, Programme, SupportDay
from apps.programmes.views import HOME

MAX_CANDIDATE_EVENTS = 200


def _programme(request, slug) -> Programme:
    programme = permitted(
        request,
        get_object_or_404(Programme, slug=slug),
        perms.can_manage_programme,
        "Réservé à l'équipe d'animation du réseau.",
    )
    return programme


def _form_page(request, *, title, form, breadcrumb, cancel_url, submit, intro=""):
    return render(
        request,
        "programmes/form.html",
        {
            "title": title,
            "breadcrumb": breadcrumb,
            "form": form,
            "cancel_url": cancel_url,
            "submit": submit,
            "intro": intro,
        },
    )


def _crumbs(programme, *rest):
    return [HOME, (programme.title, programme.get_absolute_url()), *rest]


# --- programmes ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def programme_create(request):
    if not perms.can_manage_programme(request.user):
        raise PermissionDenied("Réservé à l'équipe d'animation du réseau.")
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        programme = services.programme_save(**form.cleaned_data)
        messages.success(
            request, f"Le parcours « {programme.title} » est créé : ajoutez ses phases et délégations."
        )
        return redirect(programme)
    return _form_page(
        request,
        title="Créer un parcours",
        form=form,
        breadcrumb=[HOME, ("Créer un parcours", None)],
        cancel_url=reverse("programmes:list"),
        submit="Créer le parcours",
    )


@login_required
@require_http_methods(["GET", "POST"])
def programme_edit(request, slug):
    programme = _programme(request, slug)
    initial = {
        name: getattr(programme, name)
        for name in (
            "title",
            "summary",
            "description",
            "organiser",
            "start_date",
            "end_date",
            "support_questions",
        )
    }
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.programme_save(programme=programme, **form.cleaned_data)
        messages.success(request, "Le parcours est enregistré.")
        return redirect(programme)
    return _form_page(
        request,
        title=f"Modifier le parcours « {programme.title} »",
        form=form,
        breadcrumb=_crumbs(programme, ("Modifier", None)),
        cancel_url=programme.get_absolute_url(),
        submit="Enregistrer",
    )


# --- phases -------------------------------------------------------------------------------------------


def _candidate_events(programme, phase=None):
    """Agenda events around the programme's dates (a year either side of today without dates),
    plus those already attached to the phase."""
    today = timezone.localdate()
    start = (programme.start_date or today - datetime.timedelta(days=365)) - datetime.timedelta(days=60)
    end = (programme.end_date or (programme.start_date or today) + datetime.timedelta(days=365)) + (
        datetime.timedelta(days=60)
    )
    window = Q(start__date__gte=start, start__date__lte=end)
    if phase is not None and phase.pk:
        window |= Q(programme_phases=phase)
    ids = Event.objects.filter(window).order_by("start").values_list("pk", flat=True)[:MAX_CANDIDATE_EVENTS]
    return Event.objects.filter(pk__in=list(ids)).order_by("start")


@login_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, slug, pk=None):
    programme = _programme(request, slug)
    phase = get_object_or_404(Phase, pk=pk, programme=programme) if pk else None
    if phase:
        initial = {
            "title": phase.title,
            "position": phase.position,
            "description": phase.description,
            "events": list(phase.events.all()),
        }
    else:
        initial = {"position": programme.phases.count() + 1}
    form = PhaseForm(request.POST or None, initial=initial, events=_candidate_events(programme, phase))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.setdefault("events", [])
        services.phase_save(programme=programme, phase=phase, **data)
        messages.success(request, f"La phase « {data['title']} » est enregistrée.")
        return redirect(f"{programme.get_absolute_url()}#calendrier")
    title = f"Modifier la phase « {phase.title} »" if phase else "Ajouter une phase"
    return _form_page(
        request,
        title=title,
        form=form,
        breadcrumb=_crumbs(programme, (title, None)),
        cancel_url=programme.get_absolute_url(),
        submit="Enregistrer la phase",
        intro="Les sessions sont les événements de l'agenda : créez-les d'abord dans l'agenda.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def phase_delete(request, slug, pk):
    programme = _programme(request, slug)
    phase = get_object_or_404(Phase, pk=pk, programme=programme)
    return confirm_action(
        request,
        title=f"Supprimer la phase « {phase.title} »",
        message="La phase est retirée du calendrier du parcours ; ses sessions restent dans l'agenda.",
        button="Supprimer la phase",
        cancel_url=programme.get_absolute_url(),
        action=lambda: services.phase_delete(phase=phase),
        success=f"La phase « {phase.title} » est supprimée.",
        done_url=programme.get_absolute_url(),
        breadcrumb=_crumbs(programme, ("Supprimer une phase", None)),
        checkbox=True,
    )


# --- delegations --------------------------------------------------------------------------------------


def _enrolment_crumbs(enrolment, page: str):
    """The crumbs of a page about a delegation (its edit form, a day of accompaniment…)."""
    return _crumbs(enrolment.programme, (enrolment.name, enrolment.get_absolute_url()), (page, None))


def _enrolment(request, slug, pk) -> Enrolment:
    programme = _programme(request, slug)
    return get_object_or_404(
        Enrolment.objects.select_related("organisation", "programme"), pk=pk, programme=programme
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_create(request, slug):
    programme = _programme(request, slug)
    form = EnrolmentCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrolment_create(programme=programme, **form.cleaned_data)
        except services.ProgrammeError as error:
            form.add_error("organisation", str(error))
        else:
            messages.success(
                request,
                f"La délégation « {enrolment.name} » est inscrite avec les membres de l'organisation : "
                "ajustez-les si besoin.",
            )
            return redirect("programmes:enrolment_edit", slug=programme.slug, pk=enrolment.pk)
    return _form_page(
        request,
        title="Inscrire une délégation",
        form=form,
        breadcrumb=_crumbs(programme, ("Inscrire une délégation", None)),
        cancel_url=f"{programme.get_absolute_url()}#delegations",
        submit="Inscrire la délégation",
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_edit(request, slug, pk):
    enrolment = _enrolment(request, slug, pk)
    people = (
        Person.objects.filter(
            Q(memberships__organisation=enrolment.organisation) | Q(delegations=enrolment), is_removed=False
        )
        .distinct()
        .order_by("search_name")
    )
    form = EnrolmentForm(
        request.POST or None,
        people=people,
        initial={"label": enrolment.label, "members": list(enrolment.members.all())},
    )
    if request.method == "POST" and form.is_valid():
        services.enrolment_update(enrolment=enrolment, **form.cleaned_data)
        messages.success(request, "La délégation est enregistrée.")
        return redirect(enrolment)
    return _form_page(
        request,
        title=f"Modifier la délégation « {enrolment.name} »",
        form=form,
        breadcrumb=_enrolment_crumbs(enrolment, "Modifier"),
        cancel_url=enrolment.get_absolute_url(),
        submit="Enregistrer la délégation",
        intro=(
            f"Les membres proposés sont les personnes rattachées à {enrolment.organisation.name}. "
            "Pour en ajouter une autre, rattachez-la d'abord à l'organisation."
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def enrolment_delete(request, slug, pk):
    enrolment = _enrolment(request, slug, pk)
    programme = enrolment.programme
    support = getattr(enrolment, "support", None)
    days = support.days.count() if support else 0
    message = "La délégation est retirée du parcours"
    if support:
        message += f", avec son dossier d'accompagnement et ses {days} journée{'s' if days > 1 else ''} saisie{'s' if days > 1 else ''}"
    return confirm_action(
        request,
        title=f"Retirer la délégation « {enrolment.name} »",
        message=message + ". Cela ne se défait pas.",
        button="Retirer la délégation",
        cancel_url=enrolment.get_absolute_url(),
        action=lambda: services.enrolment_delete(enrolment=enrolment),
        success=f"La délégation « {enrolment.name} » est retirée du parcours.",
        done_url=f"{programme.get_absolute_url()}#delegations",
        breadcrumb=_crumbs(programme, ("Retirer une délégation", None)),
        checkbox=True,
    )


# --- accompaniment days -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def support_day_add(request, slug, pk):
    enrolment = _enrolment(request, slug, pk)
    form = SupportDayForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.support_day_add(enrolment=enrolment, created_by=request.user, **form.cleaned_data)
        except services.ProgrammeError as error:
            form.add_error("days", str(error))
        else:
            messages.success(request, "La journée d'accompagnement est enregistrée.")
            return redirect(f"{enrolment.get_absolute_url()}#journees")
    return _form_page(
        request,
        title=f"Saisir une journée d'accompagnement — {enrolment.name}",
        form=form,
        breadcrumb=_enrolment_crumbs(enrolment, "Journée"),
        cancel_url=enrolment.get_absolute_url(),
        submit="Enregistrer la journée",
        intro="Les jours consommés du dossier sont la somme des journées saisies.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def support_day_delete(request, slug, pk, day_pk):
    enrolment = _enrolment(request, slug, pk)
    day = get_object_or_404(SupportDay, pk=day_pk, support__enrolment=enrolment)
    return confirm_action(
        request,
        title=f"Supprimer la journée du {day.date:%d/%m/%Y}",
        message="La journée et son compte rendu sont supprimés ; les jours consommés sont recalculés.",
        button="Supprimer la journée",
        cancel_url=enrolment.get_absolute_url(),
        action=lambda: services.support_day_delete(day=day),
        success="La journée est supprimée.",
        done_url=f"{enrolment.get_absolute_url()}#journees",
        breadcrumb=_enrolment_crumbs(enrolment, "Supprimer"),
        checkbox=True,
    )
