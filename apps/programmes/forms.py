from decimal import Decimal

from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core.forms import date_field, textarea_field
from apps.directory.forms import OrganisationLookupField
from apps.programmes.models import SupportFile


class SupportFileForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = SupportFile
        fields = ["subject", "expert", "budget_days", "used_days", "status", "qualification_note"]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 3}),
            "qualification_note": forms.Textarea(attrs={"rows": 12}),
        }
        error_messages = {
            "budget_days": {"invalid": "Indiquez un nombre de jours (par exemple 8 ou 4,5)."},
            "used_days": {"invalid": "Indiquez un nombre de jours (par exemple 2 ou 0,5)."},
        }

    def __init__(self, *args, can_manage=False, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.days.exists() and "used_days" in self.fields:
            # Logged accompaniment days are the truth: their sum is shown, not typed.
            del self.fields["used_days"]
        if not can_manage:
            # The delegation describes its project; the budget and its follow-up are the programme team's.
            for name in ("expert", "budget_days", "used_days", "status"):
                self.fields.pop(name, None)

    def clean(self):
        cleaned = super().clean()
        for name in ("budget_days", "used_days"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, "Le nombre de jours ne peut pas être négatif.")
        return cleaned


# --- The programme team's forms (no /admin/) --------------------------------------------------------


class ProgrammeForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=200, error_messages={"required": "Indiquez le titre."})
    summary = forms.CharField(label="Résumé", max_length=300, required=False)
    description = textarea_field(
        label="Présentation", required=False, help_text="Markdown simple accepté.", rows=6
    )
    organiser = OrganisationLookupField(label="Porté par", required=False)
    start_date = date_field("Début", invalid="Saisissez une date de début valide (jj/mm/aaaa).")
    end_date = date_field("Fin", invalid="Saisissez une date de fin valide (jj/mm/aaaa).")
    support_questions = textarea_field(
        label="Questions de la note de qualification",
        required=False,
        help_text="Une question par ligne : chaque délégation y répond dans sa note de qualification.",
        rows=4,
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "La fin du parcours ne peut pas précéder son début.")
        return cleaned


class PhaseForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=200, error_messages={"required": "Indiquez le titre."})
    position = forms.IntegerField(
        label="Ordre",
        min_value=0,
        max_value=999,
        initial=1,
        help_text="Les phases s'affichent de la plus petite à la plus grande valeur.",
        error_messages={"invalid": "Indiquez un nombre entier."},
    )
    description = textarea_field(label="Description", required=False, rows=3)
    events = forms.ModelMultipleChoiceField(
        label="Sessions de l'agenda",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Événements de l'agenda autour des dates du parcours.",
    )

    def __init__(self, *args, events, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["events"].queryset = events
        self.fields["events"].label_from_instance = lambda e: f"{e.start:%d/%m/%Y} — {e.title}"
        if not events.exists():
            del self.fields["events"]


class EnrolmentCreateForm(DsfrBaseForm):
    organisation = OrganisationLookupField(
        label="Organisation de la délégation", error_messages={"required": "Indiquez l'organisation."}
    )
    label = forms.CharField(
        label="Nom court",
        max_length=100,
        required=False,
        help_text="Par exemple le nom du territoire : « Annecy ».",
    )


class EnrolmentForm(DsfrBaseForm):
    label = forms.CharField(label="Nom court", max_length=100, required=False)
    members = forms.ModelMultipleChoiceField(
        label="Membres de la délégation", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = people
        self.fields["members"].label_from_instance = lambda p: " — ".join(
            filter(None, [p.full_name, p.get_category_display(), p.function])
        )


class SupportDayForm(DsfrBaseForm):
    date = date_field("Date", required="Indiquez la date.")
    days = forms.DecimalField(
        label="Durée (jours)",
        min_value=Decimal("0.5"),
        max_value=Decimal("30"),
        decimal_places=1,
        initial=1,
        localize=True,
        error_messages={
            "invalid": "Indiquez un nombre de jours (par exemple 1 ou 0,5).",
            "min_value": "Au moins une demi-journée (0,5).",
            "max_value": "30 jours au plus par saisie.",
        },
    )
    expert = forms.CharField(label="Expert·e", max_length=200, required=False)
    notes = textarea_field(label="Compte rendu", required=False, help_text="Markdown simple accepté.", rows=4)
