"""Forms of the directory: list filters (GET) and the few editing forms (POST)."""

import copy

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.filters import CachedModelChoiceField, FastSelect
from apps.core.filters import FilterForm as CoreFilterForm
from apps.core.widgets import MarkdownTextarea, SearchableSelectMultiple, UploadInput
from apps.directory.models import (
    LOGO_POLICY,
    PHOTO_POLICY,
    Engagement,
    Organisation,
    OrganisationType,
    PersonCategory,
    Visibility,
    validate_siren,
)
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import Kind, Territory
from apps.themes.models import Theme

PLACE_KINDS = [Kind.MUNICIPALITY, Kind.EPCI, Kind.DEPARTMENT, Kind.REGION]


def territory_field(*, required: bool, label: str = "Territoire", help_text: str = ""):
    return TerritoryChoiceField(kinds=PLACE_KINDS, required=required, label=label, help_text=help_text)


class SlugModelChoiceField(CachedModelChoiceField):
    """Readable query strings (?theme=energie) and a French error message for unknown values.
    Options computed once per process and generation (apps/core/filters.py)."""

    default_error_messages = {
        "invalid_choice": "Cette valeur n'existe pas ou plus : choisissez-en une dans la liste."
    }


class TerritoryCodeChoiceField(SlugModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DepartementChoiceField(SlugModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} – {obj.name}"


# --- Filters (GET) --------------------------------------------------------------------------------


class FilterForm(CoreFilterForm):
    """Filter forms never block the page: invalid fields are reported and simply ignored."""

    q = forms.CharField(label="Nom", required=False, max_length=100, widget=forms.SearchInput)


def _region_field():
    return TerritoryCodeChoiceField(
        queryset=Territory.objects.filter(kind=Kind.REGION).order_by("name"),
        to_field_name="code",
        required=False,
        label="Région",
        empty_label="Toutes les régions",
    )


def _departement_field():
    return DepartementChoiceField(
        queryset=Territory.objects.filter(kind=Kind.DEPARTMENT).order_by("code"),
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


def _choice_field(*, label, choices, message, help_text=""):
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        help_text=help_text,
        widget=FastSelect,
        error_messages={"invalid_choice": message},
    )


class OrganisationFilterForm(FilterForm):
    q = forms.CharField(
        label="Nom de l'organisation",
        required=False,
        max_length=100,
        help_text="Les accents et majuscules sont ignorés.",
        widget=forms.SearchInput,
    )
    type = _choice_field(
        label="Type d'organisation",
        choices=[("", "Tous les types"), *OrganisationType.choices],
        message="Ce type d'organisation n'existe pas.",
    )
    region = _region_field()
    departement = _departement_field()
    theme = _theme_field()
    categorie = _choice_field(
        label="Personnes présentes",
        choices=[("", "Toutes catégories"), *PersonCategory.choices],
        help_text="Organisations comptant au moins une personne de cette catégorie.",
        message="Cette catégorie n'existe pas.",
    )


class PersonFilterForm(FilterForm):
    q = forms.CharField(
        label="Nom",
        required=False,
        max_length=100,
        help_text="Les accents sont ignorés.",
        widget=forms.SearchInput,
    )
    categorie = _choice_field(
        label="Catégorie",
        choices=[("", "Toutes catégories"), *PersonCategory.choices],
        message="Cette catégorie n'existe pas.",
    )
    theme = _theme_field()
    ressource = _theme_field(label="Personne ressource pour")
    type = _choice_field(
        label="Type d'organisation",
        choices=[("", "Tous les types"), *OrganisationType.choices],
        message="Ce type d'organisation n'existe pas.",
    )
    region = _region_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ressource"].empty_label = "Indifférent"


class WhoDoesWhatFilterForm(FilterForm):
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
        formfield_callback = core_forms.formfield  # ids out of range: form error
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
            "need_themes",
            "logo",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "need_themes": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
            "competences": forms.Textarea(attrs={"rows": 4}),
            "needs": forms.Textarea(attrs={"rows": 4}),
            "logo": forms.ClearableFileInput(attrs={"accept": LOGO_POLICY.accept}),
        }
        help_texts = {
            "logo": LOGO_POLICY.help_text,
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
        self.fields["need_themes"].queryset = Theme.objects.active()
        self.fields["description"].help_text = "Markdown simple accepté (titres, listes, liens)."

    def clean_siren(self):
        return (self.cleaned_data.get("siren") or "").replace(" ", "")

    def clean_logo(self):
        return clean_logo_file(self.cleaned_data.get("logo"))


def clean_logo_file(logo):
    """The upload policy of logos (apps.core.files): size, image format checked on the content;
    SVG is refused on purpose (it can carry scripts). A logo already stored is left alone."""
    if logo and hasattr(logo, "size") and not getattr(logo, "_committed", False):
        LOGO_POLICY.validate(logo)
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


def engagement_rows(formset: forms.BaseInlineFormSet) -> list[dict]:
    """The engagements a valid formset keeps, as data for the directory's services."""
    return [
        {name: form.cleaned_data[name] for name in ("kind", "stage", "label", "year")}
        for form in formset.forms
        if form.cleaned_data.get("kind") and not form.cleaned_data.get("DELETE")
    ]


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
    description = core_forms.textarea_field(
        label="Présentation de l'organisation", required=False, help_text="Markdown simple accepté.", rows=4
    )
    motivation = core_forms.textarea_field(
        label="Pourquoi souhaitez-vous rejoindre le réseau ?",
        error_messages={
            "required": "Dites-nous en quelques mots pourquoi vous souhaitez rejoindre le réseau."
        },
        rows=4,
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
    motivation = core_forms.textarea_field(label="Message pour les référent·es", required=False, rows=3)

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
    message = core_forms.textarea_field(
        label="Message au demandeur",
        required=False,
        max_length=2000,
        help_text="Facultatif ; joint au courriel envoyé.",
        rows=2,
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


# --- Coordinator tasks ---------------------------------------------------------------------------


class PersonEditForm(DsfrBaseForm):
    """Another person's card, corrected by the animation team (consent is not theirs to change)."""

    first_name = forms.CharField(
        label="Prénom", max_length=100, error_messages={"required": "Indiquez le prénom."}
    )
    last_name = forms.CharField(label="Nom", max_length=100, error_messages={"required": "Indiquez le nom."})
    category = forms.ChoiceField(
        label="Catégorie",
        choices=PersonCategory.choices,
        error_messages={"invalid_choice": "Cette catégorie n'existe pas."},
    )
    function = forms.CharField(label="Fonction", max_length=200, required=False)
    email = forms.EmailField(
        label="Adresse électronique",
        required=False,
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    phone = forms.CharField(label="Téléphone", max_length=30, required=False)
    bio = core_forms.textarea_field(
        label="Présentation", required=False, max_length=3000, help_text="Markdown simple accepté.", rows=5
    )
    competences = core_forms.textarea_field(label="Compétences", required=False, max_length=3000, rows=4)
    themes = core_forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label="Thématiques",
        widget=forms.CheckboxSelectMultiple,
    )
    resource_themes = core_forms.ModelMultipleChoiceField(
        queryset=Theme.objects.none(),
        required=False,
        label="Personne ressource pour",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["resource_themes"].queryset = Theme.objects.active()

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "").replace(".", "").replace("-", "").lstrip("+")
        if phone and not (digits.isdigit() and 8 <= len(digits) <= 15):
            raise ValidationError(
                "Ce numéro de téléphone n'est pas valide : 01 23 45 67 89 ou +33 1 23 45 67 89."
            )
        return phone


class MergeSearchForm(DsfrBaseForm):
    q = forms.CharField(
        label="Organisation à conserver",
        max_length=100,
        help_text="Nom (sans accents ni majuscules) ou SIREN de la fiche qui reste.",
        widget=forms.SearchInput,
        error_messages={"required": "Indiquez un nom ou un SIREN."},
    )


ORGANISATIONS_HELP = (
    "Recherchez par nom ou SIREN ; plusieurs choix possibles (dans la liste : Ctrl ou Cmd et clic)."
)


def organisations_widget(attrs=None) -> SearchableSelectMultiple:
    """Several organisations of the directory: searched on the server as one types
    (`directory:organisation_search`), the plain select without JavaScript."""
    from django.urls import reverse_lazy

    return SearchableSelectMultiple(attrs, search_url=reverse_lazy("directory:organisation_search"))


class OrganisationLookupField(forms.CharField):
    """An organisation named by its exact name (accents and capitals ignored) or its SIREN: works
    without JavaScript over 35,000 organisations, where a select could not."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 255)
        kwargs.setdefault("help_text", "Nom exact de l'organisation dans l'annuaire, ou son SIREN.")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Organisation):
            return value.name
        if isinstance(value, int):
            organisation = Organisation.objects.filter(pk=value).first()
            return organisation.name if organisation else ""
        return value

    def clean(self, value):
        from apps.core.french import normalize

        value = super().clean(value)
        if not value:
            return None
        digits = value.replace(" ", "")
        if digits.isdigit() and len(digits) == 9:
            matches = list(Organisation.objects.filter(siren=digits)[:2])
        else:
            matches = list(Organisation.objects.filter(search_name=normalize(value))[:2])
        if not matches:
            raise forms.ValidationError(
                f"Aucune organisation de l'annuaire ne s'appelle « {value} » : vérifiez le nom ou indiquez le SIREN."
            )
        if len(matches) > 1:
            raise forms.ValidationError("Plusieurs organisations portent ce nom : indiquez plutôt le SIREN.")
        return matches[0]


# --- Bulk invitations ------------------------------------------------------------------------------

MAX_BULK_INVITATIONS = 500


def _invitation_limits():
    from apps.core.tabular import Limits

    return Limits(max_bytes=2 * 1024 * 1024, max_rows=MAX_BULK_INVITATIONS, max_columns=30)


class BulkInvitationForm(DsfrBaseForm):
    """Addresses pasted (one per line, optionally « adresse ; organisation ») or a CSV/XLSX file
    with an address column and, optionally, an organisation column (name or SIREN)."""

    lines = core_forms.textarea_field(
        label="Adresses à inviter",
        required=False,
        help_text=(
            "Une par ligne. Pour une autre organisation que celle choisie plus bas : "
            "« adresse ; organisation » (nom exact ou SIREN)."
        ),
        rows=8,
    )
    file = forms.FileField(
        label="Ou un tableur (CSV ou XLSX)",
        required=False,
        help_text=(
            "Une colonne « adresse électronique » (ou « courriel », « e-mail ») et, si besoin, une colonne "
            f"« organisation » ou « SIREN ». {MAX_BULK_INVITATIONS} lignes au plus."
        ),
        widget=UploadInput(attrs={"accept": ".csv,.xlsx"}),
    )
    organisation = OrganisationLookupField(
        label="Organisation à rejoindre", required=False, help_text="Pour les lignes qui n'en indiquent pas."
    )
    message = core_forms.textarea_field(
        label="Message personnel",
        required=False,
        max_length=2000,
        help_text="Ajouté au courriel d'invitation.",
        rows=4,
    )

    def _entries(self) -> list[tuple[int, str, str]]:
        """(line, address, organisation text) from the pasted text and the file."""
        import re

        entries = []
        for number, line in enumerate((self.cleaned_data.get("lines") or "").splitlines(), start=1):
            if not line.strip():
                continue
            parts = [part.strip() for part in re.split(r"[;\t]", line, maxsplit=1)]
            entries.append((number, parts[0], parts[1] if len(parts) > 1 else ""))
        upload = self.cleaned_data.get("file")
        if upload:
            from apps.core.french import normalize
            from apps.core.tabular import TabularError, read_upload

            try:
                table = read_upload(upload, limits=_invitation_limits())
            except TabularError as error:
                raise ValidationError({"file": str(error)}) from error
            headers = [normalize(h) for h in table.headers]
            email_col = next(
                (
                    i
                    for i, h in enumerate(headers)
                    if "mail" in h or "courriel" in h or "adresse electronique" in h
                ),
                None,
            )
            if email_col is None:
                raise ValidationError({"file": "Aucune colonne « adresse électronique » dans le fichier."})
            org_col = next(
                (i for i, h in enumerate(headers) if "organisation" in h or "structure" in h or "siren" in h),
                None,
            )
            for line, cells in table.rows:
                email = cells[email_col].strip() if email_col < len(cells) else ""
                org = cells[org_col].strip() if org_col is not None and org_col < len(cells) else ""
                if email:
                    entries.append((line, email, org))
        return entries

    def clean(self):
        from django.core.validators import validate_email

        cleaned = super().clean()
        if self.errors:
            return cleaned
        entries = self._entries()
        if not entries:
            raise ValidationError("Indiquez au moins une adresse, ou déposez un fichier.")
        if len(entries) > MAX_BULK_INVITATIONS:
            raise ValidationError(f"{MAX_BULK_INVITATIONS} invitations au plus à la fois.")
        default = cleaned.get("organisation")
        lookup = OrganisationLookupField(required=False)
        found = {}
        errors, rows = [], []
        for line, email, org_text in entries:
            try:
                validate_email(email)
            except ValidationError:
                errors.append(f"ligne {line} : « {email[:80]} » n'est pas une adresse électronique valide")
                continue
            if org_text:
                if org_text not in found:
                    try:
                        found[org_text] = lookup.clean(org_text)
                    except ValidationError as error:
                        found[org_text] = error
                organisation = found[org_text]
                if isinstance(organisation, ValidationError):
                    errors.append(f"ligne {line} : {organisation.messages[0]}")
                    continue
            elif default is not None:
                organisation = default
            else:
                errors.append(f"ligne {line} : pas d'organisation (choisissez-en une plus bas)")
                continue
            if organisation.status == "refused":
                errors.append(f"ligne {line} : « {organisation.name} » ne fait pas partie du réseau")
                continue
            rows.append((email, organisation))
        if errors:
            shown = errors[:20]
            if len(errors) > 20:
                shown.append(f"… et {len(errors) - 20} autres erreurs")
            raise ValidationError(["Rien n'a été envoyé :", *shown])
        cleaned["rows"] = rows
        return cleaned


class InvitationMessageForm(DsfrBaseForm):
    message = BulkInvitationForm.base_fields["message"]


# --- the account's own card (the "Mon compte" pages: views_account) ----------------------------


class ThemeCheckboxes(core_forms.ModelMultipleChoiceField):
    # A searchable multi-select (a plain <select multiple> without JavaScript), not 21 checkboxes.
    widget = SearchableSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(queryset=Theme.objects.active(), required=False, **kwargs)


class CardForm(DsfrBaseForm):
    """The person's own directory card. Consent and contact visibility are theirs alone to set."""

    directory_consent = forms.BooleanField(
        label="J'accepte d'apparaître dans l'annuaire du réseau",
        required=False,
        help_text="Décochez pour retirer votre fiche de l'annuaire immédiatement.",
    )
    contact_visibility = forms.ChoiceField(
        label="Qui peut voir mes coordonnées (adresse électronique, téléphone) ?",
        choices=Visibility.choices,
        widget=forms.RadioSelect,
    )
    function = forms.CharField(label="Fonction", max_length=200, required=False)
    category = forms.ChoiceField(label="Catégorie", choices=PersonCategory.choices)
    phone = forms.CharField(
        label="Téléphone",
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        help_text="Format attendu : 01 23 45 67 89 ou +33 1 23 45 67 89.",
    )
    bio = forms.CharField(
        label="Présentation",
        required=False,
        max_length=3000,
        widget=MarkdownTextarea(attrs={"rows": 5}),
        help_text="Markdown simple accepté.",
    )
    competences = core_forms.textarea_field(label="Compétences", required=False, max_length=3000, rows=4)
    themes = ThemeCheckboxes(label="Mes thématiques")
    resource_themes = ThemeCheckboxes(
        label="Je suis personne ressource pour",
        help_text="Thématiques sur lesquelles j'accepte d'être sollicité·e par les membres du réseau.",
    )
    photo = forms.ImageField(
        label="Photo",
        required=False,
        widget=forms.FileInput(attrs={"accept": PHOTO_POLICY.accept}),
        help_text=PHOTO_POLICY.help_text,
        error_messages={
            "invalid_image": "Ce fichier n'est pas une image valide : choisissez un fichier JPEG, PNG, WebP ou GIF.",
            "empty": "Le fichier envoyé est vide.",
        },
    )
    remove_photo = forms.BooleanField(label="Supprimer ma photo actuelle", required=False)

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_photo:
            del self.fields["remove_photo"]
        if not self.fields["themes"].queryset.exists():
            # No taxonomy yet: an empty group of checkboxes would only confuse.
            del self.fields["themes"]
            del self.fields["resource_themes"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace(" ", "").replace(".", "").replace("-", "")
        if phone and not (digits.lstrip("+").isdigit() and 8 <= len(digits.lstrip("+")) <= 15):
            raise ValidationError(
                "Ce numéro de téléphone n'est pas valide : 01 23 45 67 89 ou +33 1 23 45 67 89."
            )
        return phone

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if not photo:
            return None
        PHOTO_POLICY.validate(photo)
        return photo
