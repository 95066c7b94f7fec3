from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from apps.core import tabular
from apps.core.access import deny, deny_unless, ensure
from apps.core.confirm import confirm_action
from apps.core.forms import pick
from apps.evaluations import exports, perms, selectors, services
from apps.evaluations.charts import charts, group_tables
from apps.evaluations.forms import AnswerForm, QuestionForm, SurveyForm
from apps.evaluations.models import EvaluationQuestion, Survey

INDEX = ("Évaluation du réseau", "/evaluations/")


def _survey(slug, request=None, rule=None) -> Survey:
    """The survey `slug`; with `rule`, only for whom `rule(user, survey)` allows (404 otherwise)."""
    survey = get_object_or_404(Survey, slug=slug)
    if rule is not None:
        ensure(request, rule(request.user, survey))
    return survey


def _editable_question(request, slug, pk):
    """The survey, its question `pk` (404 if not its own) and the refusal to change it (none while
    nobody has answered and the user manages the survey): editing, deleting and moving share it."""
    survey = _survey(slug)
    question = get_object_or_404(EvaluationQuestion, pk=pk, survey=survey)
    return survey, question, deny_unless(request, perms.can_edit_questions(request.user, survey))


def _crumbs(survey, *rest):
    return [INDEX, (survey.title, survey.get_absolute_url()), *rest]


def _question_form(request, survey, *, save, title, success, initial=None):
    """Add or change a question: `save(fields)` calls the service with the form's fields."""
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        save(pick(form.cleaned_data, "kind", "label", "help_text", "required", choices="choice_list"))
        messages.success(request, success)
        return redirect(f"{survey.get_absolute_url()}#questions")
    return render(
        request,
        "evaluations/question_form.html",
        {"title": title, "breadcrumb": _crumbs(survey, (title, None)), "form": form, "survey": survey},
    )


@login_required
def index(request):
    if refused := deny_unless(request, perms.can_view_surveys(request.user)):
        return refused
    today = timezone.localdate()
    context = {"title": "Évaluation du réseau", "breadcrumb": [(INDEX[0], None)]}
    if perms.can_manage_surveys(request.user):
        page_obj = Paginator(Survey.objects.all(), 20).get_page(request.GET.get("page"))
        context["page_obj"] = page_obj
        context["counts"] = selectors.counts(survey_ids=[s.pk for s in page_obj.object_list])
        context["surveys"] = [(s, context["counts"].get(s.pk, 0)) for s in page_obj.object_list]
        context["can_manage"] = True
    open_surveys = selectors.open_surveys_for(request.user, day=today)
    context["open_surveys"] = [(s, selectors.response_of(s, request.user)) for s in open_surveys]
    return render(request, "evaluations/index.html", context)


@login_required
def create(request):
    if refused := deny_unless(request, perms.can_manage_surveys(request.user)):
        return refused
    form = SurveyForm(request.POST or None, initial={"is_anonymous": True})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.survey_create(user=request.user, data=data, events=data["events"])
        messages.success(request, "L'évaluation est créée : ajoutez ses questions.")
        return redirect(survey)
    return render(
        request,
        "evaluations/survey_form.html",
        {"title": "Nouvelle évaluation", "breadcrumb": [INDEX, ("Nouvelle évaluation", None)], "form": form},
    )


@login_required
def update(request, slug):
    survey = _survey(slug, request, perms.can_manage_survey)
    initial = {
        **{key: getattr(survey, key) for key in services.SURVEY_FIELDS},
        "events": survey.events.all(),
    }
    form = SurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.survey_update(survey=survey, data=data, events=data["events"])
        messages.success(request, "Les modifications sont enregistrées.")
        return redirect(survey)
    return render(
        request,
        "evaluations/survey_form.html",
        {
            "title": f"Modifier « {survey.title} »",
            "breadcrumb": _crumbs(survey, ("Modifier", None)),
            "form": form,
            "survey": survey,
        },
    )


