from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from apps.notifications import perms, services
from apps.notifications.forms import PreferencesForm
from apps.notifications.models import Kind, Notification, Preference

CRUMB = ("Notifications", "/notifications/")


def notification_list(request):
    if not perms.can_view_notifications(request.user):
        return redirect_to_login(request.get_full_path())
    qs = Notification.objects.for_user(request.user)
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {
            "title": "Mes notifications",
            "breadcrumb": [("Mes notifications", None)],
            "page_obj": page,
            "unread": qs.unread().count(),
        },
    )


@require_http_methods(["GET", "POST"])
def notification_open(request, pk):
    """Follow a notification's link. Only the list's button (a POST) marks it read: a GET (a link
    opened in a new tab, a prefetch) writes nothing."""
    if not perms.can_view_notifications(request.user):
        return redirect_to_login(request.get_full_path())
    notification = get_object_or_404(Notification, pk=pk)
    if not perms.can_open(request.user, notification):
        raise Http404("Notification introuvable.")
    if request.method == "POST":
        services.notification_mark_read(user=request.user, notification=notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(notification.url)


@require_POST
def mark_all_read(request):
    if not perms.can_view_notifications(request.user):
        return redirect_to_login("/notifications/")
    count = services.notification_mark_read(user=request.user)
    messages.success(request, f"{count} notification(s) marquée(s) comme lue(s).")
    return redirect("notifications:list")


def preferences(request):
    if not perms.can_view_notifications(request.user):
        return redirect_to_login(request.get_full_path())
    current = dict(Preference.objects.filter(user=request.user).values_list("kind", "frequency"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for kind in Kind.values:
            services.preference_set(user=request.user, kind=kind, frequency=form.cleaned_data[kind])
        messages.success(request, "Vos préférences de notification sont enregistrées.")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {
            "title": "Préférences de notification",
            "breadcrumb": [CRUMB, ("Préférences", None)],
            "form": form,
        },
    )


def unsubscribe(request, token):
    """Works without login: the signed token names the person (and optionally one kind)."""
    data = services.unsubscribe_read(token)
    user = get_user_model().objects.filter(pk=data[0]).first() if data else None
    if user is None:
        return render(
            request,
            "notifications/unsubscribe.html",
            {"title": "Lien de désabonnement invalide", "invalid": True},
            status=400,
        )
    kind = data[1]
    done = False
    if request.method == "POST":
        services.unsubscribe_apply(user=user, kind=kind)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {
            "title": "Se désabonner des courriels",
            "kind_label": Kind(kind).label if kind else "",
            "done": done,
            "email": user.email,
        },
    )
