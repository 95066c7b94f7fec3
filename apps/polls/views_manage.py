"""Editing a poll and its invitees: its author and the animation team (perms.can_manage_poll)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from apps.core.access import permitted
from apps.core.forms import pick
from apps.polls import perms, services
from apps.polls.forms import InviteesForm, PollEditForm
from apps.polls.models import Poll, PollInvitee
from apps.polls.views import POLLS


def _poll(request, slug) -> Poll:
    poll = permitted(
        request,
        get_object_or_404(Poll, slug=slug),
        perms.can_manage_poll,
        "Réservé à la personne qui a créé le sondage et à l'équipe d'animation.",
    )
    return poll


@login_required
@require_http_methods(["GET", "POST"])
def poll_edit(request, slug):
    poll = _poll(request, slug)
    if poll.is_closed:
        messages.info(request, "Ce sondage est clos : il ne se modifie plus.")
        return redirect(poll)
    initial = {
        "title": poll.title,
        "description": poll.description,
        "deadline": poll.deadline,
        "hidden_answers": poll.hidden_answers,
    }
    form = PollEditForm(request.POST or None, initial=initial, poll=poll)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.poll_update(
                poll=poll,
                **pick(data, "title", "description", "deadline", "hidden_answers", "new_options"),
                removed_options=list(data["removed_options"]),
            )
        except services.PollError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Le sondage est modifié.")
            return redirect(poll)
    return render(
        request,
        "polls/edit.html",
        {
            "title": f"Modifier le sondage « {poll.title} »",
            "breadcrumb": [POLLS, (poll.title, poll.get_absolute_url()), ("Modifier", None)],
            "poll": poll,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_invitees(request, slug):
    poll = _poll(request, slug)
    form = InviteesForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        users, unknown = form.people()
        added = services.poll_invitees_add(poll=poll, users=users, invited_by=request.user)
        messages.success(
            request, f"{added} personne{'s' if added > 1 else ''} ajoutée{'s' if added > 1 else ''}."
        )
        if unknown:
            messages.warning(
                request,
                "Sans compte actif sur le site, donc non ajoutées : " + ", ".join(unknown[:20]) + ".",
            )
        return redirect("polls:invitees", slug=poll.slug)
    answered = set(poll.answers.values_list("user_id", flat=True))
    invitees = list(poll.invitees.select_related("user", "user__person"))
    for invitee in invitees:
        invitee.has_answered = invitee.user_id in answered
    return render(
        request,
        "polls/invitees.html",
        {
            "title": f"Personnes invitées — {poll.title}",
            "breadcrumb": [POLLS, (poll.title, poll.get_absolute_url()), ("Personnes invitées", None)],
            "poll": poll,
            "form": form,
            "invitees": invitees,
            "answered_count": sum(1 for invitee in invitees if invitee.has_answered),
        },
    )


@login_required
@require_POST
def poll_invitee_remove(request, slug, pk):
    poll = _poll(request, slug)
    invitee = get_object_or_404(PollInvitee.objects.select_related("user"), pk=pk, poll=poll)
    services.poll_invitee_remove(invitee=invitee)
    messages.success(request, f"{invitee.user} ne fait plus partie des personnes invitées.")
    return redirect(reverse("polls:invitees", kwargs={"slug": poll.slug}))
