from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render

from apps.core import access
from apps.core.access import permitted
from apps.programmes import perms, selectors, services
from apps.programmes.forms import SupportFileForm
from apps.programmes.models import Enrolment, Programme, SupportFile

HOME = ("Parcours", "/parcours/")


@login_required
def programme_list(request):
    if not perms.can_view_programme(request.user):
        raise PermissionDenied
    qs = Programme.objects.annotate(n_delegations=Count("enrolments", distinct=True)).order_by(
        "-start_date", "title"
    )
    page_obj = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "programmes/list.html",
        {
            "title": "Parcours d'accompagnement",
            "breadcrumb": [(HOME[0], None)],
            "page_obj": page_obj,
            "programmes": page_obj.object_list,
            "can_manage": perms.can_manage_programme(request.user),
        },
    )


@login_required
def programme_detail(request, slug):
    programme = get_object_or_404(Programme.objects.select_related("organiser"), slug=slug)
    access.ensure(request, perms.can_view_programme(request.user, programme), "Parcours introuvable.")
    from apps.arbitrages.selectors import programme_status

    rows = selectors.delegations(programme)
    return render(
        request,
        "programmes/detail.html",
        {
            "title": programme.title,
            "breadcrumb": [HOME, (programme.title, None)],
            "programme": programme,
            "phases": selectors.phases_with_sessions(programme),
            "rows": rows,
            "totals": selectors.support_totals(rows),
            "arbitrages": programme_status(programme),
            "resources": programme.resources.all(),
            "can_manage": perms.can_manage_programme(request.user, programme),
        },
    )


def _enrolment(request, slug, pk):
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("programme", "organisation"), programme__slug=slug, pk=pk
    )
    access.ensure(
        request, perms.can_view_programme(request.user, enrolment.programme), "Parcours introuvable."
    )
    return enrolment


@login_required
def delegation_detail(request, slug, pk):
    enrolment = _enrolment(request, slug, pk)
    programme = enrolment.programme
    support = getattr(enrolment, "support", None)
    return render(
        request,
        "programmes/delegation.html",
        {
            "title": f"{enrolment.name} — {programme.title}",
            "breadcrumb": [HOME, (programme.title, programme.get_absolute_url()), (enrolment.name, None)],
            "programme": programme,
            "enrolment": enrolment,
            "support": support,
            "days": support.days.all() if support else [],
            "groups": selectors.members_by_category(enrolment),
            "can_edit": perms.can_edit_support(request.user, enrolment),
            "can_manage": perms.can_manage_programme(request.user, programme),
        },
    )


@login_required
def support_edit(request, slug, pk):
    enrolment = permitted(request, _enrolment(request, slug, pk), perms.can_edit_support)
    # Shown on GET without being created: the first save writes it.
    support = SupportFile.objects.filter(enrolment=enrolment).first() or SupportFile(enrolment=enrolment)
    form = SupportFileForm(
        request.POST or None, instance=support, can_manage=perms.can_manage_programme(request.user)
    )
    if request.method == "POST" and form.is_valid():
        services.support_file_update(enrolment=enrolment, data=form.cleaned_data)
        messages.success(request, "Le dossier d'accompagnement est enregistré.")
        return redirect(enrolment)
    programme = enrolment.programme
    return render(
        request,
        "programmes/support_form.html",
        {
            "title": f"Accompagnement — {enrolment.name}",
            "breadcrumb": [
                HOME,
                (programme.title, programme.get_absolute_url()),
                (enrolment.name, enrolment.get_absolute_url()),
                ("Accompagnement", None),
            ],
            "programme": programme,
            "enrolment": enrolment,
            "form": form,
        },
    )
