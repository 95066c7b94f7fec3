from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from apps.core import access
from apps.core.confirm import confirm_action
from apps.core.forms import pick
from apps.core.network import network_settings
from apps.mailing import audiences, perms, rendering, services
from apps.mailing.forms import (
    BlockForm,
    EditionCreateForm,
    EditionSettingsForm,
    PlaceMessageForm,
    ScheduleForm,
    SubscribeForm,
    audience_initial,
)
from apps.mailing.models import (
    Edition,
    EditionStatus,
    FailedAddress,
    Kind,
    Message,
    Status,
    SubscriptionStatus,
)

LETTERS = ("Lettres", "/lettres/")
SENT_LOG = ("Envois", "/envois/")


# ---------------------------------------------------------------------------------------------
# Archive, web page, feed


def edition_list(request):
    manager = perms.can_manage_letters(request.user)
    archive = Edition.objects.archive_for(request.user).order_by("-sent_at")
    page = Paginator(archive, 20).get_page(request.GET.get("page"))
    drafts = (
        Edition.objects.exclude(status=EditionStatus.SENT).order_by("-created_at")
        if manager
        else Edition.objects.none()
    )
    return render(
        request,
        "mailing/edition_list.html",
        {
            "title": "La lettre du réseau",
            "breadcrumb": [("Lettres", None)],
            "page_obj": page,
            "drafts": drafts,
            "can_manage": manager,
            "subscribe_form": SubscribeForm(),
            "subscribed": audiences.is_subscribed(request.user) if request.user.is_authenticated else None,
        },
    )


def edition_detail(request, slug):
    edition = get_object_or_404(Edition, slug=slug)
    denied = access.deny_unless(request, perms.can_view_edition(request.user, edition))
    if denied:
        return denied
    context = rendering.edition_context(edition, for_email=False)
    if not request.user.is_authenticated:
        context["blocks"] = [b for b in context["blocks"] if not b.get("members_only")]
    return render(
        request,
        "mailing/edition_detail.html",
        {
            **context,
            "title": edition.title,
            "breadcrumb": [LETTERS, (edition.title, None)],
            "can_manage": perms.can_manage_letters(request.user),
        },
    )


