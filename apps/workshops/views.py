"""Workshop days: thin views over perms, selectors (figures, booklet) and services."""

from __future__ import annotations

import functools
import time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core import access, files
from apps.core.confirm import ConfirmForm, confirm_action
from apps.core.forms import pick
from apps.workshops import forms, models, perms, services
from apps.workshops.booklet import booklet_page_html, booklet_title, proposal_cells
from apps.workshops.figures import compute as compute_figures
from apps.workshops.imports import parse_participants, parse_proposals
from apps.workshops.suggestions import day_suggestions

PER_PAGE = 25
IMPORT_KEY = "workshops_import"


def _page(request, items, per_page=PER_PAGE, param="page"):
    return Paginator(items, per_page).get_page(request.GET.get(param))


def _crumbs(day=None, *items):
    out = [("Journées d'ateliers", reverse("workshops:index"))]
    if day is not None:
        out.append((str(day), day.get_absolute_url()))
    return [*out, *items]


def _day(request, slug, *, manage=False):
    """The day, or the refusal: login for anonymous, 404 for a member who may not see it (a
    draft) or manage it."""
    day = get_object_or_404(models.WorkshopDay, slug=slug)
    allowed = perms.can_manage_day(request.user, day) if manage else perms.can_view_day(request.user, day)
    if not allowed and perms.can_view_day(request.user, day):
        raise PermissionDenied  # a member who sees the day but may not change it
    return day, access.deny_unless(request, allowed)


def _day_view(*, manage=False):
    """The view receives the day of the URL's `slug` instead, once `_day` let the user in."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            day, denied = _day(request, slug, manage=manage)
            if denied:
                return denied
            return view(request, day, *args, **kwargs)

        return wrapper

    return decorate


def _atelier_view(*, manage=False):
    """The view receives the day and the atelier of the URL's `slug` and `pk` instead."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, slug, pk, *args, **kwargs):
            day, denied = _day(request, slug, manage=manage)
            if denied:
                return denied
            atelier = get_object_or_404(models.WorkshopAtelier, day=day, pk=pk)
            return view(request, day, atelier, *args, **kwargs)

        return wrapper

    return decorate


def _participants_url(day):
    return reverse("workshops:participants", args=[day.slug])


def _form_page(request, *, title, form, crumbs, lead="", again=False, cancel_url=""):
    return render(
        request,
        "workshops/form.html",
        {
            "title": title,
            "form": form,
            "breadcrumb": crumbs,
            "lead": lead,
            "again": again,
            "cancel_url": cancel_url,
        },
    )


