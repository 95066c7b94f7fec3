from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.consultations import forms, perms, services
from apps.consultations.booklet import booklet_build
from apps.consultations.models import (
    Action,
    Booklet,
    Consultation,
    Contribution,
    ContributionComment,
)
from apps.core import access, files
from apps.core.forms import pick
from apps.directory.models import Organisation

PER_PAGE = 20


def _paginate(request, items, per_page=PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def _deny(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def _crumbs(*items):
    return [("Consultations", reverse("consultations:index")), *items]


# --- Index ---


def index(request):
    if not perms.is_member(request.user):
        return redirect_to_login(request.get_full_path())
    consultations = (
        Consultation.objects.visible_to(request.user)
        .annotate(
            n_contributions=Count(
                "objectives__actions__contributions",
                filter=Q(objectives__actions__contributions__is_hidden=False),
            )
        )
        .order_by("-opens_on", "title", "pk")
    )  # GROUP BY drops Meta.ordering: pages must not overlap
    return render(
        request,
        "consultations/index.html",
        {
            "title": "Consultations",
            "breadcrumb": [("Consultations", None)],
            "consultations": _paginate(request, consultations, 10),
            "can_create": perms.can_create_consultation(request.user),
        },
    )


def _form_page(request, form, *, save, success, title, crumbs, done=None, lead=""):
    """consultations/form.html: on a valid POST, `save(cleaned_data)` (a service), `success` said,
    then on to `done(saved)` (by default what `save` returned)."""
    if request.method == "POST" and form.is_valid():
        saved = save(form.cleaned_data)
        messages.success(request, success)
        return redirect(done(saved) if done else saved)
    return render(
        request,
        "consultations/form.html",
        {"title": title, "form": form, "lead": lead, "breadcrumb": _crumbs(*crumbs)},
    )


# --- Consultations ---


def consultation_create(request):
    if not perms.can_create_consultation(request.user):
        return _deny(request)
    return _form_page(
        request,
        forms.ConsultationForm(request.POST or None, user=request.user),
        save=lambda data: services.consultation_create(by=request.user, data=data),
        success="La consultation est créée : ajoutez maintenant ses objectifs et ses actions.",
        done=lambda consultation: reverse("consultations:structure", kwargs={"slug": consultation.slug}),
        title="Nouvelle consultation",
        crumbs=[("Nouvelle consultation", None)],
    )


def consultation_edit(request, slug):
    consultation = perms.known_consultation(request.user, slug)
    if not perms.can_manage_consultation(request.user, consultation):
        return _deny(request)
    return _form_page(
        request,
        forms.ConsultationForm(request.POST or None, instance=consultation, user=request.user),
        save=lambda data: services.consultation_update(consultation=consultation, data=data, by=request.user),
        success="La consultation est enregistrée.",
        title=f"Modifier « {consultation} »",
        crumbs=[(str(consultation), consultation.get_absolute_url()), ("Modifier", None)],
    )


def _structure(consultation):
    actions = Action.objects.annotate(n=Count("contributions", filter=Q(contributions__is_hidden=False)))
    return consultation.objectives.prefetch_related(Prefetch("actions", queryset=actions))


def consultation_detail(request, slug):
    consultation = perms.access_consultation(request.user, slug)
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
    consultation = perms.known_consultation(request.user, slug)
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
            services.objective_create(
                consultation=consultation,
                title=objective_form.cleaned_data["title"],
                position=objective_form.cleaned_data["position"],
            )
            messages.success(request, "L'objectif est ajouté.")
            return redirect("consultations:structure", slug=slug)
        if request.POST.get("kind") == "action" and action_form.is_valid():
            services.action_create(data=action_form.cleaned_data)
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
    consultation = perms.known_consultation(request.user, slug)
    action = get_object_or_404(Action, pk=pk, objective__consultation=consultation)
    if not perms.can_manage_consultation(request.user, consultation):
        return _deny(request)
    return _form_page(
        request,
        forms.ActionForm(request.POST or None, instance=action, consultation=consultation),
        save=lambda data: services.action_update(action=action, data=data),
        success="L'action est enregistrée.",
        title=f"Modifier l'action {action.position}",
        crumbs=[(str(consultation), consultation.get_absolute_url()), ("Modifier l'action", None)],
    )


def action_detail(request, slug, pk):
    consultation = perms.access_consultation(request.user, slug)
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
    comments = ContributionComment.objects.select_related("author")
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
    consultation = perms.known_consultation(request.user, slug)
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
    return _form_page(
        request,
        forms.ContributionEditForm(request.POST or None, initial={"body": contribution.body}),
        save=lambda data: services.contribution_update(
            user=request.user, contribution=contribution, body=data["body"]
        ),
        success="La contribution est modifiée.",
        done=lambda _: contribution.action,
        title="Modifier la contribution",
        lead=f"Action {contribution.action.position} - {contribution.action.title} — {contribution.author_display}",
        crumbs=[
            (consultation.title, consultation.get_absolute_url()),
            (f"Action {contribution.action.position}", contribution.action.get_absolute_url()),
            ("Modifier", None),
        ],
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
    consultation = perms.known_consultation(request.user, slug)
    comment = get_object_or_404(
        ContributionComment, pk=pk, contribution__action__objective__consultation=consultation
    )
    if not perms.can_moderate(request.user, consultation):
        return _deny(request)
    services.comment_moderate(user=request.user, comment=comment, hide=not comment.is_hidden)
    messages.success(
        request, "Le commentaire est masqué." if comment.is_hidden else "Le commentaire est rétabli."
    )
    return redirect(comment.contribution.action)


def by_organisation(request, slug):
    consultation = perms.access_consultation(request.user, slug)
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
    consultation = perms.known_consultation(request.user, slug)
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


# --- Booklets ---


def _booklet_source(request, kind, slug):
    source = perms.known_consultation(request.user, slug)
    if not perms.can_view_booklet(request.user, source):
        return None, None, access.deny(request)
    booklet = Booklet.objects.filter(**{kind: source}).first()
    return source, booklet, None


def _booklet_to_edit(request, kind, slug):
    """`_booklet_source` for those who may edit the booklet, which is created if need be."""
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return None, None, denied
    if not perms.can_edit_booklet(request.user, source):
        return None, None, _deny(request)
    return source, booklet or services.booklet_new(source=source), None


def booklet_view(request, slug, kind):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    can_edit = perms.can_edit_booklet(request.user, source)
    if booklet is None:
        if not can_edit:
            raise Http404("Le livret n'a pas encore été produit.")
        booklet = services.booklet_new(source=source)
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
    source, booklet, denied = _booklet_to_edit(request, kind, slug)
    if denied:
        return denied
    sections = booklet_build(booklet)["sections"]
    form = forms.BookletForm(request.POST or None, instance=booklet, sections=sections)
    if request.method == "POST" and form.is_valid():
        services.booklet_update_curated(
            user=request.user,
            booklet=booklet,
            **pick(form.cleaned_data, "title", "introduction", "strong_ideas", "next_steps"),
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
    _, booklet, denied = _booklet_to_edit(request, kind, slug)
    if denied:
        return denied
    services.booklet_generate(user=request.user, booklet=booklet)
    booklet.refresh_from_db()
    if booklet.file_status == Booklet.FileStatus.READY:
        messages.success(request, "Le livret est produit : les fichiers PDF, ODT et DOCX sont prêts.")
    else:
        messages.info(
            request,
            "La production du PDF, de l'ODT et du DOCX est lancée ; rechargez la page dans quelques secondes.",
        )
    return redirect(f"consultations:{kind}_booklet", slug=slug)


def booklet_file(request, slug, kind, fmt):
    source, booklet, denied = _booklet_source(request, kind, slug)
    if denied:
        return denied
    field = getattr(booklet, fmt, None) if booklet else None
    if not field:
        raise Http404("Ce fichier n'a pas encore été produit.")
    return files.serve(field, filename=f"livret-{source.slug}.{fmt}", inline=fmt == "pdf", generated=True)
