from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.core import tabular
from apps.core.access import permitted
from apps.core.forms import pick
from apps.polls import perms, selectors, services
from apps.polls.forms import (
    DEFAULT_ROWS,
    MAX_OPTIONS,
    MORE_ROWS,
    CloseForm,
    CommentForm,
    PollForm,
    answer_values,
    row_count_from,
)
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
    if request.method == "POST" and "plus" in request.POST:
        # "Ajouter des lignes" without JavaScript: the same form, unbound (no error yet), longer.
        rows = min(MAX_OPTIONS, row_count_from(request.POST, DEFAULT_ROWS) + MORE_ROWS)
        form = PollForm(initial=request.POST.dict(), rows=rows)
    else:
        form = PollForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            poll = services.poll_create(
                user=request.user,
                **pick(data, "title", "description", "deadline", "hidden_answers", "options"),
            )
            messages.success(
                request, "Le sondage est créé : partagez son adresse avec les personnes concernées."
            )
            return redirect(poll)
    return render(
        request,
        "polls/form.html",
        {
            "title": "Nouveau sondage de dates",
            "breadcrumb": [POLLS, ("Nouveau sondage", None)],
            "form": form,
            "can_add_rows": form.row_count < MAX_OPTIONS,
        },
    )


# « si besoin », as on Framadate; stored values are those of AnswerValue.
ANSWER_CHOICES = [(AnswerValue.YES, "Oui"), (AnswerValue.MAYBE, "Si besoin"), (AnswerValue.NO, "Non")]


@login_required
def poll_detail(request, slug):
    return _render_detail(request, perms.access_poll(request.user, slug))


def _render_detail(request, poll, *, submitted=None, missing=frozenset(), status=200):
    data = selectors.results(poll)
    see_all = perms.can_see_answers(request.user, poll)
    mine = next((r for r in data["rows"] if r["answer"].user_id == request.user.pk), None)
    rows = data["rows"] if see_all else ([mine] if mine else [])
    # Nothing is pre-set: a first answer starts empty; a second one starts from the first.
    my_values = dict(zip([o.pk for o in data["options"]], mine["cells"], strict=True)) if mine else {}
    if submitted is not None:
        my_values = submitted
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
            "answer_days": [
                {
                    "label": day["label"],
                    "items": [
                        {
                            "option": item["option"],
                            "value": my_values.get(item["option"].pk, ""),
                            "missing": item["option"].pk in missing,
                        }
                        for item in day["items"]
                    ],
                }
                for day in data["days"]
            ],
            "missing_count": len(missing),
            "choices": ANSWER_CHOICES,
            "answered": mine is not None,
            "comments": poll.comments.select_related("user"),
            "comment_form": CommentForm(),
            "can_answer": perms.can_answer_poll(request.user, poll),
            "can_comment": perms.can_comment_poll(request.user, poll),
            "can_manage": perms.can_manage_poll(request.user, poll),
            "can_create_event": perms.can_create_event_from_poll(request.user, poll),
        },
        status=status,
    )


@login_required
@require_POST
def poll_answer(request, slug):
    poll = perms.access_poll(request.user, slug)
    if not perms.can_answer_poll(request.user, poll):
        messages.error(request, "Ce sondage n'accepte plus de réponse.")
        return redirect(poll)
    values, missing = answer_values(request.POST, poll.options.all())
    if missing:
        return _render_detail(request, poll, submitted=values, missing=missing, status=400)
    services.poll_answer_save(poll=poll, user=request.user, values=values)
    messages.success(request, "Votre réponse est enregistrée. Vous pouvez la modifier jusqu'à la clôture.")
    return redirect(poll)


@login_required
@require_POST
def poll_comment(request, slug):
    poll = permitted(request, perms.access_poll(request.user, slug), perms.can_comment_poll)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.poll_comment_add(poll=poll, user=request.user, text=form.cleaned_data["text"])
        messages.success(request, "Votre commentaire est publié.")
    else:
        messages.error(request, " ".join(form.errors.get("text", ["Commentaire invalide."])))
    return redirect(poll.get_absolute_url() + "#commentaires")


@login_required
def poll_close(request, slug):
    poll = perms.access_poll(request.user, slug)
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
    poll = permitted(request, perms.access_poll(request.user, slug), perms.can_create_event_from_poll)
    event = services.poll_event_create(poll=poll, user=request.user)
    messages.success(
        request, "Un brouillon d'événement est créé à la date retenue : complétez-le puis publiez-le."
    )
    return redirect(reverse("events:update", kwargs={"slug": event.slug}))


@login_required
def poll_export(request, slug):
    poll = permitted(request, perms.access_poll(request.user, slug), perms.can_manage_poll)
    data = selectors.results(poll)
    labels = dict(AnswerValue.choices)
    rows: list[list] = [["Personne", *[o.display for o in data["options"]]]]
    for row in data["rows"]:
        user = row["answer"].user
        rows.append(
            [f"{user.first_name} {user.last_name}".strip() or user.email, *[labels[c] for c in row["cells"]]]
        )
    rows.append(["Total oui", *[s["yes"] for s in data["summary"]]])
    rows.append(["Total si nécessaire", *[s["maybe"] for s in data["summary"]]])
    return tabular.csv_response(rows, filename=f"sondage-{poll.slug}.csv")