def _apply_errors(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _saved(request, form, save) -> bool:
    """True once a POSTed form is valid and `save(cleaned_data)` (a service call) went through,
    its result kept as `form.saved`; a ValidationError raised by the service is shown on the
    form instead."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        form.saved = save(form.cleaned_data)
    except ValidationError as exc:
        _apply_errors(form, exc)
        return False
    return True


def _done(request, message: str, url: str, *, again: bool = False):
    """Success: back to `url`, or to the same empty form when « Enregistrer et saisir le suivant »
    was pressed."""
    messages.success(request, message)
    return redirect(request.path if again and "encore" in request.POST else url)


def _atelier_form_page(request, day, atelier, *, title, form, crumb, again=False):
    """The form of something that belongs to an atelier (question, table, proposal, initiative)."""
    return _form_page(
        request,
        title=title,
        form=form,
        crumbs=_crumbs(day, (atelier.title, atelier.get_absolute_url()), (crumb, None)),
        lead=atelier.title if again else "",
        again=again,
        cancel_url=atelier.get_absolute_url(),
    )


def _atelier_item_form(
    request, day, atelier, *, make_form, save, title, crumb, success, model=None, item_id=None, anchor=""
):
    """Add (no `model`) or edit (`model` and `item_id`) a question, a table, a proposal or an
    initiative of an atelier: `make_form(atelier, item)` builds the form, `save(atelier, item,
    data)` calls the service. An addition offers « Enregistrer et saisir le suivant »."""
    item = get_object_or_404(model, atelier=atelier, pk=item_id) if model is not None else None
    form = make_form(atelier, item)
    adding = item is None
    if _saved(request, form, lambda data: save(atelier, item, data)):
        return _done(request, success, atelier.get_absolute_url() + anchor, again=adding)
    title = title(item) if callable(title) else title
    return _atelier_form_page(request, day, atelier, title=title, form=form, crumb=crumb, again=adding)


def _atelier_item_delete(
    request, day, atelier, *, model, item_id, delete, title, message, button, success, crumb, subject=""
):
    """Confirm, then delete, a question, a table or an initiative of an atelier."""
    item = get_object_or_404(model, atelier=atelier, pk=item_id)
    return confirm_action(
        request,
        title=title(item),
        subject=subject(item) if subject else "",
        message=message,
        button=button,
        cancel_url=atelier.get_absolute_url(),
        action=lambda: delete(item),
        success=success,
        done_url=atelier.get_absolute_url(),
        breadcrumb=_crumbs(day, (atelier.title, atelier.get_absolute_url()), (crumb, None)),
        checkbox=True,
    )


def _import_preview(request, day, kind, parse):
    """The uploaded file and its preview: `parse(file, day)` reads it; rows that can be imported
    wait in the session for the confirmation (and a failed preview forgets the previous one)."""
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form, None
    started = time.perf_counter()
    upload = form.cleaned_data["file"]
    preview = parse(upload, day)
    preview.seconds = round(time.perf_counter() - started, 2)
    if preview.ok:
        request.session[IMPORT_KEY] = {
            "day": day.pk,
            "kind": kind,
            "rows": preview.rows,
            "source": upload.name,
        }
    else:
        request.session.pop(IMPORT_KEY, None)
    return form, preview


def _pending_import(request, day, kind):
    """The rows previewed for `day` and `kind`, kept in the session; None once the preview has
    expired (or was for another file), with the message saying so."""
    pending = request.session.get(IMPORT_KEY) or {}
    if pending.get("day") != day.pk or pending.get("kind") != kind:
        messages.error(request, "L'aperçu a expiré : déposez de nouveau le fichier.")
        return None
    return pending


# --- Days ---------------------------------------------------------------------------------------


def index(request):
    if not perms.is_member(request.user):
        return access.deny(request)
    days = (
        models.WorkshopDay.objects.visible_to(request.user)
        .annotate(
            n_ateliers=Count("ateliers", distinct=True),
            n_proposals=Count("ateliers__proposals", distinct=True),
        )
        .order_by("-held_on", "title", "pk")
    )
    return render(
        request,
        "workshops/index.html",
        {
            "title": "Journées d'ateliers",
            "breadcrumb": [("Journées d'ateliers", None)],
            "page_obj": _page(request, days, 12),
            "can_create": perms.can_create_day(request.user),
        },
    )


def day_create(request):
    if not perms.can_create_day(request.user):
        if perms.is_member(request.user):
            raise PermissionDenied  # the page exists for everyone; creating is the animation's
        return access.deny(request)
    form = forms.DayForm(request.POST or None, initial={"is_published": False})
    if _saved(request, form, lambda data: services.day_create(user=request.user, data=data)):
        messages.success(
            request,
            "La journée est créée (brouillon) : ajoutez ses ateliers, puis ses propositions et participant·es.",
        )
        return redirect(form.saved)
    return _form_page(
        request,
        title="Nouvelle journée d'ateliers",
        form=form,
        crumbs=_crumbs(None, ("Nouvelle journée", None)),
    )


@_day_view(manage=True)
def day_edit(request, day):
    form = forms.DayForm(request.POST or None, instance=day)
    if _saved(request, form, lambda data: services.day_update(user=request.user, day=day, data=data)):
        messages.success(request, "La journée est enregistrée.")
        return redirect(day)
    return _form_page(
        request,
        title=f"Modifier « {day} »",
        form=form,
        crumbs=_crumbs(day, ("Modifier", None)),
        cancel_url=day.get_absolute_url(),
    )


@_day_view(manage=True)
def day_delete(request, day):
    return confirm_action(
        request,
        title=f"Supprimer la journée « {day} »",
        message="La journée, ses ateliers, tables, questions, participant·es, propositions et fichiers du livret seront définitivement supprimés.",
        button="Supprimer définitivement",
        cancel_url=day.get_absolute_url(),
        action=lambda: services.day_delete(user=request.user, day=day),
        success=f"La journée « {day} » a été supprimée.",
        done_url=reverse("workshops:index"),
        breadcrumb=_crumbs(day, ("Supprimer", None)),
        checkbox=True,
    )


@_day_view()
def day_detail(request, day):
    can_manage = perms.can_manage_day(request.user, day)
    figures = compute_figures(day)
    ateliers = list(day.ateliers.select_related("theme").prefetch_related("questions"))
    for atelier in ateliers:
        atelier.figs = figures.ateliers[atelier.pk]
    return render(
        request,
        "workshops/day.html",
        {
            "title": day.title,
            "day": day,
            "ateliers": ateliers,
            "figures": figures,
            "organisers": list(day.organisers.all()),
            "can_manage": can_manage,
            "mismatches": figures.mismatches() if can_manage else [],
            "files": _files_context(day) if can_manage or day.is_published else None,
            "batches": day.import_batches.filter(undone_at=None)[:5] if can_manage else [],
            "breadcrumb": _crumbs(None, (day.title, None)),
        },
    )


# --- Organisers ---------------------------------------------------------------------------------


@_day_view(manage=True)
def organiser_add(request, day):
    form = forms.OrganiserForm(request.POST or None, request.FILES or None)
    if _saved(
        request,
        form,
        lambda data: services.organiser_create(
            user=request.user,
            day=day,
            **pick(data, "name", "role", "organisation"),
            logo=data.get("logo") or None,
        ),
    ):
        return _done(
            request,
            "L'organisateur est ajouté ; il figure sur la couverture du livret.",
            f"{day.get_absolute_url()}#organisateurs",
        )
    return _form_page(
        request,
        title="Ajouter un organisateur",
        form=form,
        crumbs=_crumbs(day, ("Organisateur", None)),
        lead=str(day),
        cancel_url=day.get_absolute_url(),
    )


@_day_view(manage=True)
def organiser_delete(request, day, pk):
    organiser = get_object_or_404(models.WorkshopOrganiser, day=day, pk=pk)
    return confirm_action(
        request,
        title=f"Retirer « {organiser.name} »",
        message="L'organisateur et son logo ne figureront plus sur la couverture du livret.",
        button="Retirer",
        cancel_url=day.get_absolute_url(),
        action=lambda: services.organiser_delete(user=request.user, organiser=organiser),
        success=f"« {organiser.name} » est retiré des organisateurs.",
        done_url=day.get_absolute_url(),
        breadcrumb=_crumbs(day, ("Retirer un organisateur", None)),
    )


# --- Ateliers -----------------------------------------------------------------------------------


@_day_view(manage=True)
def atelier_add(request, day):
    next_position = (day.ateliers.count() or 0) + 1
    form = forms.AtelierForm(
        request.POST or None, initial={"position": next_position, "votes_per_participant": 3}
    )
    if _saved(request, form, lambda data: services.atelier_create(user=request.user, day=day, data=data)):
        messages.success(
            request, f"L'atelier « {form.saved} » est ajouté : saisissez ses questions et ses tables."
        )
        return redirect(form.saved)
    return _form_page(
        request,
        title="Ajouter un atelier",
        form=form,
        crumbs=_crumbs(day, ("Nouvel atelier", None)),
        lead=str(day),
        cancel_url=day.get_absolute_url(),
    )


@_atelier_view(manage=True)
def atelier_edit(request, day, atelier):
    form = forms.AtelierForm(request.POST or None, instance=atelier)
    if _saved(
        request, form, lambda data: services.atelier_update(user=request.user, atelier=atelier, data=data)
    ):
        messages.success(request, "L'atelier est enregistré.")
        return redirect(atelier)
    return _form_page(
        request,
        title=f"Modifier l'atelier « {atelier} »",
        form=form,
        crumbs=_crumbs(day, (atelier.title, atelier.get_absolute_url()), ("Modifier", None)),
        cancel_url=atelier.get_absolute_url(),
    )


@_atelier_view(manage=True)
def atelier_delete(request, day, atelier):
    n = atelier.proposals.count()
    return confirm_action(
        request,
        title=f"Supprimer l'atelier « {atelier} »",
        message=f"L'atelier, ses questions, ses tables et ses {n} proposition(s) seront définitivement supprimés.",
        button="Supprimer définitivement",
        cancel_url=atelier.get_absolute_url(),
        action=lambda: services.atelier_delete(user=request.user, atelier=atelier),
        success=f"L'atelier « {atelier} » a été supprimé.",
        done_url=day.get_absolute_url(),
        breadcrumb=_crumbs(day, (atelier.title, atelier.get_absolute_url()), ("Supprimer", None)),
        checkbox=True,
    )


@_atelier_view()
def atelier_detail(request, day, atelier):
    can_manage = perms.can_manage_day(request.user, day)
    figures = compute_figures(day).ateliers[atelier.pk]
    proposals = atelier.proposals.select_related("table", "question").order_by("pk")
    initiatives = list(services.initiatives_with_scores(atelier))
    my_votes = set()
    if request.user.is_authenticated:
        my_votes = set(atelier.initiatives.filter(votes__user=request.user).values_list("pk", flat=True))
    for initiative in initiatives:
        initiative.score = services.initiative_score(initiative)
        initiative.voted = initiative.pk in my_votes
    return render(
        request,
        "workshops/atelier.html",
        {
            "title": atelier.title,
            "day": day,
            "atelier": atelier,
            "questions": atelier.questions.annotate(n=Count("proposals")),
            "tables": atelier.tables.annotate(n=Count("proposals")).prefetch_related("questions"),
            "figures": figures,
            "page_obj": _page(request, proposals, 50),
            "initiatives": initiatives,
            "votes_left": atelier.votes_per_participant - len(my_votes),
            "can_vote": perms.can_vote(request.user, atelier),
            "can_manage": can_manage,
            "select_form": forms.SelectTopForm(),
            "breadcrumb": _crumbs(day, (atelier.title, None)),
        },
    )


@_atelier_view(manage=True)
def atelier_ideas(request, day, atelier):
    """The coordinator's strong ideas, with the suggestions computed now beside them."""
    form = forms.AtelierIdeasForm(request.POST or None, instance=atelier)
    if request.method == "POST" and form.is_valid():
        services.atelier_update(user=request.user, atelier=atelier, data=form.cleaned_data)
        messages.success(request, "Les idées fortes de l'atelier sont enregistrées.")
        return redirect(atelier)
    proposals = list(
        models.WorkshopProposal.objects.filter(atelier__day=day).only(
            "atelier_id", "orientation", "action", "objectives"
        )
    )
    cells, pistes = proposal_cells(proposals)
    suggestions = day_suggestions({a.pk: cells.get(a.pk, []) for a in day.ateliers.all()}, pistes)[atelier.pk]
    curated = {i.lower() for i in atelier.strong_idea_list}
    return render(
        request,
        "workshops/ideas.html",
        {
            "title": f"Idées fortes — {atelier.title}",
            "day": day,
            "atelier": atelier,
            "form": form,
            "suggestions": suggestions,
            "curated": curated,
            "n_ateliers": day.ateliers.count(),
            "breadcrumb": _crumbs(day, (atelier.title, atelier.get_absolute_url()), ("Idées fortes", None)),
        },
    )


@require_POST
@_atelier_view(manage=True)
def atelier_idea_add(request, day, atelier):
    idea = request.POST.get("idea", "")
    try:
        services.atelier_strong_idea_add(user=request.user, atelier=atelier, idea=idea)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"« {idea.strip()} » est ajoutée aux idées fortes : reformulez-la si besoin."
        )
    return redirect("workshops:atelier_ideas", slug=day.slug, pk=atelier.pk)