@login_required
def detail(request, slug):
    survey = _survey(slug)
    if not perms.can_manage_survey(request.user, survey):
        if perms.can_answer(request.user, survey):
            return redirect("evaluations:answer", slug=survey.slug)
        return deny(request)
    responses = survey.responses.count()
    return render(
        request,
        "evaluations/detail.html",
        {
            "title": survey.title,
            "breadcrumb": [INDEX, (survey.title, None)],
            "survey": survey,
            "questions": survey.questions.all(),
            "responses": responses,
            "audience": selectors.audience_users(survey).count(),
            "invited": survey.invitations.count(),
            "question_form": QuestionForm(),
            "can_edit_questions": perms.can_edit_questions(request.user, survey),
            "can_send": perms.can_send_invitations(request.user, survey),
        },
    )


@login_required
def question_add(request, slug):
    survey = _survey(slug, request, perms.can_manage_survey)
    if not perms.can_edit_questions(request.user, survey):
        messages.error(request, "Des membres ont déjà répondu : les questions ne se modifient plus.")
        return redirect(survey)
    return _question_form(
        request,
        survey,
        save=lambda fields: services.question_add(survey=survey, **fields),
        title="Ajouter une question",
        success="La question est ajoutée.",
    )


@login_required
def question_update(request, slug, pk):
    survey, question, refused = _editable_question(request, slug, pk)
    if refused:
        return refused
    initial = {
        "kind": question.kind,
        "label": question.label,
        "help_text": question.help_text,
        "required": question.required,
        "choices": "\n".join(question.choices),
    }
    return _question_form(
        request,
        survey,
        initial=initial,
        save=lambda fields: services.question_update(question=question, **fields),
        title="Modifier la question",
        success="La question est modifiée.",
    )


@login_required
def question_delete(request, slug, pk):
    survey, question, refused = _editable_question(request, slug, pk)
    if refused:
        return refused
    return confirm_action(
        request,
        title="Supprimer la question",
        breadcrumb=_crumbs(survey, ("Supprimer une question", None)),
        message=f"La question « {question.label} » sera supprimée du questionnaire.",
        button="Supprimer la question",
        cancel_url=survey.get_absolute_url(),
        action=lambda: services.question_delete(question=question),
        success="La question est supprimée.",
        done_url=survey.get_absolute_url(),
        checkbox=True,
    )


@login_required
@require_POST
def question_move(request, slug, pk):
    survey, question, refused = _editable_question(request, slug, pk)
    if refused:
        return refused
    services.question_move(question=question, offset=-1 if request.POST.get("direction") == "up" else 1)
    return redirect(f"{survey.get_absolute_url()}#questions")


@login_required
def publish(request, slug):
    survey = _survey(slug, request, perms.can_manage_survey)
    if survey.is_published:
        if survey.responses.exists():
            messages.error(request, "Des membres ont déjà répondu : l'évaluation reste publiée.")
            return redirect(survey)
        return confirm_action(
            request,
            title="Repasser en brouillon",
            breadcrumb=_crumbs(survey, ("Repasser en brouillon", None)),
            message="Les membres ne verront plus l'évaluation jusqu'à sa prochaine publication.",
            button="Repasser en brouillon",
            cancel_url=survey.get_absolute_url(),
            action=lambda: services.survey_unpublish(survey=survey),
            success="L'évaluation est repassée en brouillon.",
            done_url=survey.get_absolute_url(),
        )
    if not survey.questions.exists():
        messages.error(request, "Ajoutez au moins une question avant de publier.")
        return redirect(survey)
    return confirm_action(
        request,
        title="Publier l'évaluation",
        breadcrumb=_crumbs(survey, ("Publier", None)),
        message=(
            f"Les membres de son public pourront répondre du {survey.opens_on:%d/%m/%Y} au "
            f"{survey.closes_on:%d/%m/%Y}. Les questions ne se modifieront plus après la première réponse."
        ),
        button="Publier",
        cancel_url=survey.get_absolute_url(),
        action=lambda: services.survey_publish(survey=survey),
        success="L'évaluation est publiée.",
        done_url=survey.get_absolute_url(),
    )


