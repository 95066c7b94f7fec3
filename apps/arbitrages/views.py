import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from apps.arbitrages import perms, selectors, services
from apps.arbitrages.forms import ConfirmForm, QuestionFormSet, QuestionnaireForm, ResponseForm
from apps.arbitrages.models import Questionnaire, QuestionnaireStatus, Response

HOME = ("Arbitrages", "/arbitrages/")


def _get(request, slug):
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("programme"), slug=slug)
    if not perms.can_view_questionnaire(request.user, questionnaire):
        raise PermissionDenied
    return questionnaire


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
    questionnaire = _get(request, slug)
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
    questionnaire = _get(request, slug)
    delegation = get_object_or_404(questionnaire.delegations, slug=org_slug)
    response = Response.objects.filter(questionnaire=questionnaire, delegation=delegation).first()
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
    questionnaire = _get(request, slug)
    if not perms.can_view_recap(request.user, questionnaire):
        raise PermissionDenied
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
    questionnaire = _get(request, slug)
    if not perms.can_manage_questionnaires(request.user):
        raise PermissionDenied
    header, rows = _table(questionnaire)
    filename = f"arbitrages-{questionnaire.slug}"
    if fmt not in ("csv", "xlsx"):
        raise Http404("Format inconnu.")
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(header)
        writer.writerows(rows)
        return response
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Récapitulatif"
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    for column in ws.columns:
        ws.column_dimensions[column[0].column_letter].width = 30
        for cell in column:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@login_required
def send(request, slug):
    questionnaire = _get(request, slug)
    if not perms.can_manage_questionnaires(request.user) or questionnaire.status != QuestionnaireStatus.DRAFT:
        raise PermissionDenied
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.questionnaire_send(questionnaire=questionnaire)
        messages.success(request, f"Questionnaire envoyé : {count} courriel(s) aux membres des délégations.")
        return redirect(questionnaire)
    return render(
        request,
        "arbitrages/confirm.html",
        {
            "title": f"Envoyer « {questionnaire.title} »",
            "breadcrumb": [HOME, (questionnaire.title, questionnaire.get_absolute_url()), ("Envoyer", None)],
            "form": form,
            "message": f"Les membres des {questionnaire.delegations.count()} délégation(s) recevront un courriel et pourront répondre.",
            "button": "Envoyer aux délégations",
            "cancel_url": questionnaire.get_absolute_url(),
        },
    )


@login_required
@require_POST
def remind(request, slug):
    questionnaire = _get(request, slug)
    if not perms.can_manage_questionnaires(request.user) or questionnaire.status != QuestionnaireStatus.OPEN:
        raise PermissionDenied
    count = services.questionnaire_remind(questionnaire=questionnaire)
    messages.success(request, f"Relance envoyée : {count} courriel(s) aux délégations sans réponse complète.")
    return redirect("arbitrages:recap", slug=questionnaire.slug)


@login_required
def close(request, slug):
    questionnaire = _get(request, slug)
    if not perms.can_manage_questionnaires(request.user) or questionnaire.status != QuestionnaireStatus.OPEN:
        raise PermissionDenied
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.questionnaire_close(questionnaire=questionnaire)
        messages.success(request, "Le questionnaire est clos : les réponses ne sont plus modifiables.")
        return redirect(questionnaire)
    return render(
        request,
        "arbitrages/confirm.html",
        {
            "title": f"Clore « {questionnaire.title} »",
            "breadcrumb": [HOME, (questionnaire.title, questionnaire.get_absolute_url()), ("Clore", None)],
            "form": form,
            "message": "Les délégations ne pourront plus modifier leurs réponses.",
            "button": "Clore le questionnaire",
            "cancel_url": questionnaire.get_absolute_url(),
        },
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
        questionnaire = services.questionnaire_save(form=form, formset=formset, user=request.user)
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
