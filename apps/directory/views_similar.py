"""« Qui me ressemble » : organisations like this one, with the reasons criterion by criterion."""

from django.urls import reverse
from django.views.decorators.http import require_GET

from apps.directory.forms_similar import SimilarFilterForm
from apps.directory.selectors_similar import similar_context, similar_page
from apps.directory.views import get_visible_organisation, render_with_partial


@require_GET
def organisation_similar(request, slug):
    organisation = get_visible_organisation(request, slug)
    context = similar_context(organisation, user=request.user)
    subject, needs = context.subject, context.needs
    form = SimilarFilterForm(
        request.GET or None, sized=subject.sized, has_region=subject.region_id is not None
    )
    page = similar_page(
        organisation,
        user=request.user,
        filters=form.filters(),
        page_number=request.GET.get("page"),
        context=context,
    )
    from apps.themes.models import Theme

    need_names = dict(Theme.objects.filter(pk__in=needs.all).values_list("pk", "name"))
    return render_with_partial(
        request,
        "directory/similar/page.html",
        "directory/similar/results.html",
        {
            "title": f"Qui ressemble à {organisation.name}",
            "breadcrumb": [
                ("Annuaire", reverse("directory:organisation_list")),
                (organisation.name, organisation.get_absolute_url()),
                ("Qui lui ressemble", None),
            ],
            "organisation": organisation,
            "subject": subject,
            "form": form,
            "page_obj": page,
            "declared_needs": sorted(need_names[i] for i in needs.declared if i in need_names),
            "question_needs": sorted(
                need_names[i] for i in needs.from_questions - needs.declared if i in need_names
            ),
            "has_filters": form.active_count > 0,
        },
        target="similar-results",
    )
