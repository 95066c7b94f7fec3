from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from apps.accounts.perms import is_member
from apps.core.access import login_unless, permitted
from apps.core.forms import pick
from apps.core.params import object_id
from apps.core.views import file_download
from apps.directory.selectors import chip_prefetch
from apps.groups import perms as group_perms
from apps.groups.models import Group
from apps.questions import perms, selectors, services
from apps.questions.forms import (
    AnswerForm,
    CommentForm,
    DesignateForm,
    ExpertiseForm,
    HideForm,
    MoveForm,
    QuestionFilterForm,
    QuestionForm,
    ReportForm,
)
from apps.questions.models import Comment, Expertise, Question, QuestionFollow, State

CRUMB = ("Questions au réseau", "/questions/")
# What the question form gives both the create and the update services.
QUESTION_FIELDS = ("title", "body", "themes", "territory", "files")
VIEWS = {"recentes": "Récentes", "sans-reponse": "Sans réponse", "mes-questions": "Mes questions"}


# Anonymous visitors and accounts not yet members go to the login page.
members_only = login_unless(is_member)


def _question(request, pk, rule, refusal: str):
    """The question `pk`, once `rule(user, question)` lets the person act on it."""
    return permitted(request, perms.access_question(request.user, pk), rule, refusal)


def _answer(request, pk, rule, refusal: str):
    """The answer `pk`, once `rule(user, answer)` lets the person act on it."""
    return permitted(request, perms.access_answer(request.user, pk), rule, refusal)


def _page_crumbs(question, page: str):
    """The crumbs of one of the question's own pages (edit, history…)."""
    return _crumbs(question, (question.title, question.get_absolute_url()), (page, None))


def _crumbs(question, *extra):
    if question.group_id:
        base = [("Groupes", reverse("groups:list")), (question.group.name, question.group.get_absolute_url())]
    else:
        base = [CRUMB]
    return [*base, *extra]


@members_only
def question_list(request):
    view = request.GET.get("vue", "recentes")
    view = view if view in VIEWS else "recentes"
    qs = (
        Question.objects.visible_to(request.user)
        .network()
        .select_related("author", "territory", "accepted_answer")
        .prefetch_related("themes", *chip_prefetch("author"))
        .order_by("-last_activity_at", "-pk")
    )
    if view == "sans-reponse":
        qs = qs.published().unanswered()
    elif view == "mes-questions":
        qs = qs.filter(author=request.user)
    else:
        qs = qs.published()
    filter_form = QuestionFilterForm(request.GET or None)
    # Valid filters apply, an invalid one is reported on its field and ignored (apps/core/filters.py).
    filters = filter_form.filters()
    qs = selectors.questions_filtered(qs, filters=filters, user=request.user)
    theme = filters.get("theme")
    context = {
        "title": "Questions au réseau",
        "breadcrumb": [("Questions au réseau", None)],
        "page_obj": Paginator(qs, 20).get_page(request.GET.get("page")),
        "views": VIEWS,
        "view": view,
        "view_label": VIEWS[view] + (f" — {theme.name}" if theme else ""),
        "theme": theme,
        "filter_form": filter_form,
        "filtered": bool(filters),
        "can_moderate": perms.can_view_moderation_queue(request.user),
    }
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request and htmx.target == "question-results":
        return render(request, "questions/includes/list_results.html", context)
    return render(request, "questions/list.html", context)


@members_only
def faq(request):
    qs = (
        Question.objects.visible_to(request.user)
        .network()
        .published()
        .filter(in_faq=True, accepted_answer__isnull=False)
        .select_related("accepted_answer", "accepted_answer__author")
        .prefetch_related(*chip_prefetch("accepted_answer__author"))
        .order_by("faq_position", "title")
    )
    return render(
        request,
        "questions/faq.html",
        {
            "title": "Foire aux questions",
            "breadcrumb": [CRUMB, ("Foire aux questions", None)],
            "page_obj": Paginator(qs, 20).get_page(request.GET.get("page")),
        },
    )


