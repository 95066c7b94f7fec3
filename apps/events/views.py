import json
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from apps.core import access, tabular
from apps.core.access import permitted
from apps.core.confirm import confirm_action
from apps.core.forms import pick
from apps.core.markdown import markdown_to_text
from apps.directory.models import Organisation
from apps.events import perms, selectors, services, services_registrations
from apps.events.forms import AgendaFilterForm, EventForm, FollowupItemForm, PartnerFeedForm, RegistrationForm
from apps.events.ical import absolute, build_calendar
from apps.events.models import (
    Audience,
    Event,
    FeedToken,
    FollowupItem,
    PartnerFeed,
    Registration,
    RegistrationStatus,
)
from apps.groups.models import Group
from apps.themes.models import Theme

PAGE_SIZE = 20
AGENDA = ("Agenda", "/agenda/")
MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
FEED_LIMIT = 200


def _event_or_404(request, slug, qs=None) -> Event:
    """A private group's event does not exist for outsiders: 404, never 403, on every URL."""
    event = get_object_or_404(
        qs if qs is not None else Event.objects.select_related("audience_group"), slug=slug
    )
    if event.audience == Audience.GROUP and not perms.can_view_event(request.user, event):
        raise Http404("Événement introuvable.")
    return event


def _page(request, qs):
    return Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))


def _agenda_page(request, *, past: bool):
    form = AgendaFilterForm(request.GET or None)
    filters = form.filters()
    page_obj = _page(request, selectors.agenda(user=request.user, filters=filters, past=past))
    title = "Archives de l'agenda" if past else "Agenda du réseau"
    today = timezone.localdate()
    context = {
        "title": title,
        "breadcrumb": [AGENDA, (title, None)] if past else [(AGENDA[0], None)],
        "form": form,
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "past": past,
        "can_create": perms.can_create_event(request.user),
        "can_manage_feeds": perms.can_manage_partner_feeds(request.user),
        "month_url": reverse("events:month", kwargs={"year": today.year, "month": today.month}),
        "members_only_count": 0 if past else selectors.members_only_upcoming_count(user=request.user),
    }
    if request.htmx and request.htmx.target == "event-results":
        return render(request, "events/includes/results.html", context)
    return render(request, "events/agenda.html", context)


def agenda(request):
    return _agenda_page(request, past=False)


def archive(request):
    return _agenda_page(request, past=True)


def month(request, year: int, month: int):
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404("Mois inconnu.")
    form = AgendaFilterForm(request.GET or None)
    weeks = selectors.month_grid(user=request.user, year=year, month=month, filters=form.filters())
    prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_year, next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    label = f"{MONTHS[month - 1]} {year}"
    query = request.GET.urlencode()
    suffix = f"?{query}" if query else ""
    return render(
        request,
        "events/month.html",
        {
            "title": f"Agenda — {label}",
            "breadcrumb": [AGENDA, (label.capitalize(), None)],
            "form": form,
            "weeks": weeks,
            "month_label": label,
            "today": timezone.localdate(),
            "prev_url": reverse("events:month", kwargs={"year": prev_year, "month": prev_month}) + suffix,
            "next_url": reverse("events:month", kwargs={"year": next_year, "month": next_month}) + suffix,
            "days": ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"],
        },
    )


