"""Mon espace: what concerns a member, the network's activity around them, and the way in for a
newcomer (find and join one's organisation). Reads in selectors.py; joining goes through the
directory's own pages and services."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from apps.directory import perms as directory_perms
from apps.directory.models import JoinRequest, Membership, OrganisationStatus
from apps.portal import perms, selectors
from apps.portal.forms import FindOrganisationForm

CRUMB = ("Mon espace", "/mon-espace/")


def _gate(request, check):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(request.user):
        raise PermissionDenied
    return None


def my_space(request):
    if (refused := _gate(request, perms.can_view_my_space)) is not None:
        return refused
    space = selectors.my_space(request.user)
    feed, interests = selectors.activity_feed(request.user, size=8)
    return render(
        request,
        "portal/my_space.html",
        {
            "title": "Mon espace",
            "breadcrumb": [("Mon espace", None)],
            "space": space,
            "feed": feed,
            "interests": interests,
        },
    )


def activity(request):
    if (refused := _gate(request, perms.can_view_my_space)) is not None:
        return refused
    everything = request.GET.get("tout") == "1"
    feed, interests = selectors.activity_feed(request.user, everything=everything, size=60)
    return render(
        request,
        "portal/activity.html",
        {
            "title": "L'activité du réseau",
            "breadcrumb": [CRUMB, ("Activité du réseau", None)],
            "feed": feed,
            "interests": interests,
            "everything": everything,
        },
    )


def find_organisation(request):
    if (refused := _gate(request, perms.can_find_organisation)) is not None:
        return refused
    form = FindOrganisationForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        organisations = list(
            selectors.find_organisations(
                name=data.get("nom", "").strip(), siren=data.get("siren", ""), commune=data.get("commune")
            )
        )
        mine = set(
            Membership.objects.filter(person__user=request.user, organisation__in=organisations).values_list(
                "organisation_id", flat=True
            )
        )
        asked = set(
            JoinRequest.objects.filter(
                requested_by=request.user, status=JoinRequest.Status.PENDING, organisation__in=organisations
            ).values_list("organisation_id", flat=True)
        )
        results = [
            {
                "organisation": organisation,
                "mine": organisation.pk in mine,
                "asked": organisation.pk in asked,
                # directory.perms.can_request_membership, without one query per result.
                "can_request": directory_perms.is_member(request.user)
                and organisation.status == OrganisationStatus.ACTIVE
                and organisation.pk not in mine
                and organisation.pk not in asked,
            }
            for organisation in organisations
        ]
    has_organisation = Membership.objects.filter(person__user=request.user, person__is_removed=False).exists()
    return render(
        request,
        "portal/find_organisation.html",
        {
            "title": "Trouver mon organisation",
            "breadcrumb": [CRUMB, ("Trouver mon organisation", None)],
            "form": form,
            "results": results,
            "has_organisation": has_organisation,
        },
    )
