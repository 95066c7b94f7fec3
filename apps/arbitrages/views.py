from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.arbitrages import perms, selectors, services
from apps.arbitrages.forms import QuestionFormSet, QuestionnaireForm, ResponseForm, question_rows
from apps.arbitrages.models import ArbitrageResponse, Questionnaire, QuestionnaireStatus
from apps.core import tabular
from apps.core.access import permitted
from apps.core.confirm import confirm_action

HOME = ("Arbitrages", "/arbitrages/")


@login_required
def questionnaire_list(request):
    qs = Questionnaire.objects.select_related("programme").order_by("-created_at", "pk")
    if not perms.can_manage_questionnaires(request.user):
        qs = (
            qs.exclude(status=QuestionnaireStatus.DRAFT)
            .filter(delegations__memberships__person__user=request.user)
            .distinct()
        )
    page_obj = Paginator(qs, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "arbitrages/list.html",
        {
            "title": "Arbitrages des délégations",
            "breadcrumb": [(HOME[0], None)],
            "page_obj": page_obj,
            "questionnaires": page_obj.object_list,
            "can_manage": perms.can_manage_questionnaires(request.user),
        },
    )


@login_required
def questionnaire_detail(request, slug):
    questionnaire = perms.access_questionnaire(request.user, slug)
    mine = list(perms.delegations_of(request.user, questionnaire))
    data = selectors.recap(questionnaire)
    by_delegation = {row["delegation"].pk: row for row in data["rows"]}
    return render(
        request,
        "arbitrages/detail.html",
        {
            "title": questionnaire.title,
            "breadcrumb": [HOME, (questionnaire.title, None)],
            "questionnaire": questionnaire,
            "questions": data["questions"],
            "my_rows": [by_delegation[d.pk] for d in mine if d.pk in by_delegation],
            "recap": data,
            "can_manage": perms.can_manage_questionnaires(request.user),
        },
    )


@login_required
def response_edit(request, slug, org_slug):
    questionnaire = perms.access_questionnaire(request.user, slug)
    delegation = get_object_or_404(questionnaire.delegations, slug=org_slug)
    response = ArbitrageResponse.objects.filter(questionnaire=questionnaire, delegation=delegation).first()
    can_edit = perms.can_answer(request.user, questionnaire, delegation)
    is_own = perms.delegations_of(request.user, questionnaire).filter(pk=delegation.pk).exists()
    if not (can_edit or is_own or perms.can_manage_questionnaires(request.user)):
        raise PermissionDenied
    form = ResponseForm(
        request.POST if request.method == "POST" else None,
        questionnaire=questionnaire,
        answers=response.answers if response else {},
    )
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            services.response_save(
                questionnaire=questionnaire, delegation=delegation, answers=form.answers(), by=request.user
            )
            messages.success(
                request,
                "La réponse de la délégation est enregistrée. Elle reste modifiable jusqu'à la date limite.",
            )
            return redirect("arbitrages:answer", slug=questionnaire.slug, org_slug=delegation.slug)
    revisions = response.revisions.select_related("created_by")[:20] if response else []
    return render(
        request,
        "arbitrages/answer.html",
        {
            "title": f"{questionnaire.title} — {delegation.name}",
            "breadcrumb": [
                HOME,
                (questionnaire.title, questionnaire.get_absolute_url()),
                (delegation.name, None),
            ],
            "questionnaire": questionnaire,
            "delegation": delegation,
            "response": response,
            "form": form,
            "can_edit": can_edit,
            "revisions": revisions,
            "readonly": [
                (q, q.format_answer((response.answers if response else {}).get(str(q.pk))))
                for q in form.questions
            ],
        },
    )


@login_required
def recap(request, slug):
    questionnaire = permitted(request, perms.access_questionnaire(request.user, slug), perms.can_view_recap)
    return render(
        request,
        "arbitrages/recap.html",
        {
            "title": f"Récapitulatif — {questionnaire.title}",
            "breadcrumb": [
                HOME,
                (questionnaire.title, questionnaire.get_absolute_url()),
                ("Récapitulatif", None),
            ],
            "questionnaire": questionnaire,
            "recap": selectors.recap(questionnaire),
            "can_manage": perms.can_manage_questionnaires(request.user),
        },
    )


def _managed(request, slug, status):
    """The questionnaire `slug`, for those who manage questionnaires, while it is in `status`."""
    questionnaire = perms.access_questionnaire(request.user, slug)
    if not perms.can_manage_questionnaires(request.user) or questionnaire.status != status:
        raise PermissionDenied
    return questionnaire