@members_only
def similar(request):
    """htmx partial (and plain GET fallback inside the form page): content close to the draft title."""
    groups = selectors.similar_content(text=request.GET.get("title", "")[:200], user=request.user)
    return render(request, "questions/includes/suggestions.html", {"suggestions": groups, "checked": True})


@members_only
def question_create(request):
    if not perms.can_ask(request.user):
        raise PermissionDenied("Vous ne pouvez pas poser de question.")
    group = None
    if slug := (request.POST.get("groupe") or request.GET.get("groupe")):
        group = Group.objects.filter(slug=slug).first()
        if group is None or not group_perms.can_post(request.user, group):
            raise Http404("Groupe introuvable.")
    # "Poser une question sur ce retour": the experience is linked, its themes preselected.
    linked_experience, initial = None, {}
    if group is None and (experience_pk := object_id(request.GET.get("retour"))):
        from apps.experiences.models import Experience

        linked_experience = (
            Experience.objects.visible_to(request.user).published().filter(pk=experience_pk).first()
        )
        if linked_experience is not None:
            initial = {"experience": linked_experience, "themes": linked_experience.themes.all()}
    form = QuestionForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        with_links=group is None,
        initial=initial,
    )
    # While typing the title, htmx fetches similar content; without JavaScript the "Voir les contenus
    # proches" button does the same.
    form.fields["title"].widget.attrs.update(
        {
            "hx-get": reverse("questions:similar"),
            "hx-trigger": "input changed delay:500ms",
            "hx-target": "#question-suggestions",
            "hx-swap": "outerHTML",
        }
    )
    suggestions, checked = [], False
    if request.method == "POST" and form.is_valid():
        if "verifier" in request.POST:
            suggestions = selectors.similar_content(text=form.cleaned_data["title"], user=request.user)
            checked = True
        else:
            data = form.cleaned_data
            question = services.question_create(
                author=request.user,
                **pick(data, *QUESTION_FIELDS),
                group=group,
                experience=data.get("experience"),
                resource=data.get("resource"),
            )
            if question.state == State.PENDING:
                messages.info(
                    request,
                    "Merci ! Comme c'est votre première contribution, l'équipe d'animation la relit avant publication.",
                )
            else:
                summary = selectors.routing_summary(question)
                messages.success(request, " ".join(["Votre question est publiée.", *summary]))
            return redirect(question)
    crumbs = (
        [
            ("Groupes", reverse("groups:list")),
            (group.name, group.get_absolute_url()),
            ("Nouvelle discussion", None),
        ]
        if group
        else [CRUMB, ("Poser une question", None)]
    )
    return render(
        request,
        "questions/form.html",
        {
            "title": f"Nouvelle discussion dans « {group.name} »"
            if group
            else "Poser une question au réseau",
            "breadcrumb": crumbs,
            "form": form,
            "group": group,
            "suggestions": suggestions,
            "checked": checked,
            "creating": True,
            "linked_experience": linked_experience,
        },
    )


@members_only
def question_detail(request, pk):
    question = perms.access_question(request.user, pk)
    user = request.user
    is_moderator = perms.is_moderator(user, question)
    answers = question.answers.select_related("author").prefetch_related(
        *chip_prefetch("author"),
        Prefetch(
            "comments",
            queryset=Comment.objects.filter(state=State.PUBLISHED)
            .select_related("author")
            .prefetch_related(*chip_prefetch("author")),
        ),
    )
    if not is_moderator:
        from django.db.models import Q

        answers = answers.filter(Q(state=State.PUBLISHED) | Q(author=user))
    answers = list(answers)
    # The accepted answer first, as Discourse and Stack Overflow show it.
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    accepted = next((a for a in answers if a.pk == question.accepted_answer_id), None)
    voted = set(question.answers.filter(votes__user=user).values_list("pk", flat=True))
    return render(
        request,
        "questions/detail.html",
        {
            "title": question.title,
            "breadcrumb": _crumbs(question, (question.title, None)),
            "question": question,
            "answers": answers,
            "voted": voted,
            "attachments": question.attachments.all(),
            "following": QuestionFollow.objects.filter(question=question, user=user).exists(),
            "answer_form": AnswerForm() if perms.can_answer(user, question) else None,
            "comment_form": CommentForm(),
            "can_edit": perms.can_edit(user, question),
            "can_accept": perms.can_accept(user, question),
            "can_report": perms.can_report(user, question),
            "can_moderate": perms.can_moderate(user, question),
            "can_comment": perms.can_answer(user, question),
            "can_curate": perms.can_curate_faq(user) and question.group_id is None,
            "accepted": accepted,
            "solicitations": question.solicitations.select_related("expert", "theme").prefetch_related(
                *chip_prefetch("expert")
            )
            if perms.can_view_routing(user, question)
            else None,
            "routing_summary": selectors.routing_summary(question)
            if perms.can_view_routing_summary(user, question)
            else [],
        },
    )


