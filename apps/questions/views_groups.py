"""Questions in a group's pages: a discussion turned into a question to the whole network, the
questions asked in the group listed on its page. They live here, with the questions: groups
imports no content app (docs/architecture.md)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string

from apps.accounts.perms import is_member
from apps.core.access import login_unless
from apps.core.forms import pick
from apps.directory.selectors import chip_prefetch
from apps.groups import perms as group_perms
from apps.groups.models import Discussion
from apps.questions import services
from apps.questions.forms import QuestionForm
from apps.questions.models import Question

members_only = login_unless(is_member)


def group_questions_section(*, request, group) -> str:
    """Registered in `apps.groups.hooks` (QuestionsConfig.ready): the group page lists the questions
    asked inside the group before discussions existed, so that they stay readable. Called only for
    those who may read the group's content."""
    questions = (
        Question.objects.visible_to(request.user)
        .filter(group=group)
        .select_related("author")
        .prefetch_related("themes", *chip_prefetch("author"))
    )
    page = Paginator(questions, 20).get_page(request.GET.get("questions"))
    if not page.object_list:
        return ""
    return render_to_string("questions/includes/group_questions.html", {"page_obj": page}, request=request)


@members_only
def question_from_discussion(request, pk):
    """The author reviews the public text (prefilled from the discussion) before it is published."""
    discussion = get_object_or_404(Discussion.objects.select_related("group", "question"), pk=pk)
    if not group_perms.can_view_discussion(request.user, discussion):
        # 404, not 403: a closed group's discussions are themselves confidential.
        raise Http404("Discussion introuvable.")
    if not group_perms.can_turn_into_question(request.user, discussion):
        raise PermissionDenied("Seule la personne qui a lancé la discussion peut en faire une question.")
    first = discussion.messages.order_by("created_at", "pk").first()
    initial = {
        "title": discussion.subject if len(discussion.subject) >= 10 else "",
        "body": first.body if first else "",
        "themes": discussion.group.themes.all(),
    }
    form = QuestionForm(request.POST or None, user=request.user, initial=initial, with_links=False)
    del form.fields["files"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        question = services.question_create_from_discussion(
            discussion=discussion,
            by=request.user,
            **pick(data, "title", "body", "themes", "territory"),
        )
        messages.success(
            request, "Votre question est posée à tout le réseau ; la discussion reste dans le groupe."
        )
        return redirect(question)
    group = discussion.group
    return render(
        request,
        "questions/from_discussion.html",
        {
            "title": "Poser cette discussion comme question au réseau",
            "breadcrumb": [
                ("Groupes", "/groupes/"),
                (group.name, group.get_absolute_url()),
                (discussion.subject, discussion.get_absolute_url()),
                ("Question au réseau", None),
            ],
            "discussion": discussion,
            "form": form,
        },
    )