def _jsonld(request, event) -> str:
    """schema.org Event: https://schema.org/Event (Google's rich results use the same fields)."""
    online, in_person = event.is_online, event.is_in_person
    mode = "Mixed" if online and in_person else ("Online" if online else "Offline")
    locations = []
    if in_person:
        place = {"@type": "Place", "name": event.place_name or str(event.territory or "")}
        if event.address:
            place["address"] = event.address
        if event.has_coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": event.latitude,
                "longitude": event.longitude,
            }
        locations.append(place)
    if online:
        # The connection link is for registrants only: the public page stands for it.
        locations.append(
            {"@type": "VirtualLocation", "url": request.build_absolute_uri(event.get_absolute_url())}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.local_start.isoformat(),
        "endDate": event.local_end.isoformat(),
        "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
        "eventStatus": "https://schema.org/EventCancelled"
        if event.is_cancelled
        else "https://schema.org/EventScheduled",
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "description": event.summary or markdown_to_text(event.description)[:500],
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [
            {"@type": "Organization", "name": o.name, "url": request.build_absolute_uri(o.get_absolute_url())}
            for o in event.organisers.all()
        ],
        "performer": [{"@type": "Person", "name": p.full_name} for p in event.speakers.all()],
    }
    if event.capacity is not None:
        data["maximumAttendeeCapacity"] = event.capacity
    # Escape "<" so that no text can close the <script> element.
    return mark_safe(json.dumps(data, ensure_ascii=False).replace("<", "\\u003c"))


def detail(request, slug):
    event = _event_or_404(
        request,
        slug,
        Event.objects.select_related("territory", "source", "audience_group").prefetch_related(
            "organisers", "co_organisers", "speakers__memberships__organisation", "themes"
        ),
    )
    # Drafts and events restricted to another category of actors: 404, never 403.
    access.ensure(request, perms.can_view_event(request.user, event), "Événement introuvable.")
    registration = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=request.user).first()
    group_feeds = None
    if event.audience == Audience.GROUP and perms.can_use_group_feed(request.user, event.audience_group):
        token = selectors.feed_token_of(user=request.user)
        group_feeds = _group_feed_urls(token, event.audience_group) if token else {"missing": True}
    return render(
        request,
        "events/detail.html",
        {
            "title": event.title,
            "breadcrumb": [AGENDA, (event.title, None)],
            "event": event,
            "registration": registration,
            "seats": selectors.seats(event),
            "jsonld": _jsonld(request, event),
            "registration_form": RegistrationForm(event=event),
            "can_register": perms.can_register(request.user, event),
            "can_edit": perms.can_edit_event(request.user, event),
            "can_manage": perms.can_manage_participants(request.user, event),
            "group_feeds": group_feeds,
        },
    )


def _group_feed_urls(token: FeedToken, group) -> dict:
    kwargs = {"group_slug": group.slug, "token": token.token}
    return {
        "group": group,
        "ics": absolute(reverse("events:feed_group_ical", kwargs=kwargs)),
        "rss": absolute(reverse("events:feed_group_rss", kwargs=kwargs)),
    }


@login_required
def create(request):
    if not perms.can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = services.event_create(by=request.user, data=form.cleaned_data)
        messages.success(request, f"L'événement « {event.title} » est enregistré.")
        return redirect(event)
    return render(
        request,
        "events/form.html",
        {"title": "Créer un événement", "breadcrumb": [AGENDA, ("Créer un événement", None)], "form": form},
    )


@login_required
def update(request, slug):
    event = permitted(request, _event_or_404(request, slug), perms.can_edit_event)
    old_capacity = event.capacity
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        event = services.event_update(event=event, data=form.cleaned_data)
        if event.capacity is None or (old_capacity is not None and event.capacity > old_capacity):
            promoted = services.event_capacity_update(event=event)
            if promoted:
                messages.info(request, f"{len(promoted)} personne(s) sortie(s) de la liste d'attente.")
        messages.success(request, "Les modifications ont été enregistrées.")
        return redirect(event)
    return render(
        request,
        "events/form.html",
        {
            "title": f"Modifier « {event.title} »",
            "breadcrumb": [AGENDA, (event.title, event.get_absolute_url()), ("Modifier", None)],
            "form": form,
            "event": event,
        },
    )


