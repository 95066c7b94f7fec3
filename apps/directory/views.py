"""Public pages of the directory: lists, detail pages, map, "qui fait quoi", trombinoscope."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from apps.directory import perms, selectors
from apps.directory.forms import (
    OrganisationFilterForm,
    PersonFilterForm,
    WhoDoesWhatFilterForm,
)
from apps.directory.models import (
    JoinRequest,
    Organisation,
    OrganisationStatus,
    Person,
    PersonCategory,
)
from apps.themes.models import Theme

ORGS_PER_PAGE_CARDS = 24
ORGS_PER_PAGE_TABLE = 50
PEOPLE_PER_PAGE = 30
TROMBI_PER_PAGE = 48
WDW_PER_PAGE = 40


def paginate(request, qs, per_page: int):
    """A page of `qs` ({% pagination page_obj %} renders its links)."""
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(request.GET.get("page"))
    return page


def is_partial(request, target: str) -> bool:
    """htmx asked only for the results block (not a history restore, which wants the full page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request and htmx.target == target


def render_with_partial(request, full_template, partial_template, context, *, target="results"):
    template = partial_template if is_partial(request, target) else full_template
    response = render(request, template, context)
    # The same URL answers a full page or a fragment: caches must keep them apart.
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Organisations --------------------------------------------------------------------------------


@require_GET
def organisation_list(request):
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    view_mode = "tableau" if request.GET.get("vue") == "tableau" else "cartes"
    per_page = ORGS_PER_PAGE_TABLE if view_mode == "tableau" else ORGS_PER_PAGE_CARDS
    page = paginate(request, selectors.organisation_list(request.user, filters), per_page)
    context = {
        "title": "Annuaire des organisations",
        "breadcrumb": [("Annuaire", None)],
        "form": form,
        "page_obj": page,
        # The cards' values, computed once (the table view reads the organisations themselves).
        "cards": selectors.organisation_cards(page.object_list) if view_mode == "cartes" else [],
        "view_mode": view_mode,
        "has_filters": bool(filters),
        "query": _query_without_page(request),
    }
    return render_with_partial(
        request, "directory/organisation_list.html", "directory/includes/organisation_results.html", context
    )


def get_visible_organisation(request, slug) -> Organisation:
    return perms.access_organisation(request.user, slug)


@require_GET
def organisation_detail(request, slug):
    organisation = get_visible_organisation(request, slug)
    user = request.user
    pending_request = None
    if user.is_authenticated:
        pending_request = JoinRequest.objects.filter(
            organisation=organisation,
            requested_by=user,
            kind=JoinRequest.Kind.MEMBERSHIP,
            status=JoinRequest.Status.PENDING,
        ).first()
    context = {
        "title": organisation.name,
        "breadcrumb": [("Annuaire", _url("directory:organisation_list")), (organisation.name, None)],
        "organisation": organisation,
        "themes": organisation.themes.active(),
        "need_themes": organisation.need_themes.active(),
        "engagements": organisation.engagements.order_by("kind"),
        "memberships": selectors.organisation_people(organisation),
        "territory_url": _territory_url(organisation.territory),
        "may_edit": perms.can_edit_organisation(user, organisation),
        "may_manage": perms.can_manage_members(user, organisation),
        "may_merge": perms.can_merge_organisations(user, organisation),
        "may_request": perms.can_request_membership(user, organisation) and pending_request is None,
        "pending_request": pending_request,
    }
    return render(request, "directory/organisation_detail.html", context)


def _url(name, **kwargs):
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


def _territory_url(territory):
    """Link to the territory page once the territories app provides it."""
    if territory is None:
        return None
    return territory.get_absolute_url()


# --- People ---------------------------------------------------------------------------------------


@require_GET
def person_list(request):
    form = PersonFilterForm(request.GET)
    filters = form.filters()
    page = paginate(request, selectors.person_list(request.user, filters), PEOPLE_PER_PAGE)
    context = {
        "title": "Annuaire des personnes",
        "breadcrumb": [("Annuaire", _url("directory:organisation_list")), ("Personnes", None)],
        "form": form,
        "page_obj": page,
        "has_filters": bool(filters),
        "query": _query_without_page(request),
    }
    return render_with_partial(
        request, "directory/person_list.html", "directory/includes/person_results.html", context
    )


@require_GET
def person_detail(request, slug):
    person = get_object_or_404(
        Person.objects.prefetch_related("themes", "resource_themes").select_related("user"), slug=slug
    )
    if not perms.can_view_person(request.user, person):
        raise Http404("Personne introuvable.")
    memberships = person.memberships.select_related("organisation", "organisation__territory").order_by(
        "organisation__search_name"
    )
    if not perms.is_animator(request.user):
        memberships = memberships.filter(organisation__status=OrganisationStatus.ACTIVE)
    context = {
        "title": person.full_name,
        "breadcrumb": [
            ("Annuaire", _url("directory:organisation_list")),
            ("Personnes", _url("directory:person_list")),
            (person.full_name, None),
        ],
        "person": person,
        "memberships": memberships,
        "show_contact": perms.can_see_contact(request.user, person),
        "is_self": request.user.is_authenticated and person.user_id == request.user.pk,
        "may_edit": perms.can_edit_person(request.user, person),
    }
    return render(request, "directory/person_detail.html", context)


@require_GET
def trombinoscope(request):
    form = PersonFilterForm(request.GET)
    filters = form.filters()
    # Strictly consenting people: the trombinoscope is a public showcase, even for animators.
    qs = selectors.person_list(request.user, filters, base=Person.objects.listed()).order_by(
        "category", "search_name"
    )
    page = paginate(request, qs, TROMBI_PER_PAGE)
    categories = dict(PersonCategory.choices)
    groups = []
    for person in page.object_list:
        if not groups or groups[-1]["code"] != person.category:
            groups.append({"code": person.category, "label": categories.get(person.category), "people": []})
        groups[-1]["people"].append(person)
    context = {
        "title": "Trombinoscope",
        "breadcrumb": [("Annuaire", _url("directory:organisation_list")), ("Trombinoscope", None)],
        "form": form,
        "page_obj": page,
        "groups": groups,
        "has_filters": bool(filters),
        "query": _query_without_page(request),
    }
    return render_with_partial(
        request, "directory/trombinoscope.html", "directory/includes/trombinoscope_results.html", context
    )


# --- Map ------------------------------------------------------------------------------------------


@require_GET
def members_map(request):
    form = OrganisationFilterForm(request.GET)
    filters = form.filters()
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("vue", None)
    context = {
        "title": "Carte des membres",
        "breadcrumb": [("Annuaire", _url("directory:organisation_list")), ("Carte des membres", None)],
        "form": form,
        "counts": selectors.map_counts(filters),
        "query": query.urlencode(),
        "has_filters": bool(filters),
    }
    return render_with_partial(
        request, "directory/map.html", "directory/includes/map_counts.html", context, target="map-counts"
    )


@require_GET
def map_data(request):
    form = OrganisationFilterForm(request.GET)
    response = HttpResponse(selectors.map_points_json(form.filters()), content_type="application/json")
    patch_cache_control(response, public=True, max_age=60)
    return response


@require_GET
def map_popup(request, pk):
    organisation = get_object_or_404(
        Organisation.objects.active()
        .select_related("territory")
        .only(
            "name",
            "slug",
            "type",
            "latitude",
            "longitude",
            "territory__name",
            "territory__kind",
            "territory__code",
            "territory__latitude",
            "territory__longitude",
        ),
        pk=pk,
    )
    data = {
        "name": organisation.name,
        "url": organisation.get_absolute_url(),
        "type": organisation.get_type_display(),
        "place": organisation.territory.label if organisation.territory else "",
        "approximate": organisation.coordinates_are_approximate,
    }
    response = JsonResponse(data)
    patch_cache_control(response, public=True, max_age=300)
    return response


# --- Qui fait quoi --------------------------------------------------------------------------------


@require_GET
def who_does_what(request):
    form = WhoDoesWhatFilterForm(request.GET)
    filters = form.filters()
    themes = list(Theme.objects.active().only("id", "name", "slug"))
    organisations = selectors.organisations_filtered(Organisation.objects.active(), filters).prefetch_related(
        Prefetch("themes", queryset=Theme.objects.active().only("id"), to_attr="active_themes")
    )
    page = paginate(request, organisations.select_related("territory"), WDW_PER_PAGE)
    rows = []
    for organisation in page.object_list:
        theme_ids = {t.id for t in organisation.active_themes}
        rows.append((organisation, [t.id in theme_ids for t in themes]))
    context = {
        "title": "Qui fait quoi",
        "breadcrumb": [("Annuaire", _url("directory:organisation_list")), ("Qui fait quoi", None)],
        "form": form,
        "themes": themes,
        "theme_counts": selectors.theme_counts(filters),
        "rows": rows,
        "page_obj": page,
        "has_filters": bool(filters),
        "query": _query_without_page(request),
    }
    return render_with_partial(
        request, "directory/who_does_what.html", "directory/includes/who_does_what_results.html", context
    )


@require_GET
def organisation_search(request):
    """The organisation picker's search (apps.core.widgets.SearchableSelectMultiple with a
    search_url): ?q=words or SIREN&page=N, JSON, French labels. Without JavaScript the form's
    plain <select> is used instead."""
    from apps.core import access
    from apps.core.params import object_id

    if (denied := access.deny_unless(request, perms.can_search_organisations(request.user))) is not None:
        return denied
    query = request.GET.get("q", "")[:100]
    page = object_id(request.GET.get("page")) or 1
    results, more = selectors.organisation_choices_search(query=query, page=min(page, 1000))
    response = JsonResponse({"results": results, "page": page, "more": more})
    response["Cache-Control"] = "private, max-age=60"
    return response
