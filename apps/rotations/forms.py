from django import forms
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.core.widgets import UploadInput
from apps.directory.models import PersonCategory
from apps.rotations.models import Format, RotationPlan
from apps.rotations.services import SETTINGS_FIELDS


class PlanForm(DsfrBaseForm, forms.ModelForm):
    starts_at = forms.DateTimeField(
        label="Début du premier tour",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"],
        help_text="Heure locale de l'événement. Sert à afficher l'heure de chaque tour.",
        error_messages={"invalid": "Saisissez une date et une heure, par exemple 28/04/2027 10:30."},
    )

    class Meta:
        model = RotationPlan
        fields = list(SETTINGS_FIELDS)  # what plan_update takes
        widgets = {"table_labels": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Donnez un intitulé, par exemple « Speed dating du matin »."},
            "tables": {"required": "Indiquez le nombre de tables."},
            "seats": {"required": "Indiquez le nombre de places par table."},
            "rounds": {"required": "Indiquez le nombre de tours."},
        }
        help_texts = {
            "seats": "2 pour un speed dating en tête-à-tête ; 4 à 8 pour des petites tables ou un world café.",
            "format": "World café : chaque table a un·e hôte qui reste, les autres changent de table à chaque tour.",
        }

    def __init__(self, *args, event=None, **kwargs):
        self.event = event
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.starts_at:
            self.initial["starts_at"] = timezone.localtime(
                self.instance.starts_at, self.instance.event.tz
            ).strftime("%Y-%m-%dT%H:%M")

    def _range(self, name, low, high, what):
        value = self.cleaned_data.get(name)
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(f"{what} : entre {low} et {high}.")
        return value

    def clean_tables(self):
        return self._range("tables", 1, 200, "Nombre de tables")

    def clean_seats(self):
        return self._range("seats", 2, 30, "Places par table")

    def clean_rounds(self):
        return self._range("rounds", 1, 30, "Nombre de tours")

    def clean_round_minutes(self):
        return self._range("round_minutes", 1, 240, "Durée d'un tour")

    def clean_break_minutes(self):
        return self._range("break_minutes", 0, 120, "Battement")

    def clean_starts_at(self):
        value = self.cleaned_data.get("starts_at")
        event = self.event or (self.instance.event if self.instance.pk else None)
        if value is not None and event is not None:
            # Typed in the event's local time (a workshop in La Réunion is planned in Réunion time).
            value = timezone.make_aware(value.replace(tzinfo=None), event.tz)
        return value


class ParticipantForm(DsfrBaseForm):
    name = forms.CharField(label="Prénom et nom", max_length=200)
    organisation_name = forms.CharField(
        label="Organisation",
        max_length=255,
        required=False,
        help_text="Telle qu'elle figure dans l'annuaire si possible.",
    )
    category = forms.ChoiceField(
        label="Catégorie d'acteurs", choices=[("", "Non précisée"), *PersonCategory.choices], required=False
    )
    departement = forms.CharField(
        label="Département", max_length=3, required=False, help_text="Code, par exemple 74 ou 2A."
    )
    host_table = forms.IntegerField(label="Anime la table n°", required=False, min_value=1)

    def __init__(self, *args, plan=None, **kwargs):
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Indiquez le nom de la personne."
        if plan is not None:
            self.fields["host_table"].max_value = plan.tables
            self.fields["host_table"].error_messages["max_value"] = f"Il y a {plan.tables} tables."
        self.fields["host_table"].error_messages["min_value"] = "Les tables sont numérotées à partir de 1."

    def clean_departement(self):
        from apps.territories.models import Kind, Territory

        code = (self.cleaned_data.get("departement") or "").strip().upper()
        if len(code) == 1 and code.isdigit():
            code = f"0{code}"
        if code and not Territory.objects.filter(kind=Kind.DEPARTMENT, code=code).exists():
            raise forms.ValidationError(
                f"Département « {code} » inconnu : saisissez son code, par exemple 74."
            )
        return code


class ImportForm(DsfrBaseForm):
    file = forms.FileField(
        widget=UploadInput(attrs={"accept": ".csv,.txt,.xlsx"}),
        label="Liste des participant·es (CSV ou XLSX)",
        help_text="Colonnes reconnues : Nom, Prénom (ou Nom complet), Organisation, Catégorie, Département, Courriel, Table animée.",
    )


class RoundsDoneForm(DsfrBaseForm):
    rounds_done = forms.IntegerField(label="Tours déjà joués", min_value=0)


__all__ = ["Format", "ImportForm", "ParticipantForm", "PlanForm", "RoundsDoneForm"]