@login_required
def delete(request, slug):
    event = permitted(request, _event_or_404(request, slug), perms.can_edit_event)
    title = event.title
    return confirm_action(
        request,
        title=f"Supprimer « {title} »",
        breadcrumb=[AGENDA, (title, event.get_absolute_url()), ("Supprimer", None)],
        message="L'événement, ses inscriptions et son compte rendu seront définitivement supprimés.",
        button="Supprimer l'événement",
        cancel_url=event.get_absolute_url(),
        action=lambda: services.event_delete(event=event),
        success=f"L'événement « {title} » est supprimé.",
        done_url=reverse("events:agenda"),
        checkbox=True,
    )


@login_required
@require_POST
def register(request, slug):
    event = permitted(request, _event_or_404(request, slug), perms.can_register)
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        # Only the event's own questions can be invalid: the page shows them again with the errors.
        return render(
            request,
            "events/register.html",
            {
                "title": f"S'inscrire — {event.title}",
                "breadcrumb": [AGENDA, (event.title, event.get_absolute_url()), ("Inscription", None)],
                "event": event,
                "form": form,
            },
        )
    registration = services_registrations.registration_register(
        event=event,
        user=request.user,
        share_contact=form.cleaned_data.get("share_contact", False),
        answers=form.answers(),
    )
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(
            request, "Votre inscription est confirmée. Un courriel de confirmation vous est envoyé."
        )
    else:
        messages.info(
            request,
            "L'événement est complet : vous êtes sur la liste d'attente. Nous vous écrirons si une place se libère.",
        )
    return redirect(event)


@login_required
def unregister(request, slug):
    # Whoever holds a registration may cancel it, even after losing sight of the event (left its
    # group): the seat must not stay taken. Anyone else gets what the event page would answer.
    event = get_object_or_404(Event.objects.select_related("audience_group"), slug=slug)
    registration = (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )
    if registration is None or not perms.can_cancel_registration(request.user, registration):
        _event_or_404(request, slug)
        raise PermissionDenied
    visible = perms.can_view_event(request.user, event)
    back = event.get_absolute_url() if visible else reverse("events:my_registrations")
    return confirm_action(
        request,
        title="Annuler mon inscription",
        breadcrumb=[AGENDA, (event.title, back), ("Annuler mon inscription", None)],
        message=(
            f"Vous allez annuler votre inscription à « {event.title} ». "
            "Votre place sera proposée à la liste d'attente."
        ),
        button="Annuler mon inscription",
        cancel_url=back,
        action=lambda: services.registration_cancel(registration=registration),
        success="Votre inscription est annulée.",
        done_url=back,
        checkbox=True,
    )


@login_required
def participants(request, slug):
    event = permitted(request, _event_or_404(request, slug), perms.can_manage_participants)
    if request.method == "POST":
        # Only the rows of the submitted page: "attendance-<id>" = present / absent / "" (not recorded).
        values = {"present": True, "absent": False, "": None}
        marks = {
            int(key.removeprefix("attendance-")): values[value]
            for key, value in request.POST.items()
            if key.startswith("attendance-") and key.removeprefix("attendance-").isdigit() and value in values
        }
        services.attendance_record(event=event, marks=marks)
        present = Registration.objects.filter(
            event=event, status=RegistrationStatus.CONFIRMED, attended=True
        ).count()
        messages.success(request, f"Présences enregistrées : {present} personne(s) présente(s) au total.")
        page = request.POST.get("page", "")
        url = reverse("events:participants", args=[event.slug])
        return redirect(f"{url}?page={page}" if page.isdigit() else url)
    regs = _registrations(event)
    page_obj = Paginator(regs, 100).get_page(request.GET.get("page"))
    questions = list(event.registration_questions.all())
    for reg in page_obj.object_list:
        reg.organisation_name = _visible_organisation(reg)
        reg.answer_list = [question.display_answer(reg) for question in questions]
    return render(
        request,
        "events/participants.html",
        {
            "questions": questions,
            "can_manage_registrations": perms.can_manage_registrations(request.user, event),
            "title": f"Participants — {event.title}",
            "breadcrumb": [AGENDA, (event.title, event.get_absolute_url()), ("Participants", None)],
            "event": event,
            "page_obj": page_obj,
            "registrations": page_obj.object_list,
            "seats": selectors.seats(event),
            "attendance": selectors.attendance(event),
            "attendance_choices": [("present", "Présent·e"), ("absent", "Absent·e"), ("", "Non relevé")],
        },
    )


