"""Meeting formats of an event (/agenda/<slug>/rotations/): plans, participants, printing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core import tabular
from apps.core.confirm import confirm_action
from apps.events.models import Audience, Event
from apps.events.perms import can_view_event
from apps.rotations import documents, perms, selectors, services
from apps.rotations.forms import ImportForm, ParticipantForm, PlanForm, RoundsDoneForm
from apps.rotations.models import Participant, RotationPlan

PARTICIPANTS_PER_PAGE = 100
# A participant list: a few hundred lines at most, never a whole directory.
IMPORT_LIMITS = tabular.Limits(max_bytes=2 * 1024 * 1024, max_rows=2000, max_columns=30)


def _event(request, slug) -> Event:
    """Like every event URL: a private group's event does not exist for outsiders (404)."""
    event = get_object_or_404(Event.objects.select_related("audience_group", "source"), slug=slug)
    if event.audience == Audience.GROUP and not can_view_event(request.user, event):
        raise Http404("Événement introuvable.")
    if not perms.can_manage_rotations(request.user, event):
        raise PermissionDenied
    return event


def _plan(request, slug, pk) -> RotationPlan:
    event = _event(request, slug)
    plan = get_object_or_404(RotationPlan.objects.select_related("event"), pk=pk, event=event)
    return plan


def _breadcrumb(event, *tail):
    return [
        ("Agenda", reverse("events:agenda")),
        (event.title, event.get_absolute_url()),
        *tail,
    ]


def _list_crumb(event):
    return ("Formats de rencontre", reverse("rotations:list", kwargs={"slug": event.slug}))