# --- Questions and tables -----------------------------------------------------------------------


@_atelier_view(manage=True)
def question_add(request, day, atelier):
    return _atelier_item_form(
        request,
        day,
        atelier,
        make_form=lambda atelier, _: forms.QuestionForm(
            request.POST or None, initial={"position": atelier.questions.count() + 1}
        ),
        save=lambda atelier, _, data: services.question_create(user=request.user, atelier=atelier, **data),
        title="Ajouter une question",
        crumb="Question",
        success="La question est ajoutée.",
    )


@_atelier_view(manage=True)
def question_edit(request, day, atelier, qid):
    return _atelier_item_form(
        request,
        day,
        atelier,
        model=models.WorkshopQuestion,
        item_id=qid,
        make_form=lambda _, question: forms.QuestionForm(request.POST or None, instance=question),
        save=lambda _, question, data: services.question_update(user=request.user, question=question, **data),
        title="Modifier la question",
        crumb="Question",
        success="La question est enregistrée.",
    )


@_atelier_view(manage=True)
def question_delete(request, day, atelier, qid):
    return _atelier_item_delete(
        request,
        day,
        atelier,
        model=models.WorkshopQuestion,
        item_id=qid,
        delete=lambda question: services.question_delete(user=request.user, question=question),
        title=lambda question: f"Supprimer la question {question.position}",
        subject=lambda question: question.text,
        message="Ses propositions restent dans l'atelier, sans question rattachée.",
        button="Supprimer la question",
        success="La question est supprimée.",
        crumb="Supprimer une question",
    )


