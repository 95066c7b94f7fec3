from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy

from apps.core.confirm import confirm_action
from apps.core.filters import choices_filter_form
from apps.directory.models import Person
from apps.experiences import perms, selectors, services
from apps.experiences.checklist import CHECKLIST
from apps.experiences.forms import AttachmentForm, ExperienceForm, ReviewForm
from apps.experiences.models import Experience, ExperienceAttachment, Format
from apps.search.views import run_search


def _library_crumb():
    return ("Retours d'expérience", reverse("experiences:list"))


def _require(request, allowed: bool):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied("Vous n'avez pas le droit de faire cette action.")
    return None


def _page(request, template, *, title, crumbs, **context):
    """A page of the library: its title, the breadcrumb from the library through `crumbs`."""
    return render(request, template, {"title": title, "breadcrumb": [_library_crumb(), *crumbs], **context})


def _experience(request, slug, rule):
    """The experience of the URL, and the refusal (login, 403) when `rule` does not let the user in."""
    experience = perms.access_experience(request.user, slug)
    return experience, _require(request, rule(request.user, experience))


def _within(experience, *crumbs):
    return [(experience.title, experience.get_absolute_url()), *crumbs]


def library(request):
    context = run_search(request, fixed_kind="experience")
    # The facets (with their counts) become the fields of the shared filter panel.
    context["filter_form"] = choices_filter_form(
        request.GET or None,
        fields=[
            (
                facet["param"],
                facet["label"],
                [(value.param, f"{value.label} ({value.count})") for value in facet["values"]],
            )
            for facet in context["facets"]
            if facet["values"]
        ],
        kept=("sort",),
    )
    context.update(
        title="Retours d'expérience",
        breadcrumb=[("Retours d'expérience", None)],
        action=reverse("experiences:list"),
        can_create=perms.can_create(request.user),
    )
    return render(request, "experiences/list.html", context)


def experience_map(request):
    points = selectors.map_points(request.user)
    return _page(
        request,
        "experiences/map.html",
        title="Carte des retours d'expérience",
        crumbs=[("Carte", None)],
        points=points,
    )


def guide(request):
    return _page(
        request,
        "experiences/guide.html",
        title="Guide de l'enquêteur·rice",
        crumbs=[("Guide de l'enquêteur·rice", None)],
        checklist=CHECKLIST,
    )


def mine(request):
    if (response := _require(request, perms.can_create(request.user))) is not None:
        return response
    own = Experience.objects.filter(author=request.user).order_by("-updated_at")
    to_review = Experience.objects.to_review_by(request.user).select_related("author").order_by("updated_at")
    return _page(
        request,
        "experiences/mine.html",
        title="Mes retours d'expérience",
        crumbs=[("Mes contributions", None)],
        own_page=Paginator(own, 20).get_page(request.GET.get("page")),
        to_review=to_review[:50],
    )


def create(request):
    if (response := _require(request, perms.can_create(request.user))) is not None:
        return response
    format = request.GET.get("format", Format.MONOGRAPH)
    if format not in Format.values:
        format = Format.MONOGRAPH
    if request.method == "POST":
        form = ExperienceForm(request.POST, format=format, user=request.user)
        if form.is_valid():
            experience = services.experience_create(
                author=request.user, data=form.cleaned_data, format=format
            )
            messages.success(
                request, "Votre brouillon est enregistré. Soumettez-le à la relecture quand il est prêt."
            )
            return redirect(experience)
    else:
        initial = {}
        person = getattr(request.user, "person", None)
        if person is not None:
            initial["organisations"] = [m.organisation_id for m in person.memberships.all()]
        form = ExperienceForm(format=format, initial=initial, user=request.user)
    return _page(
        request,
        "experiences/form.html",
        title="Proposer une fiche action"
        if format == Format.FACTSHEET
        else "Proposer un retour d'expérience",
        crumbs=[("Proposer", None)],
        form=form,
        format=format,
        formats=Format.choices,
        checklist=CHECKLIST,
    )


def detail(request, slug):
    experience = perms.access_experience(request.user, slug)
    user = request.user
    return _page(
        request,
        "experiences/detail.html",
        title=experience.title,
        crumbs=[(experience.title, None)],
        experience=experience,
        organisations=experience.organisations.all(),
        # Contacts are directory people, shown only when they consented (or to those who may see them).
        people=Person.objects.visible_to(user)
        .filter(experiences=experience)
        .prefetch_related("memberships__organisation"),
        # Visitors follow the link too: the question form asks them to log in first.
        can_ask=perms.can_offer_question(user, experience),
        themes=experience.themes.all(),
        images=experience.attachments.filter(kind=ExperienceAttachment.Kind.IMAGE),
        documents=experience.attachments.filter(kind=ExperienceAttachment.Kind.DOCUMENT),
        similar=selectors.similar_experiences(experience, user=user) if experience.is_published else [],
        can_edit=perms.can_edit(user, experience),
        can_submit=perms.can_submit(user, experience),
        can_review=perms.can_review(user, experience),
        can_publish=perms.can_publish(user, experience),
        can_unpublish=perms.can_unpublish(user, experience),
        can_delete=perms.can_delete(user, experience),
        can_view_history=perms.can_view_history(user, experience),
    )


