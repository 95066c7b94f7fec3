from datetime import date

from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.filters import CachedModelChoiceField, FilterForm
from apps.experiences.models import Experience
from apps.questions.models import ATTACHMENT_POLICY
from apps.resources.models import Resource
from apps.territories.forms import TerritoryChoiceField
from apps.themes.models import Theme

MAX_ATTACHMENTS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"{MAX_ATTACHMENTS} pièces jointes au plus.")
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        for upload in cleaned:
            ATTACHMENT_POLICY.validate(upload)
        return cleaned


class QuestionForm(DsfrBaseForm):
    title = forms.CharField(
        label="Votre question en une phrase",
        max_length=200,
        min_length=10,
        error_messages={
            "required": "Écrivez votre question.",
            "min_length": "Votre question est trop courte (10 caractères au moins).",
            "max_length": "200 caractères au plus : mettez les détails dans le texte.",
        },
    )
    body = core_forms.textarea_field(
        label="Le contexte, ce que vous avez déjà essayé",
        help_text="Markdown simple accepté (**gras**, listes, liens).",
        max_length=20000,
        error_messages={"required": "Décrivez votre question en quelques lignes."},
        rows=8,
    )
    themes = core_forms.ModelMultipleChoiceField(
        label="Thématiques",
        queryset=Theme.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Les expert·es de ces thématiques seront sollicité·es.",
    )
    territory = TerritoryChoiceField(label="Territoire concerné", required=False)
    experience = forms.ModelChoiceField(
        label="Retour d'expérience lié", queryset=Experience.objects.none(), required=False
    )
    resource = forms.ModelChoiceField(
        label="Ressource liée", queryset=Resource.objects.none(), required=False
    )
    files = MultipleFileField(
        label="Pièces jointes",
        required=False,
        help_text=f"Jusqu'à {MAX_ATTACHMENTS} fichiers. {ATTACHMENT_POLICY.help_text}",
    )

    def __init__(self, *args, user, with_links: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if with_links:
            self.fields["experience"].queryset = Experience.objects.visible_to(user).order_by("title")
            self.fields["resource"].queryset = Resource.objects.visible_to(user).order_by("title")
        else:
            del self.fields["experience"], self.fields["resource"]


class AnswerForm(DsfrBaseForm):
    body = core_forms.textarea_field(
        label="Votre réponse",
        help_text="Markdown simple accepté.",
        max_length=20000,
        error_messages={"required": "Votre réponse est vide."},
        rows=6,
    )


class CommentForm(DsfrBaseForm):
    body = core_forms.textarea_field(
        label="Commentaire",
        max_length=2000,
        error_messages={"required": "Votre commentaire est vide.", "max_length": "2 000 caractères au plus."},
        rows=2,
    )


class ReportForm(DsfrBaseForm):
    reason = core_forms.textarea_field(
        label="Pourquoi signalez-vous ce contenu ?",
        max_length=1000,
        error_messages={"required": "Indiquez le motif du signalement."},
        rows=3,
    )


class HideForm(DsfrBaseForm):
    reason = forms.CharField(
        label="Motif du masquage (visible par l'auteur·rice)",
        max_length=300,
        error_messages={"required": "Indiquez le motif du masquage."},
    )


class MoveForm(DsfrBaseForm):
    themes = core_forms.ModelMultipleChoiceField(
        label="Nouvelles thématiques",
        queryset=Theme.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choisissez au moins une thématique."},
    )


class ExpertiseForm(DsfrBaseForm):
    theme = forms.ModelChoiceField(
        label="Thématique",
        queryset=Theme.objects.active(),
        error_messages={"required": "Choisissez une thématique.", "invalid_choice": "Thématique inconnue."},
    )
    capacity_per_month = forms.IntegerField(
        label="Au plus N sollicitations par mois",
        min_value=1,
        max_value=30,
        initial=4,
        error_messages={
            "required": "Indiquez un nombre.",
            "min_value": "Au moins 1 par mois.",
            "max_value": "30 par mois au plus.",
            "invalid": "Indiquez un nombre entier.",
        },
    )
    paused_until = forms.DateField(
        label="Ne pas me solliciter jusqu'au (facultatif)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Date invalide (jj/mm/aaaa)."},
    )

    def clean_paused_until(self):
        value = self.cleaned_data.get("paused_until")
        if value and value < date.today():
            raise forms.ValidationError("Cette date est déjà passée.")
        return value


class DesignateForm(ExpertiseForm):
    email = forms.EmailField(
        label="Adresse du compte de l'expert·e",
        error_messages={"required": "Indiquez une adresse.", "invalid": "Adresse électronique invalide."},
    )

    field_order = ["email", "theme", "capacity_per_month", "paused_until"]

    def clean_email(self):
        from apps.accounts.models import User

        user = User.objects.filter(email__iexact=self.cleaned_data["email"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError("Aucun compte actif avec cette adresse.")
        return user


class QuestionFilterForm(FilterForm):
    """Filters of the question list (GET): text, theme, territory (a région or a département).
    The shared filter panel of every list (apps/core/filters.py)."""

    q = forms.CharField(label="Rechercher", max_length=200, required=False, widget=forms.SearchInput)
    theme = CachedModelChoiceField(
        label="Thématique",
        queryset=Theme.objects.active(),
        to_field_name="slug",
        required=False,
        empty_label="Toutes les thématiques",
        error_messages={"invalid_choice": "Cette thématique n'existe pas ou plus."},
    )
    territoire = TerritoryChoiceField(
        label="Territoire",
        kinds=["region", "department"],
        required=False,
        help_text="Une région ou un département, par exemple « Isère » ou « 38 ».",
    )