@_atelier_view(manage=True)
def table_add(request, day, atelier):
    return _atelier_item_form(
        request,
        day,
        atelier,
        make_form=lambda atelier, _: forms.TableForm(request.POST or None, atelier=atelier),
        save=lambda atelier, _, data: services.table_create(user=request.user, atelier=atelier, **data),
        title="Ajouter une table",
        crumb="Table",
        success="La table est ajoutée.",
    )


@_atelier_view(manage=True)
def table_edit(request, day, atelier, tid):
    return _atelier_item_form(
        request,
        day,
        atelier,
        model=models.WorkshopTable,
        item_id=tid,
        make_form=lambda atelier, table: forms.TableForm(
            request.POST or None, instance=table, atelier=atelier
        ),
        save=lambda _, table, data: services.table_update(user=request.user, table=table, **data),
        title=lambda table: f"Modifier la table « {table} »",
        crumb="Table",
        success="La table est enregistrée.",
    )


@_atelier_view(manage=True)
def table_delete(request, day, atelier, tid):
    return _atelier_item_delete(
        request,
        day,
        atelier,
        model=models.WorkshopTable,
        item_id=tid,
        delete=lambda table: services.table_delete(user=request.user, table=table),
        title=lambda table: f"Supprimer la table « {table} »",
        message="Ses propositions restent dans l'atelier, sans table.",
        button="Supprimer la table",
        success="La table est supprimée.",
        crumb="Supprimer une table",
    )


