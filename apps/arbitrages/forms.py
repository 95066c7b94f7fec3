from django import forms
from dsfr.forms import DsfrBaseForm

from apps.arbitrages.models import QuestionKind

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
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}),
                    max_length=5000,
                    error_messages={**messages, "max_length": "5 000 caractères au plus."},
                    **common,
                )
            elif q.kind == QuestionKind.DATE:
                field = forms.DateField(
                    widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
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


class ConfirmForm(DsfrBaseForm):
    confirm = forms.BooleanField(
        label="Je confirme", required=True, error_messages={"required": "Cochez la case pour confirmer."}
    )
