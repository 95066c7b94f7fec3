from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.directory.models import Organisation
from apps.workshops.models import (
    LOGO_POLICY,
    WorkshopAtelier,
    WorkshopDay,
    WorkshopInitiative,
    WorkshopOrganiser,
    WorkshopParticipant,
    WorkshopProposal,
    WorkshopQuestion,
    WorkshopTable,
)


class DayForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield
        model = WorkshopDay
        fields = ["title", "held_on", "place", "introduction", "event", "is_published"]
        widgets = {"held_on": DATE, "introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.events.models import Event

        self.fields["event"].queryset = Event.objects.order_by("-start")


class BookletTextsForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopDay
        fields = ["booklet_title", "booklet_introduction", "next_steps"]
        widgets = {
            "booklet_introduction": forms.Textarea(attrs={"rows": 5}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }


class OrganiserForm(DsfrBaseForm, forms.ModelForm):
    organisation = core_forms.ModelChoiceField(
        queryset=Organisation.objects.active().order_by("name"),
        required=False,
        label="Organisation de l'annuaire (facultatif)",
    )

    class Meta:
        model = WorkshopOrganiser
        fields = ["role", "name", "organisation", "logo"]
        labels = {"name": "Nom affiché"}
        help_texts = {"logo": LOGO_POLICY.help_text}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("organisation"):
            raise forms.ValidationError("Donnez un nom ou choisissez une organisation de l'annuaire.")
        return data


class AtelierForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield
        model = WorkshopAtelier
        fields = [
            "position",
            "title",
            "theme",
            "facilitators",
            "introduction",
            "voting_open",
            "votes_per_participant",
        ]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def clean_votes_per_participant(self):
        value = self.cleaned_data["votes_per_participant"]
        if not 1 <= value <= 5:
            raise forms.ValidationError("Entre 1 et 5 gommettes par participant·e.")
        return value


class AtelierIdeasForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopAtelier
        fields = ["strong_ideas", "synthesis"]
        widgets = {
            "strong_ideas": forms.Textarea(attrs={"rows": 6}),
            "synthesis": forms.Textarea(attrs={"rows": 4}),
        }


class QuestionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopQuestion
        fields = ["position", "text"]


class TableForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield
        model = WorkshopTable
        fields = ["name", "questions"]
        widgets = {"questions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, atelier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = atelier.questions.all()

    def validate_unique(self):
        """Uniqueness of the (normalised) name is the service's: it says so in French."""


class ParticipantForm(DsfrBaseForm, forms.ModelForm):
    organisation = core_forms.ModelChoiceField(
        queryset=Organisation.objects.active().order_by("name"),
        required=False,
        label="Organisation de l'annuaire",
        help_text="Son type (commune, EPCI…) vient de l'annuaire.",
    )

    class Meta:
        formfield_callback = core_forms.formfield
        model = WorkshopParticipant
        fields = ["name", "category", "organisation", "organisation_name", "organisation_type", "atelier"]

    def __init__(self, *args, day, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["atelier"].queryset = day.ateliers.all()


class ProposalForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield
        model = WorkshopProposal
        fields = ["table", "question", "orientation", "action", "objectives", "is_highlighted"]
        widgets = {
            "orientation": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 3}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, atelier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["table"].queryset = atelier.tables.all()
        self.fields["question"].queryset = atelier.questions.all()

    def clean(self):
        data = super().clean()
        if not any((data.get(k) or "").strip() for k in ("orientation", "action", "objectives")):
            raise forms.ValidationError(
                "Renseignez au moins la piste d'orientation, l'action ou les objectifs."
            )
        return data


class InitiativeForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopInitiative
        fields = ["title", "territory_label", "description", "position", "paper_votes"]


class DecompositionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopInitiative
        fields = ["how_it_works", "context", "resources", "to_reproduce", "to_improve", "conditions"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class SelectTopForm(DsfrBaseForm):
    count = forms.IntegerField(label="Nombre d'initiatives à retenir", min_value=1, max_value=5, initial=3)


class UploadForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text="5 Mo au plus. CSV en UTF-8 ou Windows-1252, séparateur « ; », « , » ou tabulation ; XLSX : première feuille.",
    )
