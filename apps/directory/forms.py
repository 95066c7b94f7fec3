"""Forms of the directory: list filters (GET) and the few editing forms (POST)."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from dsfr.forms import DsfrBaseForm

from apps.directory.models import (
    Engagement,
    Organisation,
    OrganisationType,
    PersonCategory,
    validate_siren,
)
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme

LOGO_MAX_BYTES = 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
PLACE_KINDS = [Kind.COMMUNE, Kind.EPCI, Kind.DEPARTEMENT, Kind.REGION]


def territory_field(*, required: bool, label: str = "Territoire", help_text: str = ""):
    return TerritoryChoiceField(kinds=PLACE_KINDS, required=required, label=label, help_text=help_text)


class SlugModelChoiceField(forms.ModelChoiceField):
    """Readable query strings (?theme=energie) and a French error message for unknown values."""

    default_error_messages = {
        "invalid_choice": "Cette valeur n'existe pas ou plus : choisissez-en une dans la liste."
    }


class TerritoryCodeChoiceField(SlugModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


# --- Filters (GET) --------------------------------------------------------------------------------


class FilterForm(DsfrBaseForm):
    """Filter forms never block the page: invalid fields are reported and simply ignored."""

    q = forms.CharField(label="Nom", required=False, max_length=100, widget=forms.SearchInput)

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "", [])}

    @property
    def active_count(self) -> int:
        return len(self.filters())


def _region_field():
    return TerritoryCodeChoiceField(
        queryset=Territory.objects.filter(kind=Kind.REGION).order_by("name"),
        to_field_name="code",
        required=False,
        label="Région",
        empty_label="Toutes les régions",
    )


def _departement_field():
    return TerritoryCodeChoiceField(
        queryset=Territory.objects.filter(kind=Kind.DEPARTEMENT).order_by("code"),
        to_field_name="code",
        required=False,
        label="Département",
        empty_label="Tous les départements",
    )


def _theme_field(label="Thématique"):
    return SlugModelChoiceField(
        queryset=Theme.objects.active(),
        to_field_name="slug",
        required=False,
        label=label,
        empty_label="Toutes les thématiques",
    )


class DepartementLabelMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "departement" in self.fields:
            self.fields["departement"].label_from_instance = lambda obj: f"{obj.code} – {obj.name}"


class OrganisationFilterForm(DepartementLabelMixin, FilterForm):
    q = forms.CharField(
        label="Nom de l'organisation",
        required=False,
        max_length=100,
        help_text="Les accents et majuscules sont ignorés.",
        widget=forms.SearchInput,
    )
    type = forms.ChoiceField(
        label="Type d'organisation",
        required=False,
        choices=[("", "Tous les types"), *OrganisationType.choices],
        error_messages={"invalid_choice": "Ce type d'organisation n'existe pas."},
    )
    region = _region_field()
    departement = _departement_field()
    theme = _theme_field()
    categorie = forms.ChoiceField(
        label="Personnes présentes",
        required=False,
        choices=[("", "Toutes catégories"), *PersonCategory.choices],
        help_text="Organisations comptant au moins une personne de cette catégorie.",
        error_messages={"invalid_choice": "Cette catégorie n'existe pas."},
    )


class PersonFilterForm(DepartementLabelMixin, FilterForm):
    q = forms.CharField(
        label="Nom",
        required=False,
        max_length=100,
        help_text="Les accents sont ignorés.",
        widget=forms.SearchInput,
    )
    categorie = forms.ChoiceField(
        label="Catégorie",
        required=False,
        choices=[("", "Toutes catégories"), *PersonCategory.choices],
        error_messages={"invalid_choice": "Cette catégorie n'existe pas."},
    )
    theme = _theme_field()
    ressource = _theme_field(label="Personne ressource pour")
    type = forms.ChoiceField(
        label="Type d'organisation",
        required=False,
        choices=[("", "Tous les types"), *OrganisationType.choices],
        error_messages={"invalid_choice": "Ce type d'organisation n'existe pas."},
    )
    region = _region_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ressource"].empty_label = "Indifférent"


class WhoDoesWhatFilterForm(DepartementLabelMixin, FilterForm):
    q = forms.CharField(
        label="Nom de l'organisation", required=False, max_length=100, widget=forms.SearchInput
    )
    type = OrganisationFilterForm.base_fields["type"]
    region = _region_field()
    departement = _departement_field()


# --- Organisation editing -------------------------------------------------------------------------


class OrganisationForm(DsfrBaseForm, forms.ModelForm):
    # Declared on the class (not swapped in __init__): DsfrBaseForm caches bound fields on init.
    territory = territory_field(
        required=False, label="Territoire", help_text=Organisation._meta.get_field("territory").help_text
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "type",
            "territory",
            "address",
            "siren",
            "website",
            "email",
            "description",
            "themes",
            "competences",
            "needs",
            "logo",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "competences": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp,image/gif"}),
        }
        help_texts = {
            "logo": "Formats PNG, JPEG, WebP ou GIF, 1 Mo au plus.",
            "siren": "9 chiffres, sans espace.",
            "website": "Adresse complète, par exemple https://www.exemple.fr",
        }
        error_messages = {
            "name": {"required": "Indiquez le nom de l'organisation."},
            "type": {"required": "Choisissez le type d'organisation."},
            "website": {
                "invalid": "Saisissez une adresse internet valide, par exemple https://www.exemple.fr"
            },
            "email": {"invalid": "Saisissez une adresse électronique valide."},
            "siren": {"unique": "Une organisation avec ce SIREN existe déjà dans l'annuaire."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["description"].help_text = "Markdown simple accepté (titres, listes, liens)."

    def clean_siren(self):
        return (self.cleaned_data.get("siren") or "").replace(" ", "")

    def clean_logo(self):
        return clean_logo_file(self.cleaned_data.get("logo"))


def clean_logo_file(logo):
    """Size and real image format (Pillow has already checked it is an image); SVG is refused on
    purpose: it can carry scripts."""
    if not logo or not hasattr(logo, "size"):
        return logo
    if logo.size > LOGO_MAX_BYTES:
        raise ValidationError("Le logo est trop lourd : 1 Mo au plus.")
    image = getattr(logo, "image", None)
    image_format = getattr(image, "format", None)
    if image is not None and image_format not in LOGO_FORMATS:
        raise ValidationError("Format de logo non accepté : utilisez PNG, JPEG, WebP ou GIF.")
    return logo


class EngagementForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Engagement
        fields = ["kind", "stage", "label", "year"]
        error_messages = {
            "kind": {"required": "Choisissez la démarche."},
            "stage": {"required": "Indiquez l'avancement."},
        }

    def clean_year(self):
        year = self.cleaned_data.get("year")
        if year is not None and not 1990 <= year <= 2100:
            raise ValidationError("Indiquez une année entre 1990 et 2100.")
        return year


class BaseEngagementFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            kind = form.cleaned_data.get("kind")
            if kind in seen:
                form.add_error("kind", "Cette démarche est déjà indiquée plus haut.")
            if kind:
                seen.add(kind)


EngagementFormSet = inlineformset_factory(
    Organisation,
    Engagement,
    form=EngagementForm,
    formset=BaseEngagementFormSet,
    extra=1,
    can_delete=True,
    max_num=len(Engagement._meta.get_field("kind").choices),
)


# --- Join requests and invitations ---------------------------------------------------------------


class PersonFieldsMixin(forms.Form):
    """Asked only when the logged-in account has no directory entry yet."""

    category = forms.ChoiceField(
        label="Votre catégorie",
        choices=[("", "Choisir votre catégorie"), *PersonCategory.choices],
        error_messages={"required": "Choisissez votre catégorie."},
    )
    function = forms.CharField(label="Votre fonction", max_length=200, required=False)
    directory_consent = forms.BooleanField(
        label="J'accepte d'apparaître dans l'annuaire du réseau",
        required=False,
        help_text="Vous pourrez changer d'avis à tout moment depuis votre compte.",
    )


class OrganisationJoinForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom de l'organisation", max_length=255, error_messages={"required": "Indiquez le nom."}
    )
    type = forms.ChoiceField(
        label="Type d'organisation",
        choices=[("", "Choisir un type"), *OrganisationType.choices],
        error_messages={"required": "Choisissez le type d'organisation."},
    )
    territory = territory_field(
        required=True, label="Territoire", help_text="La collectivité elle-même, ou la commune du siège."
    )
    siren = forms.CharField(
        label="SIREN", max_length=11, required=False, help_text="9 chiffres, sans espace."
    )
    website = forms.URLField(
        label="Site internet",
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Saisissez une adresse internet valide, par exemple https://www.exemple.fr"
        },
    )
    description = forms.CharField(
        label="Présentation de l'organisation",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="Markdown simple accepté.",
    )
    motivation = forms.CharField(
        label="Pourquoi souhaitez-vous rejoindre le réseau ?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Dites-nous en quelques mots pourquoi vous souhaitez rejoindre le réseau."
        },
    )

    def __init__(self, *args, ask_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["territory"].error_messages["required"] = "Choisissez le territoire de l'organisation."
        if ask_person:
            for name, field in PersonFieldsMixin.base_fields.items():
                self.fields[name] = copy.deepcopy(field)

    def clean_siren(self):
        siren = (self.cleaned_data.get("siren") or "").replace(" ", "")
        validate_siren(siren)
        if siren and Organisation.objects.filter(siren=siren).exists():
            raise ValidationError(
                "Une organisation avec ce SIREN est déjà dans l'annuaire : demandez plutôt à y être rattaché·e."
            )
        return siren


class MembershipRequestForm(DsfrBaseForm):
    function = forms.CharField(label="Votre fonction dans l'organisation", max_length=200, required=False)
    motivation = forms.CharField(
        label="Message pour les référent·es", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, ask_person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_person:
            self.fields["category"] = copy.deepcopy(PersonFieldsMixin.base_fields["category"])
            self.fields["directory_consent"] = copy.deepcopy(
                PersonFieldsMixin.base_fields["directory_consent"]
            )


class JoinDecisionForm(DsfrBaseForm):
    decision = forms.ChoiceField(
        label="Décision",
        choices=[("approve", "Accepter"), ("refuse", "Refuser")],
        error_messages={"required": "Choisissez une décision.", "invalid_choice": "Décision inconnue."},
    )
    message = forms.CharField(
        label="Message au demandeur",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text="Facultatif ; joint au courriel envoyé.",
    )


class InvitationForm(DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse électronique de votre collègue",
        error_messages={
            "required": "Indiquez une adresse électronique.",
            "invalid": "Adresse électronique invalide.",
        },
    )

    def __init__(self, *args, organisation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if self.organisation is not None:
            if self.organisation.memberships.filter(person__user__email__iexact=email).exists():
                raise ValidationError("Cette personne fait déjà partie de l'organisation.")
            if self.organisation.invitations.filter(email__iexact=email, accepted_at__isnull=True).exists():
                raise ValidationError("Une invitation est déjà en attente pour cette adresse.")
        return email