# --- Proposals ----------------------------------------------------------------------------------


@_atelier_view(manage=True)
def proposal_add(request, day, atelier):
    return _atelier_item_form(
        request,
        day,
        atelier,
        make_form=lambda atelier, _: forms.ProposalForm(request.POST or None, atelier=atelier),
        save=lambda atelier, _, data: services.proposal_create(user=request.user, atelier=atelier, data=data),
        title="Ajouter une proposition",
        crumb="Proposition",
        success="La proposition est ajoutée.",
    )


@_day_view(manage=True)
def proposal_edit(request, day, pid):
    proposal = get_object_or_404(
        models.WorkshopProposal.objects.select_related("atelier"), atelier__day=day, pk=pid
    )
    atelier = proposal.atelier
    form = forms.ProposalForm(request.POST or None, instance=proposal, atelier=atelier)
    if _saved(
        request, form, lambda data: services.proposal_update(user=request.user, proposal=proposal, data=data)
    ):
        return _done(request, "La proposition est enregistrée.", atelier.get_absolute_url())
    return _atelier_form_page(
        request, day, atelier, title="Modifier la proposition", form=form, crumb="Proposition"
    )


@_day_view(manage=True)
def proposals_delete(request, day):
    """Delete one or many proposals with one confirmation. The ids come from the list's
    checkboxes (POST), are shown back, then deleted on the confirmed POST."""
    raw = request.POST.getlist("ids") if request.method == "POST" else request.GET.getlist("ids")
    ids = [int(v) for v in raw if v.isdigit() and len(v) < 12]
    proposals = list(
        models.WorkshopProposal.objects.filter(atelier__day=day, pk__in=ids).select_related("atelier")
    )
    back = request.POST.get("back") or request.GET.get("back") or ""
    back = back if back.startswith(f"/ateliers/{day.slug}/") else day.get_absolute_url()
    if not proposals:
        messages.error(request, "Cochez au moins une proposition à supprimer.")
        return redirect(back)
    form = ConfirmForm(request.POST if request.POST.get("confirming") else None)
    if request.POST.get("confirming") and form.is_valid():
        n = services.proposals_delete(user=request.user, day=day, ids=[p.pk for p in proposals])
        messages.success(request, f"{n} proposition{'s' if n > 1 else ''} supprimée{'s' if n > 1 else ''}.")
        return redirect(back)
    return render(
        request,
        "workshops/proposals_delete.html",
        {
            "title": "Supprimer des propositions",
            "day": day,
            "proposals": proposals,
            "form": form,
            "back": back,
            "breadcrumb": _crumbs(day, ("Supprimer des propositions", None)),
        },
    )