@members_only
def question_edit(request, pk):
    question = _question(request, pk, perms.can_edit, "Vous ne pouvez pas modifier cette question.")
    initial = {
        "title": question.title,
        "body": question.body,
        "themes": question.themes.all(),
        "territory": question.territory,
    }
    form = QuestionForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial, with_links=False
    )
    if request.method == "POST" and form.is_valid():
        services.question_update(
            question=question, by=request.user, **pick(form.cleaned_data, *QUESTION_FIELDS)
        )
        messages.success(request, "La question est modifiée (l'ancienne version reste dans l'historique).")
        return redirect(question)
    return render(
        request,
        "questions/form.html",
        {
            "title": "Modifier la question",
            "breadcrumb": _page_crumbs(question, "Modifier"),
            "form": form,
            "group": question.group,
        },
    )


@members_only
def question_history(request, pk):
    question = perms.access_question(request.user, pk)
    revisions = question.revisions.select_related("edited_by")
    return render(
        request,
        "questions/history.html",
        {
            "title": f"Historique de « {question.title} »",
            "breadcrumb": _page_crumbs(question, "Historique"),
            "question": question,
            "page_obj": Paginator(revisions, 20).get_page(request.GET.get("page")),
        },
    )


@require_POST
@members_only
def answer_create(request, pk):
    question = _question(request, pk, perms.can_answer, "Cette question n'accepte pas de réponse.")
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Votre réponse est vide.")
        return redirect(question)
    answer = services.answer_create(question=question, author=request.user, body=form.cleaned_data["body"])
    if answer.state == State.PENDING:
        messages.info(request, "Merci ! Votre première réponse sera publiée après relecture par l'animation.")
    else:
        messages.success(request, "Votre réponse est publiée.")
    return redirect(answer.get_absolute_url())