class EditionFeed(Feed):
    feed_type = Rss201rev2Feed
    description = "Les lettres d'information du réseau."

    def title(self):
        return f"La lettre — {network_settings().name}"

    def link(self):
        return reverse("mailing:list")

    def items(self):
        return Edition.objects.sent().filter(is_public=True).order_by("-sent_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        blocks = [b["title"] for b in item.blocks if not b.get("members_only")]
        return " · ".join(blocks)

    def item_pubdate(self, item):
        return item.sent_at


# ---------------------------------------------------------------------------------------------
# Drafting and sending (animators)


def _manager_or_deny(request):
    return access.deny_unless(request, perms.can_manage_letters(request.user))


def edition_create(request):
    if denied := _manager_or_deny(request):
        return denied
    form = EditionCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = None
        if data["period_start"]:
            start = timezone.make_aware(
                timezone.datetime.combine(data["period_start"], timezone.datetime.min.time())
            )
        edition = services.edition_create(
            **pick(data, "title", "theme", "territory"),
            period_start=start,
            created_by=request.user,
        )
        messages.success(request, "Le brouillon est prêt : réordonnez, retirez, complétez les blocs.")
        return redirect("mailing:edition_edit", edition.pk)
    return render(
        request,
        "mailing/edition_create.html",
        {"title": "Nouvelle lettre", "breadcrumb": [LETTERS, ("Nouvelle lettre", None)], "form": form},
    )


def edition_edit(request, pk):
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    if edition.status == EditionStatus.SENT:
        return redirect("mailing:message", edition.message_id) if edition.message_id else redirect(edition)
    form = EditionSettingsForm(
        request.POST or None,
        initial={
            "title": edition.title,
            "intro": edition.intro,
            "audience": audience_initial(edition),
            "is_public": edition.is_public,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.edition_update(
            edition=edition,
            **pick(form.cleaned_data, "title", "intro", "segment", "segment_value", "is_public"),
        )
        messages.success(request, "Lettre enregistrée.")
        return redirect("mailing:edition_edit", edition.pk)
    blocks = [
        {
            **block,
            "form": BlockForm(
                initial={"title": block["title"], "text": block.get("text", "")}, prefix=block["id"]
            ),
        }
        for block in edition.blocks
    ]
    return render(
        request,
        "mailing/edition_edit.html",
        {
            "title": f"Préparer : {edition.title}",
            "breadcrumb": [LETTERS, (edition.title, None)],
            "edition": edition,
            "form": form,
            "blocks": blocks,
            "new_block_form": BlockForm(prefix="new"),
            "schedule_form": ScheduleForm(),
            "recipient_count": len(audiences.recipients(edition.segment, edition.segment_value)),
            "segment_label": audiences.segment_label(edition.segment, edition.segment_value),
        },
    )


@require_POST
def edition_block(request, pk):
    """Every block action posts here: move up/down, remove, save text, add a text block, drop an item."""
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    action = request.POST.get("action", "")
    block_id = request.POST.get("block", "")
    try:
        if action in ("up", "down"):
            services.edition_block_move(
                edition=edition, block_id=block_id, offset=-1 if action == "up" else 1
            )
        elif action == "remove":
            removed = services.edition_block_remove(edition=edition, block_id=block_id)
            messages.success(request, f"Bloc « {removed['title']} » retiré.")
        elif action == "save":
            form = BlockForm(request.POST, prefix=block_id)
            if not form.is_valid():
                messages.error(request, "Le titre du bloc est obligatoire.")
            else:
                services.edition_block_update(edition=edition, block_id=block_id, **form.cleaned_data)
                messages.success(request, "Bloc enregistré.")
        elif action == "add":
            form = BlockForm(request.POST, prefix="new")
            if not form.is_valid():
                messages.error(request, "Donnez un titre au nouveau bloc.")
            else:
                services.edition_block_add(edition=edition, **form.cleaned_data)
                messages.success(request, "Bloc ajouté à la fin de la lettre.")
        elif action == "drop-item":
            position = request.POST.get("item", "")
            if not position.isdigit():
                raise services.EditionError("Cet élément n'existe plus.")
            services.edition_item_remove(edition=edition, block_id=block_id, position=int(position))
        elif action == "redraft":
            services.edition_redraft(edition=edition)
            messages.success(
                request, "Les blocs automatiques ont été recalculés (vos blocs de texte sont gardés)."
            )
        else:
            messages.error(request, "Action inconnue.")
    except services.EditionError as error:
        messages.error(request, str(error))
    anchor = f"#bloc-{block_id}" if block_id and action not in ("remove",) else ""
    return redirect(reverse("mailing:edition_edit", args=[edition.pk]) + anchor)


def edition_preview(request, pk):
    """The e-mail exactly as sent (placeholders shown as the first recipient would read them)."""
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    from apps.mailing.outbox import substitute

    _subject, text, html = rendering.edition_email(edition)
    sample = {"first_name": request.user.first_name, "unsubscribe_url": "#desinscription"}
    if request.GET.get("format") == "texte":
        return HttpResponse(substitute(text, sample), content_type="text/plain; charset=utf-8")
    return HttpResponse(substitute(html, sample, html=True))


@require_POST
def edition_test(request, pk):
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    services.edition_send_test(edition=edition, user=request.user)
    messages.success(request, f"Un envoi de test part vers {request.user.email}.")
    return redirect("mailing:edition_edit", edition.pk)


@require_POST
def edition_schedule(request, pk):
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    try:
        if request.POST.get("action") == "cancel":
            services.edition_unschedule(edition=edition)
            messages.success(request, "Envoi programmé annulé : la lettre est de nouveau un brouillon.")
        else:
            form = ScheduleForm(request.POST)
            if not form.is_valid():
                messages.error(request, "Indiquez une date et une heure d'envoi valides.")
            else:
                services.edition_schedule(edition=edition, when=form.cleaned_data["when"])
                messages.success(request, "Envoi programmé.")
    except services.EditionError as error:
        messages.error(request, str(error))
    return redirect("mailing:edition_edit", edition.pk)


def edition_send(request, pk):
    if denied := _manager_or_deny(request):
        return denied
    edition = get_object_or_404(Edition, pk=pk)
    if edition.status == EditionStatus.SENT:
        messages.info(request, "Cette lettre est déjà envoyée.")
        return redirect("mailing:message", edition.message_id)
    count = len(audiences.recipients(edition.segment, edition.segment_value))

    def send():
        try:
            return services.edition_send(edition=edition, by=request.user)
        except services.EditionError:
            return Edition.objects.get(pk=edition.pk).message

    return confirm_action(
        request,
        title=f"Envoyer « {edition.title} »",
        message=f"La lettre part vers {count} destinataire(s) : "
        f"{audiences.segment_label(edition.segment, edition.segment_value)}. L'envoi ne se défait pas.",
        button="Envoyer la lettre",
        cancel_url=reverse("mailing:edition_edit", args=[edition.pk]),
        action=send,
        success="La lettre est en cours d'envoi : suivez les remises ci-dessous.",
        done_url=lambda message: reverse("mailing:message", args=[message.pk]),
        breadcrumb=[
            LETTERS,
            (edition.title, reverse("mailing:edition_edit", args=[edition.pk])),
            ("Envoyer", None),
        ],
        checkbox=True,
    )


# ---------------------------------------------------------------------------------------------
# Subscriptions and consent (no login needed to leave)


def subscription(request):
    if request.user.is_authenticated:
        subscribed = audiences.is_subscribed(request.user)
        if request.method == "POST":
            subscribed = request.POST.get("subscribed") == "oui"
            services.member_subscription_set(user=request.user, subscribed=subscribed)
            messages.success(
                request,
                "Vous recevrez la lettre du réseau."
                if subscribed
                else "Vous ne recevrez plus la lettre du réseau.",
            )
            return redirect("mailing:subscription")
        return render(
            request,
            "mailing/subscription.html",
            {
                "title": "Mon abonnement à la lettre",
                "breadcrumb": [LETTERS, ("Abonnement", None)],
                "subscribed": subscribed,
            },
        )
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.subscription_request(address=form.cleaned_data["address"])
        return render(
            request,
            "mailing/subscription_sent.html",
            {"title": "Vérifiez votre messagerie", "breadcrumb": [LETTERS, ("Abonnement", None)]},
        )
    return render(
        request,
        "mailing/subscription.html",
        {"title": "S'abonner à la lettre", "breadcrumb": [LETTERS, ("Abonnement", None)], "form": form},
    )


@require_http_methods(["GET", "POST"])
def subscription_confirm(request, token):
    """The link of the confirmation mail: GET asks (a mail scanner opening links confirms nothing),
    the button confirms."""
    if request.method == "POST":
        row = services.subscription_confirm(token=token)
        done = row is not None
    else:
        row = services.subscription_for_token(token=token)
        done = row is not None and row.status == SubscriptionStatus.SUBSCRIBED
    return render(
        request,
        "mailing/subscription_confirmed.html",
        {
            "title": "Abonnement à la lettre",
            "breadcrumb": [LETTERS, ("Abonnement", None)],
            "row": row,
            "done": done,
        },
    )


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a session or token.
def unsubscribe(request, token):
    address = services.unsubscribe_address(token)
    context = {"title": "Se désabonner de la lettre", "breadcrumb": [LETTERS, ("Désabonnement", None)]}
    if address is None:
        response = render(request, "mailing/unsubscribe.html", {**context, "invalid": True})
        response.status_code = 404
        return response
    if request.method == "POST":
        services.subscription_cancel(address=address)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("Désabonnement enregistré.", content_type="text/plain; charset=utf-8")
        return render(request, "mailing/unsubscribe.html", {**context, "done": True, "address": address})
    return render(request, "mailing/unsubscribe.html", {**context, "address": address})


# ---------------------------------------------------------------------------------------------
# Sent-messages log


def message_list(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if denied := access.deny_unless(request, perms.can_view_sent_log(request.user)):
        return denied
    qs = Message.objects.annotate(
        total=Count("deliveries"),
        sent=Count("deliveries", filter=Q(deliveries__status=Status.SENT)),
        waiting=Count("deliveries", filter=Q(deliveries__status__in=[Status.QUEUED, Status.DEFERRED])),
        failed=Count("deliveries", filter=Q(deliveries__status=Status.FAILED)),
    ).select_related("created_by")
    qs = qs.visible_to(request.user)
    kind = request.GET.get("nature", "")
    if kind in Kind.values:
        qs = qs.filter(kind=kind)
    page = Paginator(qs.order_by("-created_at", "-pk"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "mailing/message_list.html",
        {
            "title": "Messages envoyés",
            "breadcrumb": [("Envois", None)],
            "page_obj": page,
            "kinds": Kind.choices,
            "kind": kind,
            "failed_count": FailedAddress.objects.count(),
        },
    )


def message_detail(request, pk):
    message = get_object_or_404(Message, pk=pk)
    if denied := access.deny_unless(request, perms.can_view_message(request.user, message)):
        return denied
    deliveries = message.deliveries.all()
    status = request.GET.get("statut", "")
    if status in Status.values:
        deliveries = deliveries.filter(status=status)
    counts = dict(message.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    page = Paginator(deliveries.order_by("pk"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mailing/message_detail.html",
        {
            "title": message.subject,
            "breadcrumb": [SENT_LOG, (message.subject, None)],
            "message": message,
            "page_obj": page,
            "counts": [(value, label, counts.get(value, 0)) for value, label in Status.choices],
            "status": status,
        },
    )


def failed_addresses(request):
    if denied := access.deny_unless(request, perms.can_view_sent_log(request.user)):
        return denied
    page = Paginator(FailedAddress.objects.order_by("-last_failed_at"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "mailing/failed_addresses.html",
        {
            "title": "Adresses en échec",
            "breadcrumb": [SENT_LOG, ("Adresses en échec", None)],
            "page_obj": page,
        },
    )


# ---------------------------------------------------------------------------------------------
# Messages from places


def _place_message_send(request, form, recipients, *, nobody: str, done: str, **place):
    """On a valid POST, the message of `form` sent to `recipients()` by the person at the keyboard,
    then the sent message's page. None otherwise: not posted, invalid, or no one to send it to (the
    error `nobody`). `place`: the rest of `services.place_message_send`'s arguments."""
    if request.method != "POST" or not form.is_valid():
        return None
    recipients = recipients()
    if not recipients:
        messages.error(request, nobody)
        return None
    message = services.place_message_send(
        recipients=recipients,
        subject=form.cleaned_data["subject"],
        body=form.cleaned_data["body"],
        sender=request.user,
        **place,
    )
    messages.success(request, done.format(n=len(recipients)))
    return redirect("mailing:message", message.pk)


def event_message(request, slug):
    from apps.events.models import Audience, Event, RegistrationStatus

    event = get_object_or_404(Event, slug=slug)
    if denied := access.deny_unless(request, perms.can_message_event(request.user, event)):
        return denied
    statuses = {
        RegistrationStatus.CONFIRMED.value: "Inscrit·es confirmé·es",
        RegistrationStatus.WAITING.value: "Liste d'attente",
    }
    form = PlaceMessageForm(request.POST or None)
    targets = request.POST.getlist("targets") if request.method == "POST" else ["confirmed"]
    chosen = [t for t in targets if t in statuses]
    if sent := _place_message_send(
        request,
        form,
        lambda: [
            r.user
            for r in event.registrations.filter(status__in=chosen).select_related("user")
            if r.user and r.user.is_active
        ],
        nobody="Personne ne correspond à ces destinataires.",
        done="Message envoyé à {n} personne(s).",
        kind=Kind.EVENT,
        source_label=f"Événement : {event.title}",
        source_url=event.get_absolute_url(),
        group=event.audience_group if event.audience == Audience.GROUP else None,
        footer=f"Vous recevez ce message parce que vous êtes inscrit·e à « {event.title} ».",
        link_label="Voir l'événement",
    ):
        return sent
    counts = dict(
        event.registrations.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return render(
        request,
        "mailing/event_message.html",
        {
            "title": f"Écrire aux inscrit·es : {event.title}",
            "breadcrumb": [("Agenda", "/agenda/"), (event.title, event.get_absolute_url()), ("Écrire", None)],
            "event": event,
            "form": form,
            "targets": [
                (value, label, counts.get(value, 0), value in targets) for value, label in statuses.items()
            ],
        },
    )


def consultation_reminder(request, slug):
    from apps.consultations.models import Consultation

    consultation = get_object_or_404(Consultation, slug=slug)
    if denied := access.deny_unless(request, perms.can_remind_consultation(request.user, consultation)):
        return denied
    recipients = list(audiences.consultation_silent_members(consultation).only("pk", "email", "first_name"))
    form = PlaceMessageForm(
        request.POST or None,
        initial={
            "subject": f"Votre contribution est attendue : {consultation.title}",
            "body": f"Bonjour,\n\nLa consultation « {consultation.title} » est ouverte jusqu'au "
            f"{consultation.closes_on:%d/%m/%Y}. Votre organisation n'a pas encore contribué : "
            "vos propositions comptent.",
        },
    )
    if sent := _place_message_send(
        request,
        form,
        lambda: recipients,
        nobody="Toutes les organisations invitées ont déjà contribué.",
        done="Relance envoyée à {n} personne(s).",
        kind=Kind.CONSULTATION,
        source_label=f"Consultation : {consultation.title}",
        source_url=consultation.get_absolute_url(),
        group=consultation.group if consultation.audience == "group" else None,
        footer="Vous recevez cette relance parce que votre organisation est invitée à cette consultation.",
        link_label="Contribuer à la consultation",
    ):
        return sent
    return render(
        request,
        "mailing/place_message.html",
        {
            "title": f"Relancer les organisations : {consultation.title}",
            "breadcrumb": [
                ("Consultations", "/consultations/"),
                (consultation.title, consultation.get_absolute_url()),
                ("Relancer", None),
            ],
            "form": form,
            "intro": f"{len(recipients)} personne(s) des organisations invitées qui n'ont pas encore contribué.",
        },
    )


def poll_invitation(request, slug):
    from apps.mailing.forms import audience_choices
    from apps.polls.models import Poll

    poll = get_object_or_404(Poll, slug=slug)
    if denied := access.deny_unless(request, perms.can_invite_to_poll(request.user, poll)):
        return denied
    form = PlaceMessageForm(
        request.POST or None,
        initial={
            "subject": f"Quelle date vous convient ? {poll.title}",
            "body": "Bonjour,\n\nPour fixer la date, indiquez vos disponibilités dans ce sondage.",
        },
    )
    # [(group label or "", [(value, label), …]), …] for the template's optgroups.
    choices = [(g, o) if isinstance(o, list) else ("", [(g, o)]) for g, o in audience_choices()]
    audience = request.POST.get("audience", "all")
    segment, _, value = audience.partition(":")
    if sent := _place_message_send(
        request,
        form,
        lambda: list(audiences.segment_users(segment, value).only("pk", "email", "first_name")),
        nobody="Personne ne correspond à ces destinataires.",
        done="Invitation envoyée à {n} personne(s).",
        kind=Kind.POLL,
        source_label=f"Sondage : {poll.title}",
        source_url=poll.get_absolute_url(),
        footer="Les personnes qui répondent sont prévenues par courriel de la date retenue.",
        link_label="Répondre au sondage",
    ):
        return sent
    return render(
        request,
        "mailing/place_message.html",
        {
            "title": f"Inviter à répondre : {poll.title}",
            "breadcrumb": [
                ("Sondages", "/sondages/"),
                (poll.title, poll.get_absolute_url()),
                ("Inviter", None),
            ],
            "form": form,
            "audience_choices": choices,
            "audience": audience,
            "intro": "Chaque personne reçoit son propre courriel avec le lien du sondage.",
        },
    )


# ---------------------------------------------------------------------------------------------
# Announcements (animators)


def announcement_list(request):
    from apps.mailing.models import Announcement

    if denied := access.deny_unless(request, perms.can_manage_announcements(request.user)):
        return denied
    now = timezone.now()
    page = Paginator(Announcement.objects.order_by("-starts_at", "-pk"), 30).get_page(request.GET.get("page"))
    current = set(Announcement.objects.current(now).values_list("pk", flat=True))
    return render(
        request,
        "mailing/announcement_list.html",
        {"title": "Annonces", "breadcrumb": [("Annonces", None)], "page_obj": page, "current": current},
    )


def announcement_form(request, pk=None):
    from apps.mailing.forms import AnnouncementForm
    from apps.mailing.models import Announcement

    if denied := access.deny_unless(request, perms.can_manage_announcements(request.user)):
        return denied
    announcement = get_object_or_404(Announcement, pk=pk) if pk else None
    initial = {"starts_at": timezone.localtime().replace(second=0, microsecond=0)}
    if announcement is not None:
        initial = {
            f: getattr(announcement, f)
            for f in (
                "title",
                "body",
                "link_url",
                "link_label",
                "audience",
                "all_pages",
                "starts_at",
                "ends_at",
            )
        }
        for f in ("starts_at", "ends_at"):
            if initial[f]:
                initial[f] = timezone.localtime(initial[f])
    form = AnnouncementForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.announcement_save(announcement=announcement, data=form.cleaned_data, by=request.user)
        messages.success(request, "Annonce enregistrée.")
        return redirect("mailing:announcements")
    title = "Modifier l'annonce" if announcement else "Nouvelle annonce"
    return render(
        request,
        "mailing/announcement_form.html",
        {
            "title": title,
            "breadcrumb": [("Annonces", reverse("mailing:announcements")), (title, None)],
            "form": form,
            "announcement": announcement,
        },
    )


def announcement_delete(request, pk):
    from apps.mailing.models import Announcement

    if denied := access.deny_unless(request, perms.can_manage_announcements(request.user)):
        return denied
    announcement = get_object_or_404(Announcement, pk=pk)
    return confirm_action(
        request,
        title="Supprimer l'annonce",
        message="L'annonce disparaît des pages.",
        subject=announcement.title,
        button="Supprimer",
        cancel_url=reverse("mailing:announcements"),
        action=lambda: services.announcement_delete(announcement=announcement),
        success="Annonce supprimée.",
        done_url=reverse("mailing:announcements"),
        breadcrumb=[("Annonces", reverse("mailing:announcements")), ("Supprimer", None)],
        checkbox=True,
    )


# ---------------------------------------------------------------------------------------------
# Follows (members)


def follow_list(request):
    from apps.core.french import normalize
    from apps.directory.models import Organisation, Person
    from apps.mailing.follows import follow_targets
    from apps.mailing.models import FollowKind, SubjectFollow
    from apps.territories.models import Territory
    from apps.themes.models import Theme

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if denied := access.deny_unless(request, perms.can_manage_subscription(request.user)):
        return denied
    follows = list(SubjectFollow.objects.filter(user=request.user).order_by("kind", "-created_at"))
    by_kind = {}
    for follow in follows:
        by_kind.setdefault(follow.kind, []).append(follow.object_id)
    names = {}
    for kind, ids in by_kind.items():
        for target in follow_targets(kind).objects.filter(pk__in=ids):
            names[(kind, target.pk)] = (str(target), getattr(target, "get_absolute_url", lambda: "")())
    rows = [(f, *names.get((f.kind, f.object_id), ("(supprimé)", ""))) for f in follows]
    q = request.GET.get("q", "").strip()[:100]
    organisations, people = [], []
    if len(q) >= 2:
        key = normalize(q)
        organisations = list(
            Organisation.objects.active().filter(search_name__contains=key).order_by("name")[:10]
        )
        people = list(Person.objects.listed().filter(search_name__contains=key).order_by("last_name")[:10])
    return render(
        request,
        "mailing/follows.html",
        {
            "title": "Mes suivis",
            "breadcrumb": [("Mes suivis", None)],
            "rows": rows,
            "kinds": dict(FollowKind.choices),
            "themes": Theme.objects.filter(is_active=True).order_by("position", "name"),
            "territories": Territory.objects.filter(kind__in=["region", "department"]).order_by(
                "kind", "code"
            ),
            "q": q,
            "organisations": organisations,
            "people": people,
        },
    )


def _follow_answer(request, *, kind: str, target):
    """Back to where the button was (htmx: the button in its new state), or to the follow list."""
    from django.utils.http import url_has_allowed_host_and_scheme

    from apps.mailing.follows import follow_button_context

    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) or not back.startswith(
        "/"
    ):
        back = ""
    if request.htmx and back and target is not None:
        context = follow_button_context(request=request, kind=kind, target=target, next_url=back)
        context["compact"] = request.POST.get("compact") == "1"
        return render(request, "mailing/includes/follow_button.html", context)
    if request.htmx:
        # A refusal: a whole page (with its message), not a page swapped into the button's place.
        from django_htmx.http import HttpResponseClientRedirect

        return HttpResponseClientRedirect(back or reverse("mailing:follows"))
    return redirect(back or "mailing:follows")


@require_POST
def follow_add(request):
    if denied := access.deny_unless(request, perms.can_manage_subscription(request.user)):
        return denied
    object_id = request.POST.get("object_id", "")
    kind = request.POST.get("kind", "")
    target = None
    try:
        if not object_id.isdigit() or len(object_id) > 18:
            raise services.EditionError("Choisissez ce que vous voulez suivre.")
        _, target = services.follow_add(user=request.user, kind=kind, object_id=int(object_id))
        if not request.htmx:
            messages.success(
                request, f"Vous suivez « {target} » : ses nouveautés arrivent dans vos notifications."
            )
    except services.EditionError as error:
        messages.error(request, str(error))
    return _follow_answer(request, kind=kind, target=target)


@require_POST
def follow_remove(request, pk):
    from apps.mailing.follows import follow_targets
    from apps.mailing.models import SubjectFollow

    if denied := access.deny_unless(request, perms.can_manage_subscription(request.user)):
        return denied
    follow = SubjectFollow.objects.filter(user=request.user, pk=pk).first()
    target = None
    if follow is not None:
        target = follow_targets(follow.kind).objects.filter(pk=follow.object_id).first()
        services.follow_remove(user=request.user, follow_id=follow.pk)
        if not request.htmx:
            messages.success(request, f"Vous ne suivez plus « {target} »." if target else "Suivi retiré.")
    return _follow_answer(request, kind=follow.kind if follow else "", target=target)