@_day_view(manage=True)
def proposals_import(request, day):
    preview = None
    form = forms.UploadForm()
    if request.method == "POST" and request.POST.get("step") == "confirm":
        if (pending := _pending_import(request, day, "proposals")) is None:
            return redirect("workshops:proposals_import", slug=day.slug)
        decisions = {}
        for row in pending["rows"]:
            choice = request.POST.get(f"row-{row['line']}", "skip")
            decisions[row["line"]] = choice if choice in ("skip", "replace", "add") else "skip"
        batch = services.proposals_import(
            user=request.user, day=day, rows=pending["rows"], decisions=decisions, source=pending["source"]
        )
        del request.session[IMPORT_KEY]
        messages.success(
            request,
            f"Import terminé : {batch.added} ajoutée(s), {batch.replaced} remplacée(s), {batch.skipped} ignorée(s). "
            "Vous pouvez l'annuler d'un clic depuis la page de la journée.",
        )
        return redirect(day)
    if request.method == "POST":
        form, preview = _import_preview(request, day, "proposals", parse_proposals)
    duplicates = []
    if preview and preview.ok and preview.duplicates:
        ids = [r["duplicate_of"] for r in preview.duplicates if r["duplicate_of"]]
        existing = {p.pk: p for p in models.WorkshopProposal.objects.filter(pk__in=ids)}
        # Copies: the rows kept in the session for the confirmation stay plain data.
        duplicates = [{**row, "existing": existing.get(row["duplicate_of"])} for row in preview.duplicates]
    return render(
        request,
        "workshops/import_proposals.html",
        {
            "title": "Importer des propositions",
            "day": day,
            "form": form,
            "preview": preview,
            "duplicates": duplicates,
            "breadcrumb": _crumbs(day, ("Importer des propositions", None)),
        },
    )


@_day_view(manage=True)
def batch_undo(request, day, bid):
    batch = get_object_or_404(models.WorkshopImportBatch, day=day, pk=bid, undone_at=None)
    what = f"{batch.added} ajout(s)" + (f" et {batch.replaced} remplacement(s)" if batch.replaced else "")
    return confirm_action(
        request,
        title="Annuler un import",
        subject=f"{batch.source} — {batch.created_at:%d/%m/%Y %H:%M}",
        message=f"Les {what} de cet import seront défaits : lignes ajoutées supprimées, lignes remplacées rétablies.",
        button="Annuler l'import",
        cancel_url=day.get_absolute_url(),
        action=lambda: services.import_batch_undo(user=request.user, batch=batch),
        success="L'import est annulé.",
        done_url=day.get_absolute_url(),
        breadcrumb=_crumbs(day, ("Annuler un import", None)),
    )


# --- Participants -------------------------------------------------------------------------------


@_day_view(manage=True)
def participants(request, day):
    items = day.participants.select_related("organisation", "atelier").order_by("name", "pk")
    return render(
        request,
        "workshops/participants.html",
        {
            "title": f"Participant·es — {day.title}",
            "day": day,
            "page_obj": _page(request, items, 50),
            "total": items.count(),
            "figures": compute_figures(day),
            "breadcrumb": _crumbs(day, ("Participant·es", None)),
        },
    )


@_day_view(manage=True)
def participant_add(request, day):
    form = forms.ParticipantForm(request.POST or None, day=day)
    if _saved(request, form, lambda data: services.participant_create(user=request.user, day=day, data=data)):
        return _done(
            request,
            "La personne est ajoutée.",
            _participants_url(day),
            again=True,
        )
    return _form_page(
        request,
        title="Ajouter un·e participant·e",
        form=form,
        crumbs=_crumbs(day, ("Participant·es", _participants_url(day)), ("Ajouter", None)),
        again=True,
        cancel_url=_participants_url(day),
    )


@_day_view(manage=True)
def participant_edit(request, day, pid):
    participant = get_object_or_404(models.WorkshopParticipant, day=day, pk=pid)
    form = forms.ParticipantForm(request.POST or None, instance=participant, day=day)
    if _saved(
        request,
        form,
        lambda data: services.participant_update(user=request.user, participant=participant, data=data),
    ):
        messages.success(request, "La personne est enregistrée.")
        return redirect("workshops:participants", slug=day.slug)
    return _form_page(
        request,
        title=f"Modifier « {participant} »",
        form=form,
        crumbs=_crumbs(day, ("Participant·es", _participants_url(day)), ("Modifier", None)),
        cancel_url=_participants_url(day),
    )


@_day_view(manage=True)
def participant_delete(request, day, pid):
    participant = get_object_or_404(models.WorkshopParticipant, day=day, pk=pid)
    url = _participants_url(day)
    return confirm_action(
        request,
        title=f"Retirer « {participant} »",
        message="La personne ne sera plus comptée dans les chiffres de la journée.",
        button="Retirer",
        cancel_url=url,
        action=lambda: services.participant_delete(user=request.user, participant=participant),
        success=f"« {participant} » est retiré·e de la liste.",
        done_url=url,
        breadcrumb=_crumbs(day, ("Participant·es", url), ("Retirer", None)),
    )


