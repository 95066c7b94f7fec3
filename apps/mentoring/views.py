"""Mentoring pages (/parrainages/): ask for a peer, answer, follow, close; the coordinators' view."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.models import User
from apps.core.confirm import confirm_action
from apps.core.forms import pick
from apps.directory.models import Organisation
from apps.mentoring import perms, selectors, services
from apps.mentoring.forms import (
    AnswerForm,
    CloseForm,
    CoordinationFilterForm,
    ExchangeForm,
    MentorProfileForm,
    NeedForm,
    RequestForm,
)
from apps.mentoring.models import MentorProfile, Mentorship
from apps.themes.models import Theme


def _crumbs(*tail):
    return [("Parrainages", reverse("mentoring:index")), *tail]


@require_GET
def index(request):
    user = request.user
    context = {
        "title": "Parrainages entre pairs",
        "breadcrumb": [("Parrainages", None)],
        "mine": selectors.mentorships_of(user) if perms.can_request_mentoring(user) else None,
        "profile": MentorProfile.objects.filter(user=user).first() if user.is_authenticated else None,
        "can_offer": perms.can_offer_mentoring(user),
        "can_coordinate": perms.can_coordinate(user),
        "mentors": MentorProfile.objects.offering().count(),
    }
    return render(request, "mentoring/index.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def request_mentor(request):
    if not perms.can_request_mentoring(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            theme = Theme.objects.active().filter(slug=form.cleaned_data["theme"]).first()
            mentor = User.objects.filter(pk=form.cleaned_data["mentor"], is_active=True).first()
            if theme is None or mentor is None:
                messages.error(request, "Cette demande ne correspond à aucune personne ou thématique connue.")
                return redirect("mentoring:request")
            try:
                mentorship = services.mentorship_request(
                    mentee=request.user,
                    mentor=mentor,
                    theme=theme,
                    goal=form.cleaned_data["objectif"],
                    follow_up_days=form.cleaned_data["follow_up_days"],
                )
            except services.MentoringError as error:
                messages.error(request, str(error))
                query = urlencode({"theme": theme.slug, "objectif": form.cleaned_data["objectif"]})
                return redirect(reverse("mentoring:request") + "?" + query)
            messages.success(
                request,
                "Votre demande est envoyée. Vous recevrez un courriel dès que la personne aura répondu.",
            )
            return redirect(mentorship)
        messages.error(request, "La demande est incomplète : recommencez depuis le formulaire.")
        return redirect("mentoring:request")

    form = NeedForm(request.GET or None)
    organisation = None
    slug = request.GET.get("organisation")
    if slug:
        organisation = Organisation.objects.active().filter(slug=slug).first()
    candidates = None
    others = None
    if form.is_bound and form.is_valid():
        theme = form.cleaned_data["theme"]
        if organisation is not None:
            candidates = selectors.mentor_candidates(
                mentee=request.user, theme=theme, organisation=organisation
            )
            if not candidates:
                others = selectors.mentor_candidates(mentee=request.user, theme=theme)
        else:
            candidates = selectors.mentor_candidates(mentee=request.user, theme=theme)
    return render(
        request,
        "mentoring/request.html",
        {
            "title": "Demander un parrainage",
            "breadcrumb": _crumbs(("Demander un parrainage", None)),
            "form": form,
            "organisation": organisation,
            "candidates": candidates,
            "others": others,
            "request_form": RequestForm(),
        },
    )


def _mentorship(request, pk, rule=None) -> Mentorship:
    """The pair `pk`, for whoever may see it (404 otherwise) and, with `rule`, act on it (403)."""
    mentorship = get_object_or_404(
        Mentorship.objects.select_related(
            "mentee", "mentor", "theme", "mentee_organisation", "mentor_organisation", "experience"
        ),
        pk=pk,
    )
    if not perms.can_view_mentorship(request.user, mentorship):
        # A pair's page names two people and a need: it does not exist for others.
        raise Http404("Parrainage introuvable.")
    if rule is not None and not rule(request.user, mentorship):
        raise PermissionDenied
    return mentorship


@login_required
@require_GET
def detail(request, pk):
    mentorship = _mentorship(request, pk)
    user = request.user
    return render(
        request,
        "mentoring/detail.html",
        {
            "title": f"Parrainage — {mentorship.theme.name}",
            "breadcrumb": _crumbs((mentorship.theme.name, None)),
            "m": mentorship,
            "is_mentor": user.pk == mentorship.mentor_id,
            "is_mentee": user.pk == mentorship.mentee_id,
            "can_answer": perms.can_answer(user, mentorship),
            "can_withdraw": perms.can_withdraw(user, mentorship),
            "can_follow": perms.can_follow(user, mentorship),
            "can_see_contacts": perms.can_see_contacts(user, mentorship),
            "mentee_person": getattr(mentorship.mentee, "person", None),
            "mentor_person": getattr(mentorship.mentor, "person", None),
            "answer_form": AnswerForm(),
            "exchange_form": ExchangeForm(initial={"exchanged": mentorship.exchanged or None}),
        },
    )


@login_required
@require_POST
def answer(request, pk):
    mentorship = _mentorship(request, pk, perms.can_answer)
    form = AnswerForm(request.POST)
    form.is_valid()
    accept = request.POST.get("decision") == "accepter"
    try:
        services.mentorship_answer(
            mentorship=mentorship,
            by=request.user,
            accept=accept,
            message=form.cleaned_data.get("message", ""),
        )
    except services.MentoringError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "Merci ! Un courriel vous présente l'un·e à l'autre : à vous de convenir d'un premier échange."
            if accept
            else "Votre réponse est transmise. Merci d'avoir répondu.",
        )
    return redirect(mentorship)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    mentorship = _mentorship(request, pk, perms.can_withdraw)
    return confirm_action(
        request,
        title="Retirer votre demande ?",
        message="La personne sollicitée sera prévenue que vous retirez votre demande.",
        button="Retirer ma demande",
        cancel_url=mentorship.get_absolute_url(),
        action=lambda: services.mentorship_withdraw(mentorship=mentorship, by=request.user),
        success="Votre demande est retirée.",
        done_url=reverse("mentoring:index"),
        breadcrumb=_crumbs((mentorship.theme.name, mentorship.get_absolute_url()), ("Retirer", None)),
    )


@login_required
@require_POST
def exchange(request, pk):
    mentorship = _mentorship(request, pk, perms.can_follow)
    form = ExchangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez une réponse.")
    else:
        services.mentorship_record_exchange(
            mentorship=mentorship, by=request.user, exchanged=form.cleaned_data["exchanged"]
        )
        messages.success(request, "Merci, c'est noté.")
    return redirect(mentorship)


@login_required
@require_http_methods(["GET", "POST"])
def close(request, pk):
    mentorship = _mentorship(request, pk, perms.can_follow)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mentorship, experience = services.mentorship_close(
                mentorship=mentorship,
                by=request.user,
                note=form.cleaned_data["note"],
                as_experience=form.cleaned_data["as_experience"],
            )
        except services.MentoringError as error:
            form.add_error(None, str(error))
        else:
            if experience is not None:
                messages.success(
                    request,
                    "Le parrainage est terminé. Voici le brouillon de votre retour d'expérience : complétez-le puis soumettez-le.",
                )
                return redirect("experiences:edit", slug=experience.slug)
            messages.success(request, "Le parrainage est terminé. Merci !")
            return redirect(mentorship)
    return render(
        request,
        "mentoring/close.html",
        {
            "title": "Terminer le parrainage",
            "breadcrumb": _crumbs((mentorship.theme.name, mentorship.get_absolute_url()), ("Terminer", None)),
            "m": mentorship,
            "form": form,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def offer(request):
    if not perms.can_offer_mentoring(request.user):
        return render(
            request,
            "mentoring/offer_unavailable.html",
            {
                "title": "Proposer d'accompagner des pairs",
                "breadcrumb": _crumbs(("Proposer d'accompagner", None)),
            },
        )
    profile = MentorProfile.objects.filter(user=request.user).first()
    form = MentorProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.mentor_profile_save(
            user=request.user,
            **pick(form.cleaned_data, "themes", "capacity", "paused_until", "offer", "is_active"),
        )
        messages.success(request, "Merci ! Votre proposition d'accompagnement est enregistrée.")
        return redirect("mentoring:index")
    return render(
        request,
        "mentoring/offer.html",
        {
            "title": "Proposer d'accompagner des pairs",
            "breadcrumb": _crumbs(("Proposer d'accompagner", None)),
            "form": form,
            "profile": profile,
        },
    )


@login_required
@require_GET
def coordination(request):
    if not perms.can_coordinate(request.user):
        raise PermissionDenied
    form = CoordinationFilterForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    pairs = Paginator(
        selectors.coordination(status=data.get("etat") or "", theme=data.get("theme")), 50
    ).get_page(request.GET.get("page"))
    pairs.elided_range = list(pairs.paginator.get_elided_page_range(pairs.number, on_each_side=2, on_ends=1))
    loads = Paginator(selectors.mentor_loads(), 50).get_page(request.GET.get("page_marraines"))
    return render(
        request,
        "mentoring/coordination.html",
        {
            "title": "Suivi des parrainages",
            "breadcrumb": _crumbs(("Suivi", None)),
            "form": form,
            "page_obj": pairs,
            "counts": [
                (label, selectors.status_counts()[value])
                for value, label in Mentorship._meta.get_field("status").choices
            ],
            "loads": loads,
            "today": timezone.localdate(),
            "now": timezone.now(),
        },
    )
