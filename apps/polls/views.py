import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.polls import perms, selectors, services
from apps.polls.forms import CloseForm, CommentForm, PollForm
from apps.polls.models import AnswerValue, Poll

POLLS = ("Sondages de dates", "/sondages/")


@login_required
def poll_list(request):
    if not perms.can_view_poll(request.user):
        raise PermissionDenied
    qs = (
        Poll.objects.visible_to(request.user)
        .annotate(n_answers=Count("answers"))
        .select_related("final_option")
        .order_by("-created_at", "pk")
    )
    page_obj = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "polls/list.html",
        {
            "title": "Sondages de dates",
            "breadcrumb": [(POLLS[0], None)],
            "page_obj": page_obj,
            "polls": page_obj.object_list,
            "can_create": perms.can_create_poll(request.user),
        },
    )


@login_required
def poll_create(request):
    if not perms.can_create_poll(request.user):
        raise PermissionDenied
    form = PollForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        poll = services.poll_create(form=form, user=request.user)
        messages.success(request, "Le sondage est créé : partagez son adresse avec les personnes concernées.")
        return redirect(poll)
    return render(
        request,
        "polls/form.html",
        {"title": "Nouveau sondage de dates", "breadcrumb": [POLLS, ("Nouveau sondage", None)], "form": form},
    )


def _get(request, slug):
    poll = get_object_or_404(Poll.objects.select_related("final_option", "event", "created_by"), slug=slug)
    if not perms.can_view_poll(request.user, poll):
        raise PermissionDenied
    return poll


@login_required
def poll_detail(request, slug):
    poll = _get(request, slug)
    data = selectors.results(poll)
    see_all = perms.can_see_answers(request.user, poll)
    mine = next((r for r in data["rows"] if r["answer"].user_id == request.user.pk), None)
    rows = data["rows"] if see_all else ([mine] if mine else [])
    my_values = dict(zip([o.pk for o in data["options"]], mine["cells"], strict=True)) if mine else {}
    return render(
        request,
        "polls/detail.html",
        {
            "title": poll.title,
            "breadcrumb": [POLLS, (poll.title, None)],
            "poll": poll,
            **data,
            "rows": rows,
            "see_all": see_all,
            "answer_options": [
                {"option": o, "value": my_values.get(o.pk, AnswerValue.NO)} for o in data["options"]
            ],
            "choices": AnswerValue.choices,
            "comments": poll.comments.select_related("user"),
            "comment_form": CommentForm(),
            "can_answer": perms.can_answer_poll(request.user, poll),
            "can_comment": perms.can_comment_poll(request.user, poll),
            "can_manage": perms.can_manage_poll(request.user, poll),
            "can_create_event": perms.can_create_event_from_poll(request.user, poll),
        },
    )


@login_required
@require_POST
def poll_answer(request, slug):
    poll = _get(request, slug)
    if not perms.can_answer_poll(request.user, poll):
        messages.error(request, "Ce sondage n'accepte plus de réponse.")
        return redirect(poll)
    values = {}
    for option in poll.options.all():
        values[option.pk] = request.POST.get(f"option-{option.pk}", AnswerValue.NO)
    services.poll_answer_save(poll=poll, user=request.user, values=values)
    messages.success(request, "Votre réponse est enregistrée. Vous pouvez la modifier jusqu'à la clôture.")
    return redirect(poll)


@login_required
@require_POST
def poll_comment(request, slug):
    poll = _get(request, slug)
    if not perms.can_comment_poll(request.user, poll):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        services.poll_comment_add(poll=poll, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Votre commentaire est publié.")
    else:
        messages.error(request, " ".join(form.errors.get("text", ["Commentaire invalide."])))
    return redirect(poll.get_absolute_url() + "#commentaires")


@login_required
def poll_close(request, slug):
    poll = _get(request, slug)
    if not perms.can_manage_poll(request.user, poll) or poll.is_closed:
        raise PermissionDenied
    form = CloseForm(request.POST or None, poll=poll)
    if request.method == "POST" and form.is_valid():
        services.poll_close(poll=poll, final_option=form.cleaned_data["final_option"], by=request.user)
        messages.success(request, "Le sondage est clos. Les personnes qui ont répondu sont prévenues.")
        return redirect(poll)
    summary = selectors.results(poll)["summary"]
    return render(
        request,
        "polls/close.html",
        {
            "title": f"Clore « {poll.title} »",
            "breadcrumb": [POLLS, (poll.title, poll.get_absolute_url()), ("Clore", None)],
            "poll": poll,
            "form": form,
            "summary": summary,
        },
    )


@login_required
@require_POST
def poll_to_event(request, slug):
    poll = _get(request, slug)
    if not perms.can_create_event_from_poll(request.user, poll):
        raise PermissionDenied
    event = services.poll_event_create(poll=poll, user=request.user)
    messages.success(
        request, "Un brouillon d'événement est créé à la date retenue : complétez-le puis publiez-le."
    )
    return redirect(reverse("events:update", kwargs={"slug": event.slug}))


@login_required
def poll_export(request, slug):
    poll = _get(request, slug)
    if not perms.can_manage_poll(request.user, poll):
        raise PermissionDenied
    data = selectors.results(poll)
    labels = dict(AnswerValue.choices)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sondage-{poll.slug}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Personne", *[o.display for o in data["options"]]])
    for row in data["rows"]:
        user = row["answer"].user
        writer.writerow(
            [f"{user.first_name} {user.last_name}".strip() or user.email, *[labels[c] for c in row["cells"]]]
        )
    writer.writerow(["Total oui", *[s["yes"] for s in data["summary"]]])
    writer.writerow(["Total si nécessaire", *[s["maybe"] for s in data["summary"]]])
    return response
