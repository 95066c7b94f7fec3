"""Discussions of a group: start one, read and answer it (turning one into a public question is
apps.questions.views_discussions: groups imports no content app)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from apps.core.access import permitted
from apps.directory.selectors import chip_prefetch
from apps.groups import perms, services
from apps.groups.forms import DiscussionForm, MessageForm
from apps.groups.models import DiscussionMessage
from apps.groups.views import CRUMB, members_only


@members_only
def discussion_create(request, slug):
    group = permitted(
        request,
        perms.access_group_content(request.user, slug),
        perms.can_start_discussion,
        "Vous ne pouvez pas lancer de discussion ici.",
    )
    form = DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        discussion = services.discussion_create(
            group=group,
            author=request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
        )
        messages.success(request, "La discussion est lancée : les membres du groupe en sont prévenus.")
        return redirect(discussion)
    return render(
        request,
        "groups/discussion_form.html",
        {
            "title": f"Lancer une discussion dans « {group.name} »",
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), ("Nouvelle discussion", None)],
            "group": group,
            "form": form,
        },
    )


@members_only
def discussion_detail(request, slug, pk):
    discussion = perms.access_discussion(request.user, slug, pk)
    group = discussion.group
    can_reply = perms.can_reply_discussion(request.user, discussion)
    form = MessageForm(request.POST or None)
    reply_to, reply_errors = "", []
    if request.method == "POST":
        if not can_reply:
            raise PermissionDenied("Vous ne pouvez pas écrire dans cette discussion.")
        if form.is_valid():
            parent = None
            if parent_pk := form.cleaned_data.get("parent"):
                parent = get_object_or_404(DiscussionMessage, discussion=discussion, pk=parent_pk)
            message = services.discussion_message_post(
                discussion=discussion, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
            messages.success(request, "Votre message est publié.")
            return redirect(message.get_absolute_url())
        if form.data.get("parent"):
            # The error belongs to the reply form of that thread; the main form starts empty.
            reply_to, reply_errors = str(form.data["parent"]), form.errors.get("body", [])
            form = MessageForm()
    replies = DiscussionMessage.objects.select_related("author").prefetch_related(*chip_prefetch("author"))
    threads = (
        discussion.messages.filter(parent__isnull=True)
        .select_related("author")
        .prefetch_related(*chip_prefetch("author"), Prefetch("replies", queryset=replies))
    )
    return render(
        request,
        "groups/discussion_detail.html",
        {
            "title": discussion.subject,
            "breadcrumb": [CRUMB, (group.name, group.get_absolute_url()), (discussion.subject, None)],
            "group": group,
            "discussion": discussion,
            "threads": threads,
            "form": form,
            "reply_to": reply_to,
            "reply_errors": reply_errors,
            "can_reply": can_reply,
            "can_turn_into_question": perms.can_turn_into_question(request.user, discussion),
        },
    )