def _confirm(request, questionnaire, *, verb, **confirm):
    """The confirmation (box to tick) of a step in a questionnaire's life, back to its page."""
    url = questionnaire.get_absolute_url()
    return confirm_action(
        request,
        title=f"{verb} « {questionnaire.title} »",
        breadcrumb=[HOME, (questionnaire.title, url), (verb, None)],
        cancel_url=url,
        done_url=url,
        checkbox=True,
        **confirm,
    )


def _table(questionnaire):
    data = selectors.recap(questionnaire)
    header = ["Délégation", "État", *[q.short_label for q in data["questions"]], "Modifiée le", "Par"]
    rows = []
    for row in data["rows"]:
        response = row["response"]
        state = "complète" if row["complete"] else ("incomplète" if response else "pas de réponse")
        by = response.updated_by if response else None
        rows.append(
            [
                row["delegation"].name,
                state,
                *row["cells"],
                response.updated_at.strftime("%d/%m/%Y %H:%M") if response else "",
                f"{by.first_name} {by.last_name}".strip() if by else "",
            ]
        )
    return header, rows


@login_required
def export(request, slug, fmt):
    questionnaire = perms.access_questionnaire(request.user, slug)
    if not perms.can_manage_questionnaires(request.user):
        raise PermissionDenied
    header, rows = _table(questionnaire)
    filename = f"arbitrages-{questionnaire.slug}"
    if fmt not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    if fmt == "csv":
        return tabular.csv_response([header, *rows], filename=f"{filename}.csv")
    return tabular.xlsx_response(
        [header, *rows],
        filename=f"{filename}.xlsx",
        title="Récapitulatif",
        style=tabular.SheetStyle(freeze="B2", column_width=30, wrap=True),
    )


@login_required
def send(request, slug):
    questionnaire = _managed(request, slug, QuestionnaireStatus.DRAFT)
    return _confirm(
        request,
        questionnaire,
        verb="Envoyer",
        message=(
            f"Les membres des {questionnaire.delegations.count()} délégation(s) recevront un courriel "
            "et pourront répondre."
        ),
        button="Envoyer aux délégations",
        action=lambda: services.questionnaire_send(questionnaire=questionnaire),
        success=lambda count: f"Questionnaire envoyé : {count} courriel(s) aux membres des délégations.",
        danger=False,
    )


@login_required
@require_POST
def remind(request, slug):
    questionnaire = _managed(request, slug, QuestionnaireStatus.OPEN)
    count = services.questionnaire_remind(questionnaire=questionnaire)
    messages.success(request, f"Relance envoyée : {count} courriel(s) aux délégations sans réponse complète.")
    return redirect("arbitrages:recap", slug=questionnaire.slug)


@login_required
def close(request, slug):
    questionnaire = _managed(request, slug, QuestionnaireStatus.OPEN)
    return _confirm(
        request,
        questionnaire,
        verb="Clore",
        message="Les délégations ne pourront plus modifier leurs réponses.",
        button="Clore le questionnaire",
        action=lambda: services.questionnaire_close(questionnaire=questionnaire),
        success="Le questionnaire est clos : les réponses ne sont plus modifiables.",
    )


@login_required
def questionnaire_edit(request, slug=None):
    """Write (or, while still a draft, rewrite) a questionnaire and its questions."""
    if not perms.can_manage_questionnaires(request.user):
        raise PermissionDenied
    questionnaire = get_object_or_404(Questionnaire, slug=slug) if slug else None
    if questionnaire is not None and questionnaire.status != QuestionnaireStatus.DRAFT:
        messages.error(
            request,
            "Un questionnaire envoyé ne se modifie plus : les délégations y ont peut-être déjà répondu.",
        )
        return redirect(questionnaire)
    form = QuestionnaireForm(request.POST or None, instance=questionnaire)
    formset = QuestionFormSet(
        request.POST or None, instance=questionnaire or Questionnaire(), prefix="questions"
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        questionnaire = services.questionnaire_save(
            questionnaire=questionnaire,
            data={name: form.cleaned_data[name] for name in QuestionnaireForm.Meta.fields},
            questions=question_rows(formset),
            by=request.user,
        )
        messages.success(request, "Le questionnaire est enregistré (brouillon) : relisez-le puis envoyez-le.")
        return redirect(questionnaire)
    title = f"Modifier « {questionnaire.title} »" if questionnaire else "Nouveau questionnaire d'arbitrages"
    return render(
        request,
        "arbitrages/form.html",
        {
            "title": title,
            "breadcrumb": [HOME, (title, None)],
            "form": form,
            "formset": formset,
            "questionnaire": questionnaire,
        },
    )
