from django import forms
from dsfr.forms import DsfrBaseForm

from apps.arbitrages.models import ArbitrageQuestion, QuestionKind, Questionnaire
from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.directory.forms import ORGANISATIONS_HELP, organisations_widget

YES_NO = [("yes", "Oui"), ("no", "Non")]


def grid_field_name(question, index: int) -> str:
    return f"q{question.pk}_r{index}"


class ResponseForm(DsfrBaseForm):
    """One field per question (one per row for availability grids); `answers()` gives the JSON to store."""

    def __init__(self, *args, questionnaire, answers: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questionnaire.questions.all())
        answers = answers or {}
        for q in self.questions:
            value = answers.get(str(q.pk))
            common = {"label": q.label, "help_text": q.help_text, "required": q.required}
            messages = {"required": "Répondez à cette question (elle est obligatoire)."}
            if q.kind == QuestionKind.YES_NO:
                field = forms.ChoiceField(
                    choices=YES_NO, widget=forms.RadioSelect, error_messages=messages, **common
                )
            elif q.kind == QuestionKind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in q.choice_list],
                    widget=forms.RadioSelect,
                    error_messages={**messages, "invalid_choice": "Choisissez une des réponses proposées."},
                    **common,
                )
            elif q.kind == QuestionKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in q.choice_list],
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={**messages, "invalid_choice": "Choisissez parmi les réponses proposées."},
                    **common,
                )
            elif q.kind == QuestionKind.TEXT:
                field = core_forms.textarea_field(
                    max_length=5000,
                    error_messages={**messages, "max_length": "5 000 caractères au plus."},
                    **common,
                    rows=4,
                )
            elif q.kind == QuestionKind.DATE:
                field = forms.DateField(
                    widget=DATE,
                    error_messages={**messages, "invalid": "Saisissez une date valide."},
                    **common,
                )
            else:
                # Grid: one checkbox group per date, columns = actor categories; never required per row.
                for index, row in enumerate(q.row_list):
                    name = grid_field_name(q, index)
                    self.fields[name] = forms.MultipleChoiceField(
                        label=f"{q.short_label} — {row} : disponibles",
                        choices=[(c, c) for c in q.column_list],
                        widget=forms.CheckboxSelectMultiple,
                        required=False,
                        help_text=q.help_text if index == 0 else "",
                        error_messages={"invalid_choice": "Catégorie inconnue."},
                    )
                    self.initial[name] = (value or {}).get(row, [])
                continue
            self.fields[f"q{q.pk}"] = field
            if value not in (None, ""):
                self.initial[f"q{q.pk}"] = value

    def answers(self) -> dict:
        data = {}
        for q in self.questions:
            if q.kind == QuestionKind.GRID:
                data[str(q.pk)] = {
                    row: self.cleaned_data.get(grid_field_name(q, i), []) for i, row in enumerate(q.row_list)
                }
                continue
            value = self.cleaned_data.get(f"q{q.pk}")
            if q.kind == QuestionKind.DATE and value:
                value = value.isoformat()
            data[str(q.pk)] = value if value not in (None,) else ""
        return data


class QuestionnaireForm(DsfrBaseForm, forms.ModelForm):
    deadline = forms.DateTimeField(
        label="Date limite",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Date et heure invalides."},
    )
    whole_programme = forms.BooleanField(
        label="Envoyer à toutes les délégations du parcours",
        required=False,
        help_text="Sinon, choisissez les délégations ci-dessous.",
    )

    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Questionnaire
        fields = ["title", "programme", "intro", "deadline", "delegations"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 5}),
            "delegations": organisations_widget(),
        }
        error_messages = {"title": {"required": "Donnez un titre au questionnaire."}}
        help_texts = {"delegations": ORGANISATIONS_HELP}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.directory.models import Organisation

        self.fields["delegations"].queryset = Organisation.objects.active().only("pk", "name")
        self.fields["delegations"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("whole_programme"):
            programme = cleaned.get("programme")
            if programme is None:
                self.add_error(
                    "programme", "Choisissez le parcours dont les délégations recevront le questionnaire."
                )
            else:
                cleaned["delegations"] = [
                    e.organisation for e in programme.enrolments.select_related("organisation")
                ]
        if not cleaned.get("delegations"):
            self.add_error("delegations", "Choisissez au moins une délégation.")
        return cleaned


class QuestionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = ArbitrageQuestion
        fields = [
            "position",
            "kind",
            "short_label",
            "label",
            "help_text",
            "required",
            "choices",
            "grid_rows",
            "grid_columns",
        ]
        widgets = {
            "label": forms.Textarea(attrs={"rows": 2}),
            "help_text": forms.Textarea(attrs={"rows": 2}),
            "choices": forms.Textarea(attrs={"rows": 3}),
            "grid_rows": forms.Textarea(attrs={"rows": 3}),
            "grid_columns": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "kind": {"required": "Choisissez le type de question."},
            "short_label": {"required": "Donnez un titre court (il sert de colonne au récapitulatif)."},
            "label": {"required": "Écrivez la question."},
        }

    def has_changed(self):
        # A blank extra question is skipped even though browsers send the grid columns' default
        # text back with CRLF line ends (which Django would count as a change).
        if self.instance.pk is None:
            return any(
                self.data.get(self.add_prefix(name), "").strip() for name in ("kind", "short_label", "label")
            )
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if (
            kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
            and len([c for c in (cleaned.get("choices") or "").splitlines() if c.strip()]) < 2
        ):
            self.add_error("choices", "Proposez au moins deux choix, un par ligne.")
        if kind == QuestionKind.GRID:
            if not (cleaned.get("grid_rows") or "").strip():
                self.add_error("grid_rows", "Indiquez les dates ou créneaux de la grille, un par ligne.")
            if not (cleaned.get("grid_columns") or "").strip():
                self.add_error("grid_columns", "Indiquez les catégories d'acteurs, une par ligne.")
        return cleaned


def question_rows(formset: forms.BaseInlineFormSet) -> list[dict]:
    """The questions a valid formset keeps, as data for `questionnaire_save` (blank extra forms
    and deleted ones left out)."""
    rows = []
    for form in formset.forms:
        if form.cleaned_data.get("DELETE") or (form.instance.pk is None and not form.has_changed()):
            continue
        row = {
            name: form.cleaned_data[name] for name in QuestionForm.Meta.fields if name in form.cleaned_data
        }
        row["question"] = form.instance if form.instance.pk else None
        rows.append(row)
    return rows


QuestionFormSet = forms.inlineformset_factory(
    Questionnaire,
    ArbitrageQuestion,
    form=QuestionForm,
    extra=2,
    can_delete=True,
    min_num=1,
    validate_min=True,
)