@login_required
def send(request, slug, kind):
    survey = _survey(slug, request, perms.can_manage_survey)
    if not perms.can_send_invitations(request.user, survey):
        messages.error(request, "Les invitations partent pendant que l'évaluation est publiée et ouverte.")
        return redirect(survey)
    reminder = kind == "relance"
    audience = selectors.audience_users(survey).count()
    return confirm_action(
        request,
        title="Relancer les membres" if reminder else "Envoyer les invitations",
        breadcrumb=_crumbs(survey, ("Relance" if reminder else "Invitations", None)),
        message=(
            "Un courriel de relance part, une seule fois, vers chaque personne invitée qui n'a pas encore répondu."
            if reminder
            else f"Un courriel d'invitation part vers chacune des {audience} personnes du public qui ne l'a pas "
            "encore reçu (les personnes déjà invitées ne le reçoivent pas deux fois)."
        ),
        button="Relancer" if reminder else "Envoyer les invitations",
        cancel_url=survey.get_absolute_url(),
        action=lambda: services.survey_invitations_enqueue(survey=survey, reminder=reminder),
        success="Les courriels partent en arrière-plan.",
        done_url=survey.get_absolute_url(),
    )


@login_required
def delete(request, slug):
    survey = _survey(slug, request, perms.can_manage_survey)
    return confirm_action(
        request,
        title=f"Supprimer « {survey.title} »",
        breadcrumb=_crumbs(survey, ("Supprimer", None)),
        message="L'évaluation, ses questions et toutes ses réponses seront définitivement supprimées.",
        button="Supprimer l'évaluation",
        cancel_url=survey.get_absolute_url(),
        action=lambda: services.survey_delete(survey=survey),
        success="L'évaluation est supprimée.",
        done_url=reverse("evaluations:index"),
        checkbox=True,
    )


@login_required
def answer(request, slug):
    survey = _survey(slug, request, perms.can_answer)
    response = selectors.response_of(survey, request.user)
    initial = AnswerForm.initial_from(response) if response else None
    form = AnswerForm(request.POST or None, survey=survey, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.response_save(survey=survey, user=request.user, answers=form.answers())
        messages.success(
            request,
            f"Merci : votre réponse est enregistrée. Vous pouvez la modifier jusqu'au {survey.closes_on:%d/%m/%Y} inclus.",
        )
        return redirect("evaluations:answer", slug=survey.slug)
    organisation = (
        selectors.respondent_organisation(survey, request.user) if survey.per_organisation else None
    )
    return render(
        request,
        "evaluations/answer.html",
        {
            "title": survey.title,
            "breadcrumb": [INDEX, (survey.title, None)],
            "survey": survey,
            "form": form,
            "response": response,
            "organisation": organisation,
        },
    )


@login_required
def results(request, slug):
    survey = _survey(slug, request, perms.can_view_results)
    data = selectors.results_cached(survey)
    return render(
        request,
        "evaluations/results.html",
        {
            "title": f"Résultats — {survey.title}",
            "breadcrumb": _crumbs(survey, ("Résultats", None)),
            "survey": survey,
            "results": data,
            "charts": charts(data),
            "group_tables": group_tables(data),
        },
    )


@login_required
def results_export(request, slug, fmt):
    survey = _survey(slug, request, perms.can_view_results)
    rows = exports.response_rows(survey)
    if rows is None:
        messages.error(request, "Moins de 5 réponses à une évaluation anonyme : rien ne s'exporte encore.")
        return redirect("evaluations:results", slug=survey.slug)
    filename = f"evaluation-{survey.slug}"
    if fmt == "xlsx":
        return tabular.xlsx_response(rows, filename=f"{filename}.xlsx", title="Réponses")
    return tabular.csv_response(rows, filename=f"{filename}.csv")