@_day_view(manage=True)
def participants_import(request, day):
    preview = None
    form = forms.UploadForm()
    if request.method == "POST" and request.POST.get("step") == "confirm":
        if (pending := _pending_import(request, day, "participants")) is None:
            return redirect("workshops:participants_import", slug=day.slug)
        batch = services.participants_import(
            user=request.user, day=day, rows=pending["rows"], source=pending["source"]
        )
        del request.session[IMPORT_KEY]
        messages.success(request, f"{batch.added} personne(s) ajoutée(s), {batch.skipped} déjà présente(s).")
        return redirect("workshops:participants", slug=day.slug)
    if request.method == "POST":
        form, preview = _import_preview(request, day, "participants", parse_participants)
    return render(
        request,
        "workshops/import_participants.html",
        {
            "title": "Importer la liste des participant·es",
            "day": day,
            "form": form,
            "preview": preview,
            "breadcrumb": _crumbs(
                day,
                ("Participant·es", _participants_url(day)),
                ("Importer", None),
            ),
        },
    )


@_day_view(manage=True)
def participants_from_registrations(request, day):
    url = _participants_url(day)
    if day.event_id is None:
        messages.error(request, "Reliez d'abord la journée à un événement de l'agenda (Modifier la journée).")
        return redirect(url)
    return confirm_action(
        request,
        title="Reprendre les inscrit·es de l'événement",
        subject=day.event.title,
        message="Les personnes inscrites (inscription confirmée, sauf celles notées absentes) seront ajoutées une seule fois, avec leur catégorie et leur organisation de l'annuaire.",
        button="Ajouter les inscrit·es",
        cancel_url=url,
        action=lambda: services.participants_from_registrations(user=request.user, day=day),
        success=lambda batch: f"{batch.added} personne(s) ajoutée(s), {batch.skipped} déjà présente(s).",
        done_url=url,
        danger=False,
        breadcrumb=_crumbs(day, ("Participant·es", url), ("Inscrit·es", None)),
    )


# --- Figures ------------------------------------------------------------------------------------


@_day_view(manage=True)
def figures_edit(request, day):
    figures = compute_figures(day)
    rows = [(f, None) for f in figures.headline]
    ateliers = {a.pk: a for a in day.ateliers.all()}
    for atelier_id, af in figures.ateliers.items():
        rows += [(f, ateliers[atelier_id]) for f in af.figures]
    tables = [
        *figures.tables,
        *(t for af in figures.ateliers.values() for t in (af.by_table, af.by_question)),
    ]
    if request.method == "POST":
        settings = {}
        for figure, _atelier in rows:
            settings[figure.key] = {
                "wording": request.POST.get(f"wording-{figure.key}", ""),
                "hidden": request.POST.get(f"hidden-{figure.key}") == "1",
            }
        for t in tables:
            settings[t.key] = {"hidden": request.POST.get(f"hidden-{t.key}") == "1"}
        services.figure_settings_update(user=request.user, day=day, settings=settings)
        mismatches = compute_figures(day).mismatches()
        if mismatches:
            messages.warning(
                request,
                f"Enregistré, mais {len(mismatches)} formulation(s) ne correspondent pas au chiffre calculé : vérifiez-les.",
            )
        else:
            messages.success(request, "Les chiffres de la journée sont enregistrés.")
        return redirect("workshops:figures", slug=day.slug)
    return render(
        request,
        "workshops/figures.html",
        {
            "title": "Chiffres clés",
            "day": day,
            "rows": rows,
            "tables": tables,
            "breadcrumb": _crumbs(day, ("Chiffres clés", None)),
        },
    )


# --- Booklet ------------------------------------------------------------------------------------


def _files_context(day: models.WorkshopDay) -> dict:
    stored = {f.fmt: f for f in day.booklet_files.all()}
    state = models.WorkshopRenderState.objects.filter(day=day).first()
    out = []
    for fmt, label in models.WorkshopBookletFile.Format.choices:
        f = stored.get(fmt)
        out.append(
            {"fmt": fmt, "label": label, "file": f, "outdated": bool(f and f.data_version < day.data_version)}
        )
    return {"items": out, "state": state, "any": bool(stored), "outdated": any(i["outdated"] for i in out)}


@_day_view()
def booklet(request, day):
    can_manage = perms.can_manage_day(request.user, day)
    return render(
        request,
        "workshops/booklet.html",
        {
            "title": booklet_title(day),
            "day": day,
            "document": booklet_page_html(day),
            "files": _files_context(day),
            "can_manage": can_manage,
            "mismatches": compute_figures(day).mismatches() if can_manage else [],
            "breadcrumb": _crumbs(day, ("Livret", None)),
        },
    )