@login_required
@require_GET
def plan_list(request, slug):
    event = _event(request, slug)
    plans = event.rotation_plans.annotate(
        present=Count("participants", filter=Q(participants__is_absent=False))
    ).order_by("starts_at", "pk")
    return render(
        request,
        "rotations/plan_list.html",
        {
            "title": f"Formats de rencontre — {event.title}",
            "breadcrumb": _breadcrumb(event, ("Formats de rencontre", None)),
            "event": event,
            "plans": plans,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, slug):
    event = _event(request, slug)
    if request.method == "POST":
        form = PlanForm(request.POST, event=event)
        if form.is_valid():
            plan = services.plan_create(event=event, by=request.user, **form.cleaned_data)
            added = services.participants_from_registrations(plan=plan)
            messages.success(
                request,
                f"Plan « {plan.title} » créé avec {added} inscrit·e{'s' if added > 1 else ''} de l'événement. "
                "Vérifiez les participant·es et les hôtes, puis calculez le plan.",
            )
            return redirect("rotations:participants", slug=event.slug, pk=plan.pk)
    else:
        fmt = request.GET.get("format", "speed_dating")
        defaults = services.format_defaults(fmt)
        form = PlanForm(
            initial={
                "format": fmt,
                "title": "World café" if fmt == "world_cafe" else "Speed dating",
                "starts_at": event.local_start.strftime("%Y-%m-%dT%H:%M"),
                "tables": 10,
                **defaults,
            },
            event=event,
        )
    return render(
        request,
        "rotations/plan_form.html",
        {
            "title": "Nouveau format de rencontre",
            "breadcrumb": _breadcrumb(event, _list_crumb(event), ("Nouveau", None)),
            "event": event,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_update(request, slug, pk):
    plan = _plan(request, slug, pk)
    form = PlanForm(request.POST or None, instance=plan, event=plan.event)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS}
        try:
            # The form must not save the instance itself: the service decides what to keep.
            plan.refresh_from_db()
            services.plan_update(plan=plan, **changes)
        except services.RotationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Réglages enregistrés.")
            return redirect("rotations:detail", slug=plan.event.slug, pk=plan.pk)
    return render(
        request,
        "rotations/plan_form.html",
        {
            "title": f"Modifier « {plan.title} »",
            "breadcrumb": _breadcrumb(plan.event, _list_crumb(plan.event), (plan.title, None)),
            "event": plan.event,
            "plan": plan,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_delete(request, slug, pk):
    plan = _plan(request, slug, pk)
    title = plan.title
    return confirm_action(
        request,
        title=f"Supprimer « {title} » ?",
        message="Le plan, ses participant·es et toutes les tables calculées seront supprimés. "
        "Les inscriptions à l'événement ne changent pas.",
        button="Supprimer le plan",
        cancel_url=reverse("rotations:detail", kwargs={"slug": slug, "pk": plan.pk}),
        action=lambda: services.plan_delete(plan=plan),
        success=f"Le plan « {title} » est supprimé.",
        done_url=reverse("rotations:list", kwargs={"slug": slug}),
        breadcrumb=_breadcrumb(plan.event, _list_crumb(plan.event), (title, None)),
        checkbox=True,
    )


@login_required
@require_GET
def plan_detail(request, slug, pk):
    plan = _plan(request, slug, pk)
    participants = plan.participants.all()
    present = sum(1 for p in participants if not p.is_absent)
    return render(
        request,
        "rotations/plan_detail.html",
        {
            "title": plan.title,
            "breadcrumb": _breadcrumb(plan.event, _list_crumb(plan.event), (plan.title, None)),
            "event": plan.event,
            "plan": plan,
            "rounds": selectors.plan_rounds(plan),
            "first_start": plan.round_start(1),
            "present": present,
            "absent": len(participants) - present,
            "hosts": sum(1 for p in participants if p.host_table and not p.is_absent),
            "metrics": plan.metrics,
            "rounds_done_form": RoundsDoneForm(initial={"rounds_done": plan.rounds_done}),
            "round_choices": range(plan.rounds + 1),
        },
    )


@login_required
@require_POST
def plan_generate(request, slug, pk):
    plan = _plan(request, slug, pk)
    try:
        result = services.plan_generate(plan=plan, new_draw=bool(request.POST.get("nouveau_tirage")))
    except services.RotationError as error:
        messages.error(request, str(error))
    else:
        m = result.metrics
        seconds = f"{m.seconds:.1f}".replace(".", ",")
        repeats = f"{m.repeats} rencontre{'s' if m.repeats > 1 else ''} répétée{'s' if m.repeats > 1 else ''}"
        kept = (
            f" Les {plan.rounds_done} premiers tours, déjà joués, sont conservés." if plan.rounds_done else ""
        )
        messages.success(
            request,
            f"Plan calculé en {seconds} s : {repeats}, {m.new_encounters} rencontres différentes.{kept}",
        )
    return redirect("rotations:detail", slug=slug, pk=pk)


@login_required
@require_POST
def plan_rounds_done(request, slug, pk):
    plan = _plan(request, slug, pk)
    form = RoundsDoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez un nombre de tours joués valide.")
    else:
        try:
            services.plan_set_rounds_done(plan=plan, rounds_done=form.cleaned_data["rounds_done"])
        except services.RotationError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"{plan.rounds_done} tour{'s' if plan.rounds_done > 1 else ''} marqué{'s' if plan.rounds_done > 1 else ''} "
                "comme joué : un nouveau calcul les conservera tels quels.",
            )
    return redirect("rotations:detail", slug=slug, pk=pk)


@login_required
@require_POST
def plan_publish(request, slug, pk):
    plan = _plan(request, slug, pk)
    publish = request.POST.get("publier") == "1"
    try:
        services.plan_publish(plan=plan, published=publish)
    except services.RotationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Chaque participant·e inscrit·e voit maintenant son itinéraire sur la page de l'événement."
            if publish
            else "Les itinéraires ne sont plus montrés aux participant·es.",
        )
    return redirect("rotations:detail", slug=slug, pk=pk)


def _pdf(request, slug, pk, kind: str, render_pdf) -> HttpResponse:
    """The plan's `render_pdf(plan)` to download, once the plan is computed."""
    plan = _plan(request, slug, pk)
    if not plan.is_generated:
        messages.error(request, "Calculez le plan avant de l'imprimer.")
        return redirect("rotations:detail", slug=slug, pk=pk)
    response = HttpResponse(render_pdf(plan), content_type="application/pdf")
    name = slugify(f"{plan.event.title}-{plan.title}-{kind}")[:120]
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def itineraries_pdf(request, slug, pk):
    return _pdf(request, slug, pk, "itineraires", documents.itineraries_pdf)


@login_required
@require_GET
def tables_pdf(request, slug, pk):
    return _pdf(request, slug, pk, "tables", documents.tables_pdf)


# -- participants ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def participants(request, slug, pk):
    plan = _plan(request, slug, pk)
    add_form = ParticipantForm(plan=plan)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "inscrits":
            added = services.participants_from_registrations(plan=plan)
            messages.success(
                request,
                f"{added} inscrit·e{'s' if added > 1 else ''} ajouté·e{'s' if added > 1 else ''}."
                if added
                else "Toutes les personnes inscrites figurent déjà dans la liste.",
            )
            return redirect("rotations:participants", slug=slug, pk=pk)
        if action == "ajouter":
            add_form = ParticipantForm(request.POST, plan=plan)
            if add_form.is_valid():
                try:
                    person = services.participant_add(plan=plan, **add_form.cleaned_data)
                except services.RotationError as error:
                    add_form.add_error("host_table", str(error))
                else:
                    messages.success(
                        request, f"{person.name} est ajouté·e. Recalculez le plan pour lui donner des tables."
                    )
                    return redirect("rotations:participants", slug=slug, pk=pk)
        elif action in {"absent", "present", "hote", "retirer"}:
            participant = get_object_or_404(Participant, pk=request.POST.get("participant"), plan=plan)
            try:
                if action in {"absent", "present"}:
                    services.participant_set_absent(participant=participant, absent=action == "absent")
                    messages.success(
                        request,
                        f"{participant.name} est marqué·e {'absent·e' if action == 'absent' else 'présent·e'}. "
                        "Recalculez le plan : les tours déjà joués seront conservés.",
                    )
                elif action == "hote":
                    raw = (request.POST.get("table") or "").strip()
                    if raw and not raw.isdigit():
                        raise services.RotationError("Saisissez un numéro de table.")
                    services.participant_set_host(participant=participant, table=int(raw) if raw else None)
                    messages.success(request, f"Table animée par {participant.name} : {raw or 'aucune'}.")
                else:
                    services.participant_delete(participant=participant)
                    messages.success(request, f"{participant.name} est retiré·e de la liste.")
            except services.RotationError as error:
                messages.error(request, str(error))
            return redirect("rotations:participants", slug=slug, pk=pk)
    page_obj = Paginator(
        plan.participants.order_by("is_absent", "name", "pk"), PARTICIPANTS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "rotations/participants.html",
        {
            "title": f"Participant·es — {plan.title}",
            "breadcrumb": _breadcrumb(
                plan.event,
                _list_crumb(plan.event),
                (plan.title, reverse("rotations:detail", kwargs={"slug": slug, "pk": pk})),
                ("Participant·es", None),
            ),
            "event": plan.event,
            "plan": plan,
            "page_obj": page_obj,
            "add_form": add_form,
            "import_form": ImportForm(),
            "import_available": True,
            "total": page_obj.paginator.count,
        },
    )


IMPORT_SESSION_KEY = "rotations_import"


@login_required
@require_http_methods(["GET", "POST"])
def participants_import(request, slug, pk):
    """A list of participants (CSV or XLSX, read by apps.core.tabular): check, preview, confirm."""
    plan = _plan(request, slug, pk)
    form = ImportForm()
    report = None
    if request.method == "POST" and request.POST.get("step") == "confirm":
        pending = request.session.get(IMPORT_SESSION_KEY) or {}
        if pending.get("plan") != plan.pk or not pending.get("rows"):
            messages.error(request, "L'aperçu a expiré : déposez de nouveau le fichier.")
            return redirect("rotations:import", slug=slug, pk=pk)
        report = services.participants_import(
            plan=plan, headers=pending["headers"], rows=[(line, cells) for line, cells in pending["rows"]]
        )
        request.session.pop(IMPORT_SESSION_KEY, None)
        if report.errors:
            # The list changed meanwhile (a table taken by someone added by hand): nothing is saved.
            messages.error(request, "La liste n'a pas été importée : " + " ".join(report.errors))
            return redirect("rotations:import", slug=slug, pk=pk)
        count = len(report.participants)
        messages.success(
            request,
            f"{count} participant·e{'s' if count > 1 else ''} importé·e{'s' if count > 1 else ''}. "
            "Vérifiez les hôtes puis calculez le plan.",
        )
        return redirect("rotations:participants", slug=slug, pk=pk)
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                table = tabular.read_upload(form.cleaned_data["file"], limits=IMPORT_LIMITS)
            except tabular.TabularError as error:
                form.add_error("file", str(error))
            else:
                report = services.participants_parse(plan=plan, headers=table.headers, rows=table.rows)
                if report.errors:
                    request.session.pop(IMPORT_SESSION_KEY, None)
                else:
                    request.session[IMPORT_SESSION_KEY] = {
                        "plan": plan.pk,
                        "headers": table.headers,
                        "rows": table.rows,
                    }
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        "rotations/import.html",
        {
            "title": f"Importer une liste — {plan.title}",
            "breadcrumb": _breadcrumb(
                plan.event,
                _list_crumb(plan.event),
                (plan.title, reverse("rotations:detail", kwargs={"slug": slug, "pk": pk})),
                ("Importer une liste", None),
            ),
            "event": plan.event,
            "plan": plan,
            "form": form,
            "report": report,
        },
        status=status,
    )
