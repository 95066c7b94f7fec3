from django import forms
from django.db.models import Q
from dsfr.forms import DsfrBaseForm

from apps.core import files
from apps.core import forms as core_forms
from apps.core.widgets import DATE, SearchableSelectMultiple, UploadInput
from apps.directory.models import Organisation, Person
from apps.experiences.models import (
    ATTACHMENT_POLICY,
    FICHE_SECTIONS,
    SECTIONS,
    Experience,
    ExperienceAttachment,
    Format,
)
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import Kind
from apps.themes.models import Theme

MARKDOWN_HELP = " Mise en forme Markdown simple : **gras**, *italique*, listes avec « - »."


class ExperienceForm(DsfrBaseForm, forms.ModelForm):
    territory = TerritoryChoiceField(
        kinds=[Kind.MUNICIPALITY, Kind.EPCI, Kind.EPT, Kind.DEPARTMENT, Kind.REGION, Kind.PROJECT],
        required=False,
        label="Territoire",
        help_text="Commune, intercommunalité, département… Saisissez un nom ou un code INSEE.",
    )
    themes = core_forms.ModelMultipleChoiceField(
        queryset=Theme.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Thématiques",
    )
    organisations = core_forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.active(),
        required=False,
        label="Organisations impliquées",
        widget=SearchableSelectMultiple,
        help_text=(
            "Les organisations dont vous êtes membre ; plusieurs choix possibles (dans la liste : Ctrl ou Cmd "
            "et clic) ; "
            "l'équipe d'animation peut en relier d'autres."
        ),
    )
    people = core_forms.ModelMultipleChoiceField(
        queryset=Person.objects.listed(),
        required=False,
        label="Personnes impliquées",
        help_text="Les personnes de vos organisations inscrites dans l'annuaire.",
    )

    class Meta:
        model = Experience
        fields = [
            "title",
            "summary",
            "project_status",
            "started_on",
            "ended_on",
            "territory",
            "territory_character",
            "themes",
            *[name for name, _ in SECTIONS],
            "budget_amount",
            "funders",
            "organisations",
            "people",
            "audience",
        ]
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, format: str = Format.MONOGRAPH, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.format = format
        # A national network has tens of thousands of organisations and people: offer those of the
        # writer's own organisations plus the ones already linked, never the whole directory.
        own = (
            Organisation.objects.filter(memberships__person__user=user)
            if user is not None
            else Organisation.objects.none()
        )
        linked = self.instance.organisations.all() if self.instance.pk else Organisation.objects.none()
        self.fields["organisations"].queryset = (
            Organisation.objects.active()
            .filter(Q(pk__in=own.values("pk")) | Q(pk__in=linked.values("pk")))
            .order_by("search_name")
        )
        linked_people = self.instance.people.all() if self.instance.pk else Person.objects.none()
        self.fields["people"].queryset = (
            Person.objects.filter(is_removed=False)
            .filter(
                Q(directory_consent=True, memberships__organisation__in=own.values("pk"))
                | Q(pk__in=linked_people.values("pk"))
            )
            .distinct()
            .order_by("search_name")
        )
        for name, _ in SECTIONS:
            self.fields[name].widget = forms.Textarea(attrs={"rows": 5})
            self.fields[name].help_text = (self.fields[name].help_text or "") + MARKDOWN_HELP
        if format == Format.FACTSHEET:
            # The short form: the essentials to share an action quickly.
            for name, _ in SECTIONS:
                if name not in FICHE_SECTIONS:
                    del self.fields[name]
            for name in ("people", "territory_character", "funders"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("started_on"), cleaned.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", "La date de fin doit être postérieure à la date de début.")
        return cleaned


class ReviewForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label="Votre avis",
        choices=[
            ("approve", "Approuver : le texte est prêt à être publié"),
            ("changes", "Renvoyer à l'auteur·rice pour compléments"),
        ],
        widget=forms.RadioSelect,
    )
    comment = core_forms.textarea_field(
        label="Remarques",
        required=False,
        help_text="Obligatoires pour un renvoi : dites ce qu'il faut compléter.",
        rows=4,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "changes" and not cleaned.get("comment", "").strip():
            self.add_error("comment", "Expliquez ce qu'il faut compléter avant de renvoyer le texte.")
        return cleaned


class AttachmentForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier",
        help_text=ATTACHMENT_POLICY.help_text,
        validators=[ATTACHMENT_POLICY],
        widget=UploadInput(policy=ATTACHMENT_POLICY),
    )
    title = forms.CharField(label="Titre", max_length=200)
    alt = forms.CharField(
        label="Texte alternatif",
        max_length=250,
        required=False,
        help_text="Obligatoire pour une image : décrivez ce qu'elle montre.",
    )

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        kind = files.kind_of(uploaded.name)
        self.kind = (
            ExperienceAttachment.Kind.IMAGE
            if kind and kind.family == "image"
            else ExperienceAttachment.Kind.DOCUMENT
        )
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if (
            getattr(self, "kind", None) == ExperienceAttachment.Kind.IMAGE
            and not cleaned.get("alt", "").strip()
        ):
            self.add_error("alt", "Décrivez l'image en quelques mots (texte alternatif).")
        return cleaned
