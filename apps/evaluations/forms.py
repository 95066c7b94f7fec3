from datetime import timedelta

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm
from dsfr.widgets import InlineRadioSelect

from apps.core import forms as core_forms
from apps.directory.models import OrganisationType, PersonCategory
from apps.evaluations.models import DEFAULT_SCALE_LABELS, AudienceKind, QuestionKind
from apps.events.models import Audience as EventAudience
from apps.events.models import Event, EventStatus
from apps.territories.models import Territory


class SurveyForm(DsfrBaseForm):
    title = forms.CharField(
        label="Titre", max_length=200, error_messages={"required": "Donnez un titre à l'évaluation."}
    )
    introduction = core_forms.textarea_field(
        label="Présentation",
        required=False,
        help_text="Ce que les membres lisent avant de répondre : pourquoi, combien de temps, ce que vous ferez des réponses.",
        rows=4,
    )
    opens_on = core_forms.date_field("Ouverture le", required="Indiquez la date d'ouverture.")
    closes_on = core_forms.date_field(
        "Clôture le",
        required="Indiquez la date de clôture.",
        help_text="Les réponses restent modifiables jusqu'à ce jour inclus.",
    )
    is_anonymous = forms.BooleanField(
        label="Évaluation anonyme",
        required=False,
        help_text="Les résultats ne montrent jamais qui a répondu quoi, ni aucun groupe de moins de 5 réponses.",
    )
    per_organisation = forms.BooleanField(
        label="Une réponse par organisation",
        required=False,
        help_text="Les membres d'une même organisation partagent alors une seule réponse, que chacun·e peut modifier.",
    )
    audience = forms.ChoiceField(
        label="Public", choices=AudienceKind.choices, widget=forms.RadioSelect, initial=AudienceKind.ALL
    )
    segment_categories = forms.MultipleChoiceField(
        label="Catégories de personnes",
        choices=PersonCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Pour « une partie des membres » : aucune case cochée = toutes les catégories.",
    )
    segment_organisation_types = forms.MultipleChoiceField(
        label="Types d'organisation",
        choices=OrganisationType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Aucune case cochée = tous les types.",
    )
    segment_region = core_forms.ModelChoiceField(
        label="Région",
        queryset=Territory.objects.filter(kind="region", is_current=True).order_by("name"),
        required=False,
        empty_label="Toutes les régions",
    )
    events = core_forms.ModelMultipleChoiceField(
        label="Événements",
        queryset=Event.objects.none(),
        required=False,
        help_text=(
            "Pour « les participant·es de certains événements » : les personnes inscrites qui n'ont pas été "
            "notées absentes. Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
        ),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        since = timezone.now() - timedelta(days=550)
        self.fields["events"].queryset = (
            Event.objects.filter(status=EventStatus.PUBLISHED, start__gte=since)
            .exclude(audience=EventAudience.GROUP)
            .order_by("-start")
        )
        self.fields["events"].label_from_instance = lambda e: f"{e.title} ({e.start:%d/%m/%Y})"

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "La clôture doit suivre l'ouverture.")
        if cleaned.get("audience") == AudienceKind.EVENTS and not cleaned.get("events"):
            self.add_error("events", "Choisissez au moins un événement.")
        return cleaned


class QuestionForm(DsfrBaseForm):
    kind = forms.ChoiceField(label="Type de question", choices=QuestionKind.choices)
    label = forms.CharField(
        label="Question", max_length=300, error_messages={"required": "Écrivez la question."}
    )
    help_text = forms.CharField(label="Précision", max_length=300, required=False)
    required = forms.BooleanField(label="Réponse obligatoire", required=False)
    choices = core_forms.textarea_field(
        label="Options",
        required=False,
        help_text=(
            "Une par ligne. Choix unique ou multiple : au moins deux options. Échelle : les cinq libellés de 1 à 5 "
            f"(vide = « {DEFAULT_SCALE_LABELS[0]} » … « {DEFAULT_SCALE_LABELS[-1]} »)."
        ),
        rows=5,
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        lines = [line.strip() for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(lines) < 2:
            self.add_error("choices", "Donnez au moins deux options, une par ligne.")
        elif kind == QuestionKind.SCALE and lines and len(lines) != 5:
            self.add_error(
                "choices", f"Une échelle a cinq libellés (de 1 à 5) : vous en avez donné {len(lines)}."
            )
        elif kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE) and len(set(lines)) != len(lines):
            self.add_error("choices", "Deux options sont identiques.")
        cleaned["choice_list"] = (
            lines if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE) else []
        )
        return cleaned


class AnswerForm(DsfrBaseForm):
    """One field per question of the survey, named q<id>."""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.all())
        for question in self.questions:
            self.fields[f"q{question.pk}"] = self._field(question)

    @staticmethod
    def _field(question):
        common = {
            "label": question.label,
            "help_text": question.help_text,
            "required": question.required,
            "error_messages": {"required": "Cette question demande une réponse."},
        }
        if question.kind == QuestionKind.SCALE:
            choices = [(str(i), f"{i} — {label}") for i, label in enumerate(question.scale_labels, start=1)]
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
        if question.kind == QuestionKind.NPS:
            common["help_text"] = (
                question.help_text or "0 : pas du tout probable ; 10 : tout à fait probable."
            )
            choices = [(str(i), str(i)) for i in range(11)]
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=InlineRadioSelect, **common)
        if question.kind == QuestionKind.SINGLE:
            choices = [(str(i), option) for i, option in enumerate(question.choices)]
            return forms.TypedChoiceField(choices=choices, coerce=int, widget=forms.RadioSelect, **common)
        if question.kind == QuestionKind.MULTIPLE:
            choices = [(str(i), option) for i, option in enumerate(question.choices)]
            return forms.TypedMultipleChoiceField(
                choices=choices, coerce=int, widget=forms.CheckboxSelectMultiple, **common
            )
        return core_forms.textarea_field(max_length=5000, **common, rows=4)

    def answers(self) -> dict[int, object]:
        return {question.pk: self.cleaned_data.get(f"q{question.pk}") for question in self.questions}

    @staticmethod
    def initial_from(response) -> dict[str, object]:
        initial = {}
        for answer in response.answers.select_related("question"):
            key = f"q{answer.question_id}"
            question = answer.question
            if question.is_numeric:
                initial[key] = str(answer.number)
            elif question.kind == QuestionKind.SINGLE:
                initial[key] = str(answer.options[0]) if answer.options else None
            elif question.kind == QuestionKind.MULTIPLE:
                initial[key] = [str(o) for o in answer.options]
            else:
                initial[key] = answer.text
        return initial