def _registrations(event):
    """The event's registrations but the cancelled ones, with their people and organisations, for
    the participants' list and its export."""
    return (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user", "user__person")
        .prefetch_related("user__person__memberships__organisation")
        .order_by("status", "created_at", "pk")
    )


def _visible_organisation(registration) -> str:
    """The participant's organisation, for the organisers: when the person agreed to pass it on
    when registering, or appears in the directory anyway (their organisations are public there)."""
    person = getattr(registration.user, "person", None)
    if person is None or person.is_removed:
        return ""
    if registration.share_contact or person.directory_consent:
        return _organisation_of(registration.user)
    return ""


def _organisation_of(user) -> str:
    person = getattr(user, "person", None)
    if person is None:
        return ""
    membership = next(iter(person.memberships.all()), None)
    return membership.organisation.name if membership else ""


@login_required
def participants_csv(request, slug):
    event = permitted(request, _event_or_404(request, slug), perms.can_manage_participants)
    questions = list(event.registration_questions.all())
    rows: list[list[str]] = [
        [
            "Prénom",
            "Nom",
            "Organisation",
            "Catégorie",
            "Adresse électronique",
            "Statut",
            "Présence",
            *[question.label for question in questions],
        ]
    ]
    regs = _registrations(event)
    for reg in regs:
        person = getattr(reg.user, "person", None)
        # Contact details only with the participant's consent, given when registering.
        rows.append(
            [
                reg.user.first_name,
                reg.user.last_name,
                _organisation_of(reg.user) if reg.share_contact else "",
                person.get_category_display() if person and reg.share_contact else "",
                reg.user.email if reg.share_contact else "non communiquée",
                reg.get_status_display(),
                {True: "présent·e", False: "absent·e", None: ""}[reg.attended],
                *[question.display_answer(reg) for question in questions],
            ]
        )
    return tabular.csv_response(rows, filename=f"participants-{event.slug}.csv")


def speakers(request):
    page_obj = _page(request, selectors.speakers())
    return render(
        request,
        "events/speakers.html",
        {
            "title": "Annuaire des intervenant·es",
            "breadcrumb": [AGENDA, ("Intervenant·es", None)],
            "page_obj": page_obj,
            "speakers": page_obj.object_list,
        },
    )


@login_required
def my_registrations(request):
    if not perms.can_use_private_feed(request.user):
        raise PermissionDenied
    if request.method == "POST" and request.POST.get("action") == "create":
        services.feed_token_create(user=request.user)
        messages.success(request, "Votre lien d'abonnement est créé.")
        return redirect("events:my_registrations")
    if request.method == "POST" and request.POST.get("action") == "regenerate":
        services.feed_token_regenerate(user=request.user)
        messages.success(request, "Une nouvelle adresse secrète a été créée ; l'ancienne ne fonctionne plus.")
        return redirect("events:my_registrations")
    token = selectors.feed_token_of(user=request.user)
    regs = (
        Registration.objects.filter(
            user=request.user,
            # Not the events of a group the person has left.
            event__in=Event.objects.outside_private_groups(request.user),
        )
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("event")
        .order_by("-event__start")
    )
    page_obj = _page(request, regs)
    groups = Group.objects.of_member(request.user).order_by("name")[:50]
    return render(
        request,
        "events/my_registrations.html",
        {
            "title": "Mes inscriptions",
            "breadcrumb": [AGENDA, ("Mes inscriptions", None)],
            "page_obj": page_obj,
            "registrations": page_obj.object_list,
            "private_feed_url": token
            and absolute(reverse("events:feed_private", kwargs={"token": token.token})),
            "group_feeds": [_group_feed_urls(token, group) for group in groups] if token else [],
        },
    )


