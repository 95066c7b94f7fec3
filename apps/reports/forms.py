import datetime

from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.core.forms import date_field, textarea_field


class ReportCreateForm(DsfrBaseForm):
    """A calendar year by default; any period otherwise (both dates)."""

    year = forms.IntegerField(
        label="Année",
        min_value=2000,
        max_value=2100,
        required=False,
        error_messages={
            "min_value": "Année invalide.",
            "max_value": "Année invalide.",
            "invalid": "Année invalide.",
        },
    )
    start = date_field("Ou bien du")
    end = date_field("au")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].help_text = "Du 1er janvier au 31 décembre."
        self.fields["start"].help_text = "Pour une autre période que l'année civile : les deux dates."

    def clean(self):
        cleaned = super().clean()
        start, end, year = cleaned.get("start"), cleaned.get("end"), cleaned.get("year")
        if self.errors:
            return cleaned
        if start or end:
            if not (start and end):
                raise forms.ValidationError("Indiquez les deux dates de la période.")
            if end < start:
                self.add_error("end", "La fin de la période doit suivre son début.")
            elif (end - start).days > 2 * 366:
                self.add_error("end", "Une période de deux ans au plus.")
        elif year:
            cleaned["start"], cleaned["end"] = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        else:
            raise forms.ValidationError("Choisissez une année ou une période.")
        return cleaned


class ReportTextsForm(DsfrBaseForm):
    title = forms.CharField(
        label="Titre", max_length=200, error_messages={"required": "Donnez un titre au bilan."}
    )
    introduction = textarea_field(
        label="Introduction",
        required=False,
        help_text="Markdown simple : **gras**, *italique*, listes avec « - ».",
        rows=8,
    )
    highlights = textarea_field(label="Faits marquants", required=False, rows=8)
    proposals = textarea_field(label="Propositions d'évolution pour l'année suivante", required=False, rows=8)