@require_POST
@members_only
def comment_create(request, pk):
    answer = _answer(request, pk, perms.can_comment, "Vous ne pouvez pas commenter cette réponse.")
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_create(answer=answer, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, "Commentaire publié.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(answer.get_absolute_url())


@require_POST
@members_only
def answer_vote(request, pk):
    answer = _answer(request, pk, perms.can_vote, "Vous ne pouvez pas voter pour cette réponse.")
    voted = services.answer_vote_toggle(answer=answer, user=request.user)
    messages.success(request, "Merci, réponse marquée comme utile." if voted else "Vote retiré.")
    return redirect(answer.get_absolute_url())


@require_POST
@members_only
def answer_accept(request, pk):
    answer = perms.access_answer(request.user, pk)
    if not perms.can_accept(request.user, answer.question) or answer.state != State.PUBLISHED:
        raise PermissionDenied("Seule la personne qui a posé la question peut accepter une réponse.")
    services.answer_accept(answer=answer, by=request.user)
    messages.success(request, "Réponse acceptée : la question est marquée comme résolue.")
    return redirect(answer.get_absolute_url())


@require_POST
@members_only
def question_follow(request, pk):
    question = _question(request, pk, perms.can_follow, "Vous ne pouvez pas suivre cette question.")
    follow = request.POST.get("suivre") == "1"
    services.question_follow(question=question, user=request.user, follow=follow)
    messages.success(
        request, "Vous suivez cette question." if follow else "Vous ne suivez plus cette question."
    )
    return redirect(question)


@require_POST
@members_only
def question_resolve(request, pk):
    question = _question(
        request, pk, perms.can_resolve, "Vous ne pouvez pas changer l'état de cette question."
    )
    resolved = request.POST.get("resolue") == "1"
    services.question_set_resolved(question=question, by=request.user, resolved=resolved)
    messages.success(request, "Question marquée comme résolue." if resolved else "Question rouverte.")
    return redirect(question)


@members_only
def question_report(request, pk):
    question = perms.access_question(request.user, pk)
    answer = None
    if answer_pk := (request.POST.get("reponse") or request.GET.get("reponse")):
        answer = get_object_or_404(question.answers, pk=object_id(answer_pk))
    if not perms.can_report(request.user, question) and answer is None:
        raise PermissionDenied("Vous ne pouvez pas signaler ce contenu.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.question_report(
            question=question, answer=answer, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Merci, l'équipe d'animation va examiner votre signalement.")
        return redirect(question)
    return render(
        request,
        "questions/simple_form.html",
        {
            "title": "Signaler un contenu",
            "breadcrumb": _page_crumbs(question, "Signaler"),
            "form": form,
            "submit": "Envoyer le signalement",
            "hidden": {"reponse": answer.pk} if answer else {},
            "cancel": question.get_absolute_url(),
        },
    )


@members_only
def question_moderate(request, pk):
    """Hide (with reason), lock/unlock, approve, move, FAQ: a confirm page for each action."""
    question = _question(request, pk, perms.can_moderate, "Action réservée à la modération.")
    action = request.POST.get("action") or request.GET.get("action", "")
    forms_by_action = {"masquer": HideForm, "deplacer": MoveForm}
    form_class = forms_by_action.get(action)
    form = form_class(request.POST or None) if form_class else None
    if action not in {"masquer", "deplacer", "verrouiller", "deverrouiller", "valider", "faq", "retirer-faq"}:
        raise Http404("Action inconnue.")
    if action in ("faq", "retirer-faq") and not perms.can_curate_faq(request.user):
        raise PermissionDenied("La FAQ est tenue par l'équipe d'animation.")
    if request.method == "POST" and (form is None or form.is_valid()):
        if action == "masquer":
            services.question_hide(question=question, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "Question masquée.")
        elif action == "deplacer":
            services.question_move(question=question, by=request.user, themes=form.cleaned_data["themes"])
            messages.success(request, "Question déplacée.")
        elif action in ("verrouiller", "deverrouiller"):
            services.question_lock(question=question, by=request.user, locked=action == "verrouiller")
            messages.success(
                request, "Question verrouillée." if action == "verrouiller" else "Question déverrouillée."
            )
        elif action == "valider":
            services.question_approve(question=question, by=request.user)
            messages.success(request, "Question publiée.")
        else:
            if action == "faq" and not question.accepted_answer_id:
                messages.error(
                    request, "Seule une question avec une réponse acceptée peut entrer dans la FAQ."
                )
            else:
                services.question_faq_set(question=question, by=request.user, in_faq=action == "faq")
                messages.success(request, "FAQ mise à jour.")
        return redirect(question)
    labels = {
        "masquer": "Masquer la question",
        "deplacer": "Déplacer vers d'autres thématiques",
        "verrouiller": "Verrouiller (plus de réponse possible)",
        "deverrouiller": "Déverrouiller",
        "valider": "Publier cette question",
        "faq": "Ajouter à la FAQ",
        "retirer-faq": "Retirer de la FAQ",
    }
    return render(
        request,
        "questions/simple_form.html",
        {
            "title": labels[action],
            "breadcrumb": _page_crumbs(question, "Modération"),
            "form": form,
            "message": f"« {question.title} »",
            "submit": "Confirmer",
            "hidden": {"action": action},
            "cancel": question.get_absolute_url(),
        },
    )


@members_only
def answer_moderate(request, pk):
    answer = perms.access_answer(request.user, pk)
    question = permitted(request, answer.question, perms.can_moderate, "Action réservée à la modération.")
    action = request.POST.get("action") or request.GET.get("action", "masquer")
    if action not in ("masquer", "valider"):
        raise Http404("Action inconnue.")
    form = HideForm(request.POST or None) if action == "masquer" else None
    if request.method == "POST" and (form is None or form.is_valid()):
        if action == "masquer":
            services.answer_hide(answer=answer, by=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, "Réponse masquée.")
        else:
            services.answer_approve(answer=answer, by=request.user)
            messages.success(request, "Réponse publiée.")
        return redirect(question)
    return render(
        request,
        "questions/simple_form.html",
        {
            "title": "Masquer la réponse" if action == "masquer" else "Publier la réponse",
            "breadcrumb": _page_crumbs(question, "Modération"),
            "form": form,
            "submit": "Confirmer",
            "hidden": {"action": action},
            "cancel": question.get_absolute_url(),
        },
    )


@members_only
def moderation(request):
    if not perms.can_view_moderation_queue(request.user):
        raise PermissionDenied("Page réservée à l'équipe d'animation.")
    queue = selectors.moderation_queue()
    return render(
        request,
        "questions/moderation.html",
        {
            "title": "Modération des questions",
            "breadcrumb": [CRUMB, ("Modération", None)],
            "questions": Paginator(queue["questions"], 20).get_page(request.GET.get("q_page")),
            "answers": queue["answers"][:50],
            "reports": queue["reports"][:50],
        },
    )


def attachment_download(request, pk):
    # The one file view (apps.core.files): perms.FILES says who may read a question's attachments.
    return file_download(request, key="questions.questionattachment.file", pk=pk)


@members_only
def expertise(request):
    if not perms.can_manage_own_expertise(request.user):
        raise PermissionDenied
    designate = perms.can_designate_experts(request.user) and request.POST.get("designer") == "1"
    form = ExpertiseForm(None if designate else (request.POST or None), prefix="own")
    designate_form = (
        DesignateForm(request.POST if designate else None, prefix="designate")
        if perms.can_designate_experts(request.user)
        else None
    )
    if request.method == "POST":
        if delete_pk := request.POST.get("supprimer"):
            item = get_object_or_404(Expertise, pk=object_id(delete_pk))
            if item.user_id != request.user.pk and not perms.can_designate_experts(request.user):
                raise PermissionDenied
            services.expertise_delete(expertise=item, by=request.user)
            messages.success(request, "Expertise retirée.")
            return redirect("questions:expertise")
        target = designate_form if designate else form
        if target.is_valid():
            data = target.cleaned_data
            services.expertise_set(
                user=data["email"] if designate else request.user,
                **pick(data, "theme", "capacity_per_month", "paused_until"),
                designated_by=request.user if designate else None,
            )
            messages.success(request, "Expertise enregistrée.")
            return redirect("questions:expertise")
    mine = Expertise.objects.filter(user=request.user).select_related("theme")
    return render(
        request,
        "questions/expertise.html",
        {
            "title": "Mes expertises",
            "breadcrumb": [CRUMB, ("Mes expertises", None)],
            "form": form,
            "designate_form": designate_form,
            "mine": mine,
            "solicitations": request.user.solicitations.filter(
                question__in=Question.objects.visible_to(request.user)
            ).select_related("question", "theme")[:20],
        },
    )


@members_only
def stats(request):
    if not perms.can_view_stats(request.user):
        raise PermissionDenied("Page réservée à l'équipe d'animation.")
    rows = list(selectors.expert_stats())
    return render(
        request,
        "questions/stats.html",
        {
            "title": "Sollicitations des expert·es",
            "breadcrumb": [CRUMB, ("Statistiques", None)],
            "page_obj": Paginator(rows, 50).get_page(request.GET.get("page")),
            "experts": Expertise.objects.select_related("user", "theme").order_by("theme__name")[:200],
        },
    )
