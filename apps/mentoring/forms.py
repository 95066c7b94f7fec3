from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.mentoring.models import FOLLOW_UP_CHOICES, Exchanged, MentorProfile, Status
from apps.themes.models import Theme


class NeedForm(DsfrBaseForm):
    """Step one (GET): the theme and what the person wants to learn; candidates are shown below."""

    theme = forms.ModelChoiceField(
        queryset=Theme.objects.active(),
        to_field_name="slug",
        label="Sur quelle thématique ?",
        empty_label="Choisissez une thématique",
        error_messages={
            "required": "Choisissez une thématique.",
            "invalid_choice": "Cette thématique n'existe pas ou plus : choisissez-en une dans la liste.",
        },
    )
    objectif = core_forms.textarea_field(
        label="Ce que vous souhaitez apprendre",
        max_length=2000,
        help_text="Votre projet, où vous en êtes, ce qui vous bloque. La personne sollicitée le lira.",
        error_messages={"required": "Dites en quelques mots ce que vous souhaitez apprendre."},
        rows=4,
    )
    organisation = forms.SlugField(required=False, widget=forms.HiddenInput)


class RequestForm(DsfrBaseForm):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
    theme = forms.SlugField(widget=forms.HiddenInput)
    objectif = forms.CharField(widget=forms.HiddenInput, max_length=2000)
    follow_up_days = forms.TypedChoiceField(
        label="Vous demander « avez-vous pu échanger ? » au bout de",
        choices=FOLLOW_UP_CHOICES,
        coerce=int,
        initial=30,
    )


class AnswerForm(DsfrBaseForm):
    message = core_forms.textarea_field(
        label="Un mot pour la personne (facultatif)", required=False, max_length=2000, rows=3
    )


class ExchangeForm(DsfrBaseForm):
    exchanged = forms.ChoiceField(
        label="Avez-vous pu échanger ?", choices=Exchanged.choices, widget=forms.RadioSelect
    )


class CloseForm(DsfrBaseForm):
    note = core_forms.textarea_field(
        label="Ce que vous retenez (facultatif)",
        required=False,
        max_length=3000,
        help_text="Quelques lignes : ce qui a été partagé, ce qui a servi. Markdown simple accepté.",
        rows=5,
    )
    as_experience = forms.BooleanField(
        label="En faire un retour d'expérience",
        required=False,
        help_text="Un brouillon de retour d'expérience est créé avec cette note ; vous le complétez puis le soumettez à la relecture.",
    )


class MentorProfileForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = MentorProfile
        formfield_callback = core_forms.formfield  # ids out of range: form error
        fields = ["is_active", "themes", "capacity", "paused_until", "offer"]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "paused_until": DATE,
            "offer": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {"themes": {"required": "Choisissez au moins une thématique."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()

    def clean_capacity(self):
        capacity = self.cleaned_data.get("capacity")
        if capacity is not None and not 1 <= capacity <= 10:
            raise forms.ValidationError("Entre 1 et 10 parrainages en même temps.")
        return capacity


class CoordinationFilterForm(DsfrBaseForm):
    etat = forms.ChoiceField(label="État", required=False, choices=[("", "Tous"), *Status.choices])
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.active(),
        to_field_name="slug",
        required=False,
        label="Thématique",
        empty_label="Toutes",
    )