@login_required
def partner_feeds(request):
    if not perms.can_manage_partner_feeds(request.user):
        raise PermissionDenied
    form = PartnerFeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        feed = services.partner_feed_create(
            by=request.user,
            **pick(form.cleaned_data, "name", "url", "organisation"),
        )
        messages.success(request, f"L'agenda de « {feed.name} » sera importé dans quelques instants.")
        return redirect("events:partner_feeds")
    page_obj = _page(request, PartnerFeed.objects.select_related("organisation"))
    return render(
        request,
        "events/partner_feeds.html",
        {
            "title": "Agendas partenaires",
            "breadcrumb": [AGENDA, ("Agendas partenaires", None)],
            "form": form,
            "page_obj": page_obj,
            "feeds": page_obj.object_list,
        },
    )


@login_required
def partner_feed_delete(request, pk):
    if not perms.can_manage_partner_feeds(request.user):
        raise PermissionDenied
    feed = get_object_or_404(PartnerFeed, pk=pk)
    return confirm_action(
        request,
        title=f"Retirer l'agenda « {feed.name} »",
        breadcrumb=[AGENDA, ("Agendas partenaires", reverse("events:partner_feeds")), ("Retirer", None)],
        message="Les événements importés de cet agenda seront retirés de l'agenda du réseau.",
        button="Retirer cet agenda",
        cancel_url=reverse("events:partner_feeds"),
        action=lambda: services.partner_feed_delete(feed=feed),
        success=f"L'agenda de « {feed.name} » et ses événements importés sont retirés.",
        done_url=reverse("events:partner_feeds"),
        checkbox=True,
    )


# ---- Feeds -------------------------------------------------------------------------------


def feeds_index(request):
    return render(
        request,
        "events/feeds.html",
        {
            "title": "S'abonner à l'agenda",
            "breadcrumb": [AGENDA, ("S'abonner", None)],
            "site_url": absolute(""),
            "themes": Theme.objects.active(),
        },
    )


def _feed_events(qs):
    return list(qs.order_by("-start").select_related("territory").prefetch_related("organisers")[:FEED_LIMIT])