@_day_view(manage=True)
def booklet_texts(request, day):
    form = forms.BookletTextsForm(request.POST or None, instance=day)
    if request.method == "POST" and form.is_valid():
        services.day_update(user=request.user, day=day, data=form.cleaned_data)
        messages.success(
            request, "Les textes du livret sont enregistrés ; la plateforme ne les remplace jamais."
        )
        return redirect("workshops:booklet", slug=day.slug)
    return _form_page(
        request,
        title="Textes du livret",
        form=form,
        crumbs=_crumbs(day, ("Livret", reverse("workshops:booklet", args=[day.slug])), ("Textes", None)),
        cancel_url=reverse("workshops:booklet", args=[day.slug]),
    )


@require_POST
@_day_view(manage=True)
def booklet_produce(request, day):
    services.booklet_files_request(user=request.user, day=day)
    messages.info(
        request,
        "La production du PDF, de l'ODT et du DOCX est confiée au serveur de tâches ; ils seront ensuite tenus à jour après chaque modification.",
    )
    return redirect("workshops:booklet", slug=day.slug)


@_day_view()
def booklet_file(request, day, fmt):
    stored = models.WorkshopBookletFile.objects.filter(day=day, fmt=fmt).first()
    if stored is None or not stored.file:
        raise Http404("Ce fichier n'a pas encore été produit.")
    response = files.serve(stored.file, filename=stored.original_name, inline=fmt == "pdf", generated=True)
    # Said to the downloader too: the file may be older than the page.
    response["X-Maillage-Data-Version"] = f"{stored.data_version}/{day.data_version}"
    return response


# --- Initiatives and dots -----------------------------------------------------------------------


@_atelier_view(manage=True)
def initiative_add(request, day, atelier):
    return _atelier_item_form(
        request,
        day,
        atelier,
        make_form=lambda atelier, _: forms.InitiativeForm(
            request.POST or None, initial={"position": atelier.initiatives.count() + 1}
        ),
        save=lambda atelier, _, data: services.initiative_create(
            user=request.user, atelier=atelier, data=data
        ),
        title="Ajouter une initiative inspirante",
        crumb="Initiative",
        success="L'initiative est ajoutée.",
        anchor="#initiatives",
    )


@_atelier_view(manage=True)
def initiative_edit(request, day, atelier, iid):
    initiative = get_object_or_404(models.WorkshopInitiative, atelier=atelier, pk=iid)
    decompose = request.GET.get("decomposer") == "1" or "decompose" in request.POST
    form_class = forms.DecompositionForm if decompose else forms.InitiativeForm
    form = form_class(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        services.initiative_update(user=request.user, initiative=initiative, data=form.cleaned_data)
        messages.success(request, "L'initiative est enregistrée.")
        return redirect(f"{atelier.get_absolute_url()}#initiatives")
    title = f"Décomposer « {initiative} »" if decompose else f"Modifier « {initiative} »"
    return render(
        request,
        "workshops/form.html",
        {
            "title": title,
            "form": form,
            "decompose": decompose,
            "cancel_url": atelier.get_absolute_url(),
            "breadcrumb": _crumbs(day, (atelier.title, atelier.get_absolute_url()), ("Initiative", None)),
        },
    )


@_atelier_view(manage=True)
def initiative_delete(request, day, atelier, iid):
    return _atelier_item_delete(
        request,
        day,
        atelier,
        model=models.WorkshopInitiative,
        item_id=iid,
        delete=lambda initiative: services.initiative_delete(user=request.user, initiative=initiative),
        title=lambda initiative: f"Supprimer l'initiative « {initiative} »",
        message="L'initiative et ses gommettes seront définitivement supprimées.",
        button="Supprimer définitivement",
        success="L'initiative est supprimée.",
        crumb="Supprimer",
    )


@require_POST
@_atelier_view()
def vote(request, day, atelier, iid):
    initiative = get_object_or_404(models.WorkshopInitiative, atelier=atelier, pk=iid)
    try:
        placed = services.vote_toggle(user=request.user, initiative=initiative)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Gommette placée." if placed else "Gommette retirée.")
    return redirect(f"{atelier.get_absolute_url()}#initiatives")


@require_POST
@_atelier_view(manage=True)
def select_top(request, day, atelier):
    form = forms.SelectTopForm(request.POST)
    if form.is_valid():
        chosen = services.initiatives_select_top(
            user=request.user, atelier=atelier, count=form.cleaned_data["count"]
        )
        messages.success(
            request, "Vote clos. Initiatives retenues : " + ", ".join(i.title for i in chosen) + "."
        )
    else:
        messages.error(request, "Choisissez entre 1 et 5 initiatives.")
    return redirect(f"{atelier.get_absolute_url()}#initiatives")