def edit(request, slug):
    experience, refused = _experience(request, slug, perms.can_edit)
    if refused:
        return refused
    if request.method == "POST":
        form = ExperienceForm(request.POST, instance=experience, format=experience.format, user=request.user)
        if form.is_valid():
            services.experience_update(experience=experience, data=form.cleaned_data, by=request.user)
            messages.success(
                request, "Modifications enregistrées (une nouvelle version est conservée dans l'historique)."
            )
            return redirect(experience)
    else:
        form = ExperienceForm(instance=experience, format=experience.format, user=request.user)
    return _page(
        request,
        "experiences/form.html",
        title=f"Modifier « {experience.title} »",
        crumbs=_within(experience, ("Modifier", None)),
        form=form,
        experience=experience,
        format=experience.format,
        checklist=CHECKLIST,
    )


def _confirm(request, experience, *, allowed, action, title, text, button, done, success, danger=False):
    if (response := _require(request, allowed)) is not None:
        return response
    return confirm_action(
        request,
        title=title,
        breadcrumb=[_library_crumb(), *_within(experience, (title, None))],
        subject=experience.title,
        message=text,
        button=button,
        cancel_url=experience.get_absolute_url(),
        action=action,
        success=success,
        done_url=lambda result: done or resolve_url(result or experience),
        danger=danger,
    )


def _step(*, rule, service, title, text, button, success, done=None, danger=False):
    """The view of one step in an experience's life (submit, publish…): the confirmation, then
    `service(experience=…, by=…)`, for whom `rule(user, experience)` allows."""

    def view(request, slug):
        experience = perms.access_experience(request.user, slug)
        return _confirm(
            request,
            experience,
            allowed=rule(request.user, experience),
            action=lambda: service(experience=experience, by=request.user),
            title=title,
            text=text,
            button=button,
            done=done,
            success=success,
            danger=danger,
        )

    return view


submit = _step(
    rule=perms.can_submit,
    service=services.experience_submit,
    title="Soumettre à la relecture",
    text="Les référent·es des organisations impliquées et l'équipe d'animation seront prévenus. Vous ne pourrez plus modifier le texte pendant la relecture.",
    button="Soumettre à la relecture",
    success="Votre texte est soumis à la relecture.",
)


def review(request, slug):
    experience, refused = _experience(request, slug, perms.can_review)
    if refused:
        return refused
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        approve = form.cleaned_data["decision"] == "approve"
        services.experience_review(
            experience=experience, by=request.user, approve=approve, comment=form.cleaned_data["comment"]
        )
        messages.success(
            request,
            "Relecture enregistrée : le texte est prêt à publier."
            if approve
            else "Le texte est renvoyé à son auteur·rice.",
        )
        return redirect(experience)
    return _page(
        request,
        "experiences/review.html",
        title="Relire",
        crumbs=_within(experience, ("Relire", None)),
        experience=experience,
        form=form,
    )


publish = _step(
    rule=perms.can_publish,
    service=services.experience_publish,
    title="Publier",
    text="Le retour d'expérience sera visible dans la bibliothèque et dans la recherche.",
    button="Publier",
    success="Le retour d'expérience est publié.",
)


unpublish = _step(
    rule=perms.can_unpublish,
    service=services.experience_unpublish,
    title="Dépublier",
    text="Le texte redevient un brouillon : il disparaît de la bibliothèque et de la recherche.",
    button="Dépublier",
    success="Le retour d'expérience est dépublié.",
    danger=True,
)


delete = _step(
    rule=perms.can_delete,
    service=services.experience_delete,
    title="Supprimer",
    text="Le texte, son historique et ses pièces jointes seront supprimés définitivement.",
    button="Supprimer définitivement",
    success="Le retour d'expérience est supprimé.",
    done=reverse_lazy("experiences:list"),
    danger=True,
)


def history(request, slug):
    experience, refused = _experience(request, slug, perms.can_view_history)
    if refused:
        return refused
    versions = Paginator(experience.versions.select_related("author"), 20).get_page(request.GET.get("page"))
    return _page(
        request,
        "experiences/history.html",
        title="Historique des versions",
        crumbs=_within(experience, ("Historique", None)),
        experience=experience,
        versions=versions,
    )


def version(request, slug, number):
    experience, refused = _experience(request, slug, perms.can_view_history)
    if refused:
        return refused
    snapshot = get_object_or_404(experience.versions, number=number)
    return _page(
        request,
        "experiences/version.html",
        title=f"Version {snapshot.number}",
        crumbs=_within(
            experience,
            ("Historique", reverse("experiences:history", kwargs={"slug": slug})),
            (f"Version {snapshot.number}", None),
        ),
        experience=experience,
        version=snapshot,
    )


def attachments(request, slug):
    experience, refused = _experience(request, slug, perms.can_manage_attachments)
    if refused:
        return refused
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.attachment_add(
            experience=experience,
            uploaded=form.cleaned_data["file"],
            title=form.cleaned_data["title"],
            alt=form.cleaned_data["alt"],
            kind=form.kind,
            by=request.user,
        )
        messages.success(request, "Pièce jointe ajoutée.")
        return redirect("experiences:attachments", slug=slug)
    return _page(
        request,
        "experiences/attachments.html",
        title="Pièces jointes",
        crumbs=_within(experience, ("Pièces jointes", None)),
        experience=experience,
        form=form,
        attachments=experience.attachments.all(),
    )


def attachment_delete(request, slug, pk):
    experience = perms.access_experience(request.user, slug)
    attachment = get_object_or_404(experience.attachments, pk=pk)
    return _confirm(
        request,
        experience,
        allowed=perms.can_manage_attachments(request.user, experience),
        action=lambda: services.attachment_delete(attachment=attachment, by=request.user),
        title=f"Supprimer la pièce jointe « {attachment.title} »",
        text="Le fichier sera supprimé définitivement.",
        button="Supprimer",
        done=reverse("experiences:attachments", kwargs={"slug": slug}),
        success="Pièce jointe supprimée.",
        danger=True,
    )