def _ical_response(events, name: str) -> HttpResponse:
    response = HttpResponse(build_calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    return response


def _rss_response(request, events, title: str, link: str) -> HttpResponse:
    feed = Rss201rev2Feed(
        title=title,
        link=absolute(link),
        description=f"Événements : {title}",
        language="fr",
        feed_url=request.build_absolute_uri(),
    )
    for event in events:
        when = event.local_start.strftime("%d/%m/%Y %H:%M")
        feed.add_item(
            title=f"{event.title} — {when}",
            link=absolute(event.get_absolute_url()),
            description=event.summary or markdown_to_text(event.description)[:500],
            unique_id=absolute(event.get_absolute_url()),
            unique_id_is_permalink=True,
            pubdate=event.created_at,
            updateddate=event.updated_at,
            categories=[event.get_kind_display()],
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/rss+xml; charset=utf-8")


def _scoped(scope, slug):
    """Public events of the whole agenda, of a theme or of an organisation (organiser or co-)."""
    qs = Event.objects.public()
    if scope == "agenda":
        return qs, "Agenda du réseau", reverse("events:agenda")
    if scope == "thematique":
        theme = get_object_or_404(Theme, slug=slug)
        return (
            qs.filter(themes=theme),
            f"Agenda — {theme.name}",
            reverse("events:agenda") + f"?theme={theme.slug}",
        )
    if scope != "organisation":
        raise Http404("Flux inconnu.")
    organisation = get_object_or_404(Organisation.objects.active(), slug=slug)
    qs = qs.filter(pk__in=Event.objects.filter(organisers=organisation).values("pk")) | qs.filter(
        pk__in=Event.objects.filter(co_organisers=organisation).values("pk")
    )
    return qs, f"Agenda — {organisation.name}", organisation.get_absolute_url()


def feed_ical(request, scope="agenda", slug=None):
    qs, name, _ = _scoped(scope, slug)
    return _ical_response(_feed_events(qs), name)


def feed_rss(request, scope="agenda", slug=None):
    qs, name, link = _scoped(scope, slug)
    return _rss_response(request, _feed_events(qs), name, link)


def feed_private(request, token):
    """'My registrations' for calendar clients, which cannot log in: the secret token is the key."""
    feed_token = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if feed_token is None:
        raise Http404("Flux inconnu.")
    qs = Event.objects.outside_private_groups(feed_token.user).filter(
        registrations__user=feed_token.user,
        registrations__status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
    )
    response = _ical_response(_feed_events(qs), "Mes inscriptions")
    response["Cache-Control"] = "private, no-store"
    return response


def _group_feed(token, group_slug):
    """Published events of a private group, for calendar clients. The token names the person;
    the feed is served only while that person is an active member of the group, else 404."""
    feed_token = FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    group = Group.objects.filter(slug=group_slug).first()
    if feed_token is None or group is None or not perms.can_use_group_feed(feed_token.user, group):
        raise Http404("Flux inconnu.")
    qs = Event.objects.published().filter(audience=Audience.GROUP, audience_group=group)
    return group, _feed_events(qs)


def feed_group_ical(request, group_slug, token):
    group, events = _group_feed(token, group_slug)
    response = _ical_response(events, f"Agenda du groupe — {group.name}")
    response["Cache-Control"] = "private, no-store"
    return response


def feed_group_rss(request, group_slug, token):
    group, events = _group_feed(token, group_slug)
    response = _rss_response(request, events, f"Agenda du groupe — {group.name}", group.get_absolute_url())
    response["Cache-Control"] = "private, no-store"
    return response


def today_redirect(request):
    today = date.today()
    return redirect("events:month", year=today.year, month=today.month)


def event_ical(request, slug):
    """One event as an .ics file: "add to my calendar" (same UID as in the feeds, so no duplicate)."""
    event = _event_or_404(request, slug)
    access.ensure(request, perms.can_view_event(request.user, event), "Événement introuvable.")
    response = _ical_response([event], event.title)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@login_required
def followup(request, slug):
    """Replays, videos, links and photos of an event, managed by its editors."""
    event = permitted(request, _event_or_404(request, slug), perms.can_manage_followup)
    form = FollowupItemForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.followup_item_create(
            event=event,
            user=request.user,
            kind=data["kind"],
            title=data["title"],
            url=data.get("url") or "",
            photo=data.get("photo"),
            alt=data.get("alt", ""),
        )
        messages.success(request, f"« {data['title']} » est ajouté à la suite de l'événement.")
        return redirect("events:followup", slug=event.slug)
    return render(
        request,
        "events/followup.html",
        {
            "title": f"Replays, liens et photos — {event.title}",
            "breadcrumb": [
                AGENDA,
                (event.title, event.get_absolute_url()),
                ("Replays, liens et photos", None),
            ],
            "event": event,
            "items": event.followup_items.all(),
            "form": form,
        },
    )


@login_required
def followup_delete(request, slug, pk):
    event = permitted(request, _event_or_404(request, slug), perms.can_manage_followup)
    item = get_object_or_404(FollowupItem, pk=pk, event=event)
    back = reverse("events:followup", args=[event.slug])
    return confirm_action(
        request,
        title=f"Retirer « {item.title} »",
        breadcrumb=[AGENDA, (event.title, event.get_absolute_url()), ("Retirer un élément", None)],
        message="L'élément (et sa photo le cas échéant) sera définitivement retiré de l'événement.",
        button="Retirer",
        cancel_url=back,
        action=lambda: services.followup_item_delete(item=item),
        success=f"« {item.title} » est retiré.",
        done_url=back,
        checkbox=True,
    )
