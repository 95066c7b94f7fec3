from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.consultations import forms, perms, services
from apps.consultations.booklet import booklet_build
from apps.consultations.imports import parse_proposals
from apps.consultations.models import (
    Action,
    Booklet,
    Comment,
    Consultation,
    Contribution,
    Initiative,
    Proposal,
    Workshop,
)
from apps.directory.models import Organisation

PER_PAGE = 20


def _paginate(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _known_consultation(request, slug):
    """404 — never a login redirect or a 403 — when the consultation may not exist for the user:
    a private group's consultation must not be distinguishable from a missing one."""
    consultation = get_object_or_404(Consultation.objects.select_related("group"), slug=slug)
    if not perms.can_know_consultation(request.user, consultation):
        raise Http404("Consultation introuvable.")
    return consultation


def _consultation(request, slug):
    consultation = _known_consultation(request, slug)
    if not perms.can_view_consultation(request.user, consultation):
        return None, _deny(request)
    return consultation, None


def _workshop(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    if not perms.can_view_workshop(request.user, workshop):
        return None, _deny(request)
    return workshop, None


def _crumbs(*items):
    return [("Consultations et ateliers", reverse("consultations:index")), *items]


# --- Index ---


def index(request):
    if not perms.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    consultations = Consultation.objects.visible_to(request.user).annotate(
        n_contributions=Count(
            "objectives__actions__contributions",
            filter=Q(objectives__actions__contributions__is_hidden=False),
        )
    )
    workshops = Workshop.objects.visible_to(request.user).annotate(n_proposals=Count("proposals"))
    return render(
        request,
        "consultations/index.html",
        {
            "title": "Consultations et ateliers",
            "breadcrumb": [("Consultations et ateliers", None)],
            "consultations": _paginate(request, consultations, 10),
            "workshops": Paginator(workshops, 10).get_page(request.GET.get("ateliers")),
            "can_create": perms.can_create_consultation(request.user),
        },
    )


# --- Consultations ---


def consultation_create(request):
    if not perms.can_create_consultation(request.user):
        return _deny(request)
    form = forms.ConsultationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        consultation = form.save(commit=False)
        consultation.created_by = request.user
        consultation.save()
        form.save_m2m()
        messages.success(
            request, "La consultation est créée : ajoutez maintenant ses objectifs et ses actions."
        )
        return redirect("consultations:structure", slug=consultation.slug)
    return render(
        request,
        "consultations/form.html",
        {
            "title": "Nouvelle consultation",
            "form": form,
            "breadcrumb": _crumbs(("Nouvelle consultation", None)),
        },
    )


def consultation_edit(request, slug):
    consultation = _known_consultation(request, slug)
    if not perms.can_manage_consultation(request.user, consultation):
        return _deny(request)
    form = forms.ConsultationForm(request.POST or None, instance=consultation, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "La consultation est enregistrée.")
        return redirect(consultation)
    return render(
        request,
        "consultations/form.html",
        {
            "title": f"Modifier « {consultation} »",
            "form": form,
            "breadcrumb": _crumbs((str(consultation), consultation.get_absolute_url()), ("Modifier", None)),
        },
    )


def _structure(consultation):
    actions = Action.objects.annotate(n=Count("contributions", filter=Q(contributions__is_hidden=False)))
    return consultation.objectives.prefetch_related(Prefetch("actions", queryset=actions))


def consultation_detail(request, slug):
    consultation, denied = _consultation(request, slug)
    if denied:
        return denied
    return render(
        request,
        "consultations/detail.html",
        {
            "title": consultation.title,
            "consultation": consultation,
            "objectives": _structure(consultation),
            "can_manage": perms.can_manage_consultation(request.user, consultation),
            "can_contribute": perms.can_contribute(request.user, consultation),
            "can_view_progress": perms.can_view_progress(request.user, consultation),
            "breadcrumb": _crumbs((consultation.title, None)),
        },
    )


def consultation_structure(request, slug):
    consultation = _known_consultation(request, slug)
    if not perms.can_manage_consultation(request.user, consultation):
        return _deny(request)
    objective_form = forms.ObjectiveForm(
        request.POST if request.POST.get("kind") == "objective" else None,
        prefix="objective",
        initial={"position": consultation.objectives.count() + 1},
    )
    action_form = forms.ActionForm(
        request.POST if request.POST.get("kind") == "action" else None,
        prefix="action",
        consultation=consultation,
        initial={"position": Action.objects.filter(objective__consultation=consultation).count() + 1},
    )
    if request.method == "POST":
        if request.POST.get("kind") == "objective" and objective_form.is_valid():
            objective = objective_form.save(commit=False)
            objective.consultation = consultation
            objective.save()
            messages.success(request, "L'objectif est ajouté.")
            return redirect("consultations:structure", slug=slug)
        if request.POST.get("kind") == "action" and action_form.is_valid():
            action_form.save()
            messages.success(request, "L'action est ajoutée.")
            return redirect("consultations:structure", slug=slug)
    return render(
        request,
        "consultations/structure.html",
        {
            "title": f"Structure de « {consultation} »",
            "consultation": consultation,
            "objectives": _structure(consultation),
            "objective_form": objective_form,
            "action_form": action_form,
            "breadcrumb": _crumbs((str(consultation), consultation.get_absolute_url()), ("Structure", None)),
        },
    )


def action_edit(request, slug, pk):
    consultation = _known_consultation(request, slug)
    action = get_object_or_404(Action, pk=pk, objective__consultation=consultation)
    if not perms.can_manage_consultation(request.user, consultation):
        return _deny(request)
    form = forms.ActionForm(request.POST or None, instance=action, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "L'action est enregistrée.")
        return redirect(action)
    return render(
        request,
        "consultations/form.html",
        {
            "title": f"Modifier l'action {action.position}",
            "form": form,
            "breadcrumb": _crumbs(
                (str(consultation), consultation.get_absolute_url()), ("Modifier l'action", None)
            ),
        },
    )


def action_detail(request, slug, pk):
    consultation, denied = _consultation(request, slug)
    if denied:
        return denied
    action = get_object_or_404(
        Action.objects.select_related("objective"), pk=pk, objective__consultation=consultation
    )
    can_contribute = perms.can_contribute(request.user, consultation)
    animator = perms.is_animator(request.user)
    form = None
    if can_contribute:
        form = forms.ContributionForm(
            request.POST or None,
            organisations=(
                # A group consultation is signed by the group's organisations, even when transcribed.
                (
                    consultation.invited_organisations_qs()
                    if perms.is_group_consultation(consultation)
                    else Organisation.objects.active()
                )
                if animator
                else perms.contributable_organisations(request.user, consultation)
            ),
            animator=animator,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.contribution_create(
                    user=request.user,
                    action=action,
                    body=form.cleaned_data["body"],
                    organisation=form.cleaned_data.get("organisation"),
                    author_label=form.cleaned_data.get("author_label", ""),
                    is_steering=form.cleaned_data.get("is_steering", False),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request, "Votre contribution est enregistrée. Vous pouvez la modifier jusqu'à la clôture."
                )
                return redirect(action)
    elif request.method == "POST":
        raise PermissionDenied
    comments = Comment.objects.select_related("author")
    if not animator:
        comments = comments.filter(is_hidden=False)
    contributions = (
        Contribution.objects.visible_to(request.user)
        .filter(action=action)
        .select_related("organisation", "author_user", "action__objective__consultation")
        .prefetch_related(Prefetch("comments", queryset=comments))
    )
    page = _paginate(request, contributions)
    for contribution in page:
        contribution.can_edit = perms.can_edit_contribution(request.user, contribution)
    return render(
        request,
        "consultations/action.html",
        {
            "title": f"Action {action.position} - {action.title}",
            "consultation": consultation,
            "action": action,
            "page": page,
            "form": form,
            "comment_form": forms.CommentForm(),
            "can_comment": perms.can_comment(request.user, consultation),
            "can_moderate": perms.can_moderate(request.user, consultation),
            "breadcrumb": _crumbs(
                (consultation.title, consultation.get_absolute_url()), (f"Action {action.position}", None)
            ),
        },
    )


def _contribution(request, slug, pk):
    consultation = _known_consultation(request, slug)
    contribution = get_object_or_404(
        Contribution.objects.select_related("action__objective__consultation", "organisation"),
        pk=pk,
        action__objective__consultation=consultation,
    )
    return consultation, contribution


def contribution_edit(request, slug, pk):
    consultation, contribution = _contribution(request, slug, pk)
    if not perms.can_edit_contribution(request.user, contribution):
        return _deny(request)
    form = forms.ContributionEditForm(request.POST or None, initial={"body": contribution.body})
    if request.method == "POST" and form.is_valid():
        services.contribution_update(
            user=request.user, contribution=contribution, body=form.cleaned_data["body"]
        )
        messages.success(request, "La contribution est modifiée.")
        return redirect(contribution.action)
    return render(
        request,
        "consultations/form.html",
        {
            "title": "Modifier la contribution",
            "form": form,
            "lead": f"Action {contribution.action.position} - {contribution.action.title} — {contribution.author_display}",
            "breadcrumb": _crumbs(
                (consultation.title, consultation.get_absolute_url()),
                (f"Action {contribution.action.position}", contribution.action.get_absolute_url()),
                ("Modifier", None),
            ),
        },
    )


def contribution_moderate(request, slug, pk):
    consultation, contribution = _contribution(request, slug, pk)
    if not perms.can_moderate(request.user, consultation):
        return _deny(request)
    hide = not contribution.is_hidden
    form = forms.ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contribution_moderate(
            user=request.user, contribution=contribution, hide=hide, note=form.cleaned_data["note"]
        )
        messages.success(
            request, "La contribution est masquée." if hide else "La contribution est de nouveau visible."
        )
        return redirect(contribution.action)
    return render(
        request,
        "consultations/confirm.html",
        {
            "title": "Masquer la contribution" if hide else "Rétablir la contribution",
            "form": form if hide else None,
            "question": (
                "Masquer cette contribution ? Elle ne sera plus visible des membres ni reprise dans le livret."
                if hide
                else "Rendre de nouveau visible cette contribution ?"
            ),
            "quote": contribution.body,
            "confirm_label": "Masquer" if hide else "Rétablir",
            "cancel_url": contribution.action.get_absolute_url(),
            "breadcrumb": _crumbs(
                (consultation.title, consultation.get_absolute_url()), ("Modération", None)
            ),
        },
    )


@require_POST
def contribution_highlight(request, slug, pk):
    consultation, contribution = _contribution(request, slug, pk)
    if not perms.can_moderate(request.user, consultation):
        return _deny(request)
    services.contribution_set_highlight(
        user=request.user, contribution=contribution, highlighted=not contribution.is_highlighted
    )
    messages.success(
        request,
        "La proposition est mise en avant dans le livret."
        if contribution.is_highlighted
        else "La proposition n'est plus mise en avant.",
    )
    return redirect(contribution.action)


@require_POST
def comment_create(request, slug, pk):
    consultation, contribution = _contribution(request, slug, pk)
    if not perms.can_comment(request.user, consultation):
        return _deny(request)
    form = forms.CommentForm(request.POST)
    if form.is_valid():
        services.comment_create(user=request.user, contribution=contribution, body=form.cleaned_data["body"])
        messages.success(request, "Votre commentaire est publié.")
    else:
        messages.error(request, "Le commentaire est vide : écrivez quelques mots avant de publier.")
    return redirect(contribution.action)


@require_POST
def comment_moderate(request, slug, pk):
    consultation = _known_consultation(request, slug)
    comment = get_object_or_404(Comment, pk=pk, contribution__action__objective__consultation=consultation)
    if not perms.can_moderate(request.user, consultation):
        return _deny(request)
    services.comment_moderate(user=request.user, comment=comment, hide=not comment.is_hidden)
    messages.success(
        request, "Le commentaire est masqué." if comment.is_hidden else "Le commentaire est rétabli."
    )
    return redirect(comment.contribution.action)


def by_organisation(request, slug):
    consultation, denied = _consultation(request, slug)
    if denied:
        return denied
    contributions = list(
        Contribution.objects.visible_to(request.user)
        .filter(action__objective__consultation=consultation)
        .select_related("organisation", "action__objective")
        .order_by("action__objective__position", "action__position", "pk")
    )
    authors: dict[str, list] = {}
    for contribution in contributions:
        authors.setdefault(contribution.author_display, []).append(contribution)
    selected = request.GET.get("auteur", "")
    rows = sorted(authors.items(), key=lambda kv: (kv[0] != "Comité de pilotage", kv[0].lower()))
    if selected:
        rows = [row for row in rows if row[0] == selected]
    return render(
        request,
        "consultations/by_organisation.html",
        {
            "title": f"Contributions par organisation — {consultation}",
            "consultation": consultation,
            "page": _paginate(request, rows, 10),
            "authors": sorted(authors, key=str.lower),
            "selected": selected,
            "breadcrumb": _crumbs(
                (consultation.title, consultation.get_absolute_url()), ("Par organisation", None)
            ),
        },
    )


def progress(request, slug):
    consultation = _known_consultation(request, slug)
    if not perms.can_view_progress(request.user, consultation):
        return _deny(request)
    contributed = (
        Contribution.objects.published()
        .filter(action__objective__consultation=consultation, organisation__isnull=False)
        .values("organisation")
        .annotate(n=Count("pk"))
    )
    counts = {row["organisation"]: row["n"] for row in contributed}
    invited = list(consultation.invited_organisations_qs().only("pk", "name", "slug", "type"))
    status = request.GET.get("statut", "")
    rows = [(org, counts.get(org.pk, 0)) for org in invited]
    if status == "oui":
        rows = [r for r in rows if r[1]]
    elif status == "non":
        rows = [r for r in rows if not r[1]]
    done = sum(1 for org in invited if counts.get(org.pk))
    return render(
        request,
        "consultations/progress.html",
        {
            "title": f"Avancement — {consultation}",
            "consultation": consultation,
            "page": _paginate(request, rows, 25),
            "invited_count": len(invited),
            "done_count": done,
            "percent": round(done * 100 / len(invited)) if invited else 0,
            "status": status,
            "breadcrumb": _crumbs(
                (consultation.title, consultation.get_absolute_url()), ("Avancement", None)
            ),
        },
    )


# --- Workshops ---


def workshop_create(request):
    if not perms.can_create_workshop(request.user):
        return _deny(request)
    form = forms.WorkshopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workshop = form.save(commit=False)
        workshop.created_by = request.user
        workshop.save()
        messages.success(request, "L'atelier est créé : ajoutez ses questions, groupes et initiatives.")
        return redirect(workshop)
    return render(
        request,
        "consultations/form.html",
        {"title": "Nouvel atelier", "form": form, "breadcrumb": _crumbs(("Nouvel atelier", None))},
    )


def workshop_edit(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    form = forms.WorkshopForm(request.POST or None, instance=workshop)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "L'atelier est enregistré.")
        return redirect(workshop)
    return render(
        request,
        "consultations/form.html",
        {
            "title": f"Modifier « {workshop} »",
            "form": form,
            "breadcrumb": _crumbs((str(workshop), workshop.get_absolute_url()), ("Modifier", None)),
        },
    )


def workshop_detail(request, slug):
    workshop, denied = _workshop(request, slug)
    if denied:
        return denied
    initiatives = list(services.initiatives_with_scores(workshop))
    my_votes = set()
    if request.user.is_authenticated:
        my_votes = set(workshop.initiatives.filter(votes__user=request.user).values_list("pk", flat=True))
    for initiative in initiatives:
        initiative.score = services.initiative_score(initiative)
        initiative.voted = initiative.pk in my_votes
    proposals = workshop.proposals.select_related("group", "question")
    return render(
        request,
        "consultations/workshop_detail.html",
        {
            "title": workshop.title,
            "workshop": workshop,
            "questions": workshop.questions.all(),
            "groups": workshop.groups.annotate(n=Count("proposals")).prefetch_related("questions"),
            "participants_count": workshop.participants.count(),
            "initiatives": initiatives,
            "votes_left": workshop.votes_per_participant - len(my_votes),
            "page": _paginate(request, proposals),
            "can_manage": perms.can_manage_workshop(request.user, workshop),
            "can_vote": perms.can_vote(request.user, workshop),
            "select_form": forms.SelectTopForm(),
            "breadcrumb": _crumbs((workshop.title, None)),
        },
    )


def _workshop_add(request, slug, *, form_class, label, success, needs_workshop=True):
    workshop = get_object_or_404(Workshop, slug=slug)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    kwargs = {"workshop": workshop} if needs_workshop else {}
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        obj = form.save(commit=False)
        obj.workshop = workshop
        obj.save()
        form.save_m2m()
        messages.success(request, success)
        if "encore" in request.POST:
            return redirect(request.path)
        return redirect(workshop)
    return render(
        request,
        "consultations/form.html",
        {
            "title": label,
            "form": form,
            "again": True,
            "lead": str(workshop),
            "breadcrumb": _crumbs((str(workshop), workshop.get_absolute_url()), (label, None)),
        },
    )


def question_add(request, slug):
    return _workshop_add(
        request,
        slug,
        form_class=forms.QuestionForm,
        label="Ajouter une question",
        success="La question est ajoutée.",
        needs_workshop=False,
    )


def group_add(request, slug):
    return _workshop_add(
        request, slug, form_class=forms.GroupForm, label="Ajouter un groupe", success="Le groupe est ajouté."
    )


def participant_add(request, slug):
    return _workshop_add(
        request,
        slug,
        form_class=forms.ParticipantForm,
        label="Ajouter un·e participant·e",
        success="La participation est enregistrée.",
    )


def proposal_add(request, slug):
    return _workshop_add(
        request,
        slug,
        form_class=forms.ProposalForm,
        label="Saisir une proposition",
        success="La proposition est enregistrée.",
    )


def initiative_add(request, slug):
    return _workshop_add(
        request,
        slug,
        form_class=forms.InitiativeForm,
        label="Ajouter une initiative",
        success="L'initiative est ajoutée.",
        needs_workshop=False,
    )


def _workshop_edit_item(request, slug, pk, *, model, form_class, label, success, needs_workshop=True):
    workshop = get_object_or_404(Workshop, slug=slug)
    obj = get_object_or_404(model, pk=pk, workshop=workshop)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    kwargs = {"workshop": workshop} if needs_workshop else {}
    form = form_class(request.POST or None, instance=obj, **kwargs)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, success)
        return redirect(workshop)
    return render(
        request,
        "consultations/form.html",
        {
            "title": label,
            "form": form,
            "lead": str(workshop),
            "breadcrumb": _crumbs((str(workshop), workshop.get_absolute_url()), (label, None)),
        },
    )


def initiative_edit(request, slug, pk):
    return _workshop_edit_item(
        request,
        slug,
        pk,
        model=Initiative,
        form_class=forms.InitiativeForm,
        label="Modifier l'initiative",
        success="L'initiative est enregistrée.",
        needs_workshop=False,
    )


def proposal_edit(request, slug, pk):
    return _workshop_edit_item(
        request,
        slug,
        pk,
        model=Proposal,
        form_class=forms.ProposalForm,
        label="Modifier la proposition",
        success="La proposition est enregistrée.",
    )


def proposal_delete(request, slug, pk):
    workshop = get_object_or_404(Workshop, slug=slug)
    proposal = get_object_or_404(Proposal, pk=pk, workshop=workshop)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    if request.method == "POST":
        proposal.delete()
        messages.success(request, "La proposition est supprimée.")
        return redirect(workshop)
    return render(
        request,
        "consultations/confirm.html",
        {
            "title": "Supprimer la proposition",
            "question": "Supprimer définitivement cette proposition ? Elle disparaîtra aussi du livret.",
            "quote": proposal.orientation,
            "confirm_label": "Supprimer",
            "cancel_url": workshop.get_absolute_url(),
            "breadcrumb": _crumbs(
                (str(workshop), workshop.get_absolute_url()), ("Supprimer une proposition", None)
            ),
        },
    )


def initiative_decompose(request, slug, pk):
    workshop = get_object_or_404(Workshop, slug=slug)
    initiative = get_object_or_404(Initiative, pk=pk, workshop=workshop)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    form = forms.DecompositionForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "La décomposition de l'initiative est enregistrée.")
        return redirect(workshop)
    return render(
        request,
        "consultations/decompose.html",
        {
            "title": f"Décomposer « {initiative} »",
            "workshop": workshop,
            "initiative": initiative,
            "form": form,
            "breadcrumb": _crumbs((str(workshop), workshop.get_absolute_url()), ("Décomposition", None)),
        },
    )


@require_POST
def vote(request, slug, pk):
    workshop = get_object_or_404(Workshop, slug=slug)
    initiative = get_object_or_404(Initiative, pk=pk, workshop=workshop)
    if not perms.can_vote(request.user, workshop):
        return _deny(request)
    try:
        placed = services.vote_toggle(user=request.user, initiative=initiative)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Gommette placée." if placed else "Gommette retirée.")
    return redirect(f"{workshop.get_absolute_url()}#initiatives")


@require_POST
def select_top(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    form = forms.SelectTopForm(request.POST)
    if form.is_valid():
        chosen = services.workshop_select_top_initiatives(
            user=request.user, workshop=workshop, count=form.cleaned_data["count"]
        )
        messages.success(
            request, f"Vote clos : {len(chosen)} initiative(s) retenue(s). Décomposez-les maintenant."
        )
    else:
        messages.error(request, "Indiquez un nombre d'initiatives entre 1 et 5.")
    return redirect(f"{workshop.get_absolute_url()}#initiatives")


IMPORT_SESSION_KEY = "consultations_import"


def proposals_import(request, slug):
    workshop = get_object_or_404(Workshop, slug=slug)
    if not perms.can_manage_workshop(request.user, workshop):
        return _deny(request)
    result = None
    form = forms.ImportForm()
    if request.method == "POST" and request.POST.get("step") == "confirm":
        pending = request.session.get(IMPORT_SESSION_KEY) or {}
        if pending.get("workshop") != workshop.pk or not pending.get("rows"):
            messages.error(request, "L'aperçu a expiré : déposez de nouveau le fichier.")
            return redirect("consultations:proposals_import", slug=slug)
        created = services.proposals_import(user=request.user, workshop=workshop, rows=pending["rows"])
        del request.session[IMPORT_SESSION_KEY]
        messages.success(request, f"{len(created)} proposition(s) importée(s).")
        return redirect(workshop)
    if request.method == "POST":
        form = forms.ImportForm(request.POST, request.FILES)
        if form.is_valid():
            result = parse_proposals(form.cleaned_data["file"])
            if result.ok:
                request.session[IMPORT_SESSION_KEY] = {"workshop": workshop.pk, "rows": result.rows}
            else:
                request.session.pop(IMPORT_SESSION_KEY, None)
    return render(
        request,
        "consultations/import.html",
        {
            "title": "Importer des propositions",
            "workshop": workshop,
            "form": form,
            "result": result,
            "breadcrumb": _crumbs((str(workshop), workshop.get_absolute_url()), ("Import", None)),
        },
    )


# --- Booklets ---


def _booklet_source(request, kind, slug):
    if kind == "consultation":
        source = _known_consultation(request, slug)
    else:
        source = get_object_or_404(Workshop, slug=slug)
    if not perms.can_view_booklet(request.user, source):
        return None, None, _deny(request)
    booklet = Booklet.objects.filter(**{kind: source}).first()
    return source, booklet, None


def booklet_view(request, slug, kind):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    can_edit = perms.can_edit_booklet(request.user, source)
    if booklet is None:
        if not can_edit:
            raise Http404("Le livret n'a pas encore été produit.")
        booklet = services.booklet_get_or_create(source=source)
    data = booklet_build(booklet)
    return render(
        request,
        "consultations/booklet/page.html",
        {
            "title": data["title"],
            "b": data,
            "booklet": booklet,
            "source": source,
            "kind": kind,
            "can_edit": can_edit,
            "breadcrumb": _crumbs((str(source), source.get_absolute_url()), ("Livret de synthèse", None)),
        },
    )


def booklet_edit(request, slug, kind):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    if not perms.can_edit_booklet(request.user, source):
        return _deny(request)
    booklet = booklet or services.booklet_get_or_create(source=source)
    sections = booklet_build(booklet)["sections"]
    form = forms.BookletForm(request.POST or None, instance=booklet, sections=sections)
    if request.method == "POST" and form.is_valid():
        services.booklet_update_curated(
            user=request.user,
            booklet=booklet,
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            strong_ideas=form.cleaned_data["strong_ideas"],
            next_steps=form.cleaned_data["next_steps"],
            section_notes=form.section_notes(),
        )
        messages.success(
            request, "Vos textes sont enregistrés ; ils seront conservés à chaque nouvelle génération."
        )
        return redirect(f"consultations:{kind}_booklet", slug=slug)
    return render(
        request,
        "consultations/booklet/edit.html",
        {
            "title": "Modifier les textes du livret",
            "form": form,
            "source": source,
            "kind": kind,
            "terms": booklet_build(booklet)["terms"],
            "breadcrumb": _crumbs(
                (str(source), source.get_absolute_url()),
                ("Livret de synthèse", reverse(f"consultations:{kind}_booklet", kwargs={"slug": slug})),
                ("Modifier", None),
            ),
        },
    )


@require_POST
def booklet_generate(request, slug, kind):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    if not perms.can_edit_booklet(request.user, source):
        return _deny(request)
    booklet = booklet or services.booklet_get_or_create(source=source)
    services.booklet_generate(user=request.user, booklet=booklet)
    booklet.refresh_from_db()
    if booklet.file_status == Booklet.FileStatus.READY:
        messages.success(request, "Le livret est produit : les fichiers PDF et ODT sont prêts.")
    else:
        messages.info(
            request, "La production du PDF et de l'ODT est lancée ; rechargez la page dans quelques secondes."
        )
    return redirect(f"consultations:{kind}_booklet", slug=slug)


def booklet_file(request, slug, kind, fmt):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    field = getattr(booklet, fmt, None) if booklet else None
    if not field:
        raise Http404("Ce fichier n'a pas encore été produit.")
    content_type = "application/pdf" if fmt == "pdf" else "application/vnd.oasis.opendocument.text"
    return FileResponse(
        field.open("rb"),
        as_attachment=fmt == "odt",
        filename=f"livret-{source.slug}.{fmt}",
        content_type=content_type,
    )
