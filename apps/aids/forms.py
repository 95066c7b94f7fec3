from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from apps.aids.models import Aid, AidKind, Beneficiary, SavedSearch, encode_beneficiaries
from apps.aids.selectors import territory_from_code
from apps.aids.services import AidData
from apps.core import forms as core_forms
from apps.core.filters import CachedModelChoiceField, FastSelect, FilterForm
from apps.core.widgets import DATE
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import URL_SEGMENTS, Kind, Territory
from apps.themes.models import Theme

SORT_CHOICES = [
    ("cloture", "Date de clôture la plus proche"),
    ("recentes", "Ajoutées récemment"),
    ("titre", "Ordre alphabétique"),
]

TERRITORY_HELP = (
    "Code INSEE de la commune (par exemple 60159), SIREN de l'intercommunalité, numéro du département, "
    "ou nom exact de la commune."
)


class TerritoryCodeField(forms.CharField):
    """A territory typed as a code or a name (works without JavaScript, no 35 000-option select)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 120)
        kwargs.setdefault("help_text", TERRITORY_HELP)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            territory = territory_from_code(value)
        except Territory.MultipleObjectsReturned:
            raise ValidationError(
                "Plusieurs territoires portent ce nom : indiquez plutôt le code INSEE de la commune."
            ) from None
        if territory is None:
            raise ValidationError(f"Territoire introuvable : « {value} ». Vérifiez le code INSEE ou le nom.")
        return territory

    def prepare_value(self, value):
        if isinstance(value, Territory):
            return (
                value.code
                if value.kind == Kind.MUNICIPALITY
                else f"{URL_SEGMENTS[Kind(value.kind)]}:{value.code}"
            )
        return value


class SlugChoiceField(CachedModelChoiceField):
    default_error_messages = {
        "invalid_choice": "Cette thématique n'existe pas ou plus : choisissez-en une dans la liste."
    }


class AidSearchForm(FilterForm):
    """The eligibility search (GET). Shared by the HTML list and the JSON API."""

    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    territoire = TerritoryCodeField(label="Mon territoire", required=False)
    beneficiaire = forms.ChoiceField(
        label="Je suis",
        required=False,
        choices=[("", "Tous les bénéficiaires"), *Beneficiary.choices],
        widget=FastSelect,
        error_messages={
            "invalid_choice": "Ce type de bénéficiaire n'existe pas : choisissez-en un dans la liste."
        },
    )
    thematique = SlugChoiceField(
        label="Thématique du projet",
        required=False,
        queryset=Theme.objects.active(),
        to_field_name="slug",
        empty_label="Toutes les thématiques",
        widget=FastSelect,
    )
    nature = forms.ChoiceField(
        label="Nature de l'aide",
        required=False,
        choices=[("", "Toutes les natures"), *AidKind.choices],
        widget=FastSelect,
        error_messages={
            "invalid_choice": "Cette nature d'aide n'existe pas : choisissez-en une dans la liste."
        },
    )
    clotures = forms.BooleanField(label="Afficher aussi les aides clôturées", required=False)
    tri = forms.ChoiceField(
        label="Trier par",
        required=False,
        choices=SORT_CHOICES,
        widget=FastSelect,
        error_messages={"invalid_choice": "Ce tri n'existe pas."},
    )

    def search_kwargs(self) -> dict:
        """Arguments for `selectors.aid_search`; invalid fields are ignored (and reported by the form)."""
        data = self.cleaned_data if self.is_bound else {}
        errors = self.errors if self.is_bound else {}

        def ok(name, default):
            return default if name in errors else (data.get(name) or default)

        return {
            "query": ok("q", ""),
            "territory": ok("territoire", None),
            "beneficiary": ok("beneficiaire", ""),
            "theme": ok("thematique", None),
            "kind": ok("nature", ""),
            "include_closed": bool(ok("clotures", False)),
            "sort": ok("tri", "cloture"),
        }


class AidSearchPageForm(AidSearchForm):
    """The HTML page's search: the shared territory picker (a combobox with JavaScript, a code or a
    name without). The JSON API keeps `AidSearchForm`, whose codes are documented in docs/aids.md."""

    territoire = TerritoryChoiceField(
        kinds=[Kind.MUNICIPALITY, Kind.EPCI, Kind.EPT, Kind.DEPARTMENT, Kind.REGION, Kind.PROJECT],
        required=False,
        label="Mon territoire",
        help_text="Commencez à saisir le nom de votre commune ou intercommunalité, ou un code INSEE.",
    )


class AidForm(DsfrBaseForm, forms.ModelForm):
    beneficiary_choices = forms.MultipleChoiceField(
        label="Bénéficiaires éligibles",
        choices=Beneficiary.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Cochez au moins un type de bénéficiaire."},
    )
    perimeter_code = TerritoryChoiceField(
        required=False,
        label="Périmètre",
        help_text=(
            "Laisser vide pour une aide nationale. Sinon : région, département, intercommunalité, commune "
            "ou territoire de projet (nom, code INSEE ou SIREN)."
        ),
    )

    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Aid
        fields = [
            "title",
            "kind",
            "status",
            "description",
            "funders",
            "instructors",
            "funders_text",
            "themes",
            "rate_min",
            "rate_max",
            "amount_max",
            "budget",
            "funding_comment",
            "open_date",
            "close_date",
            "recurrence",
            "url",
            "contact",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "contact": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
            "open_date": DATE,
            "close_date": DATE,
        }
        error_messages = {
            "title": {"required": "Indiquez l'intitulé de l'aide."},
            "kind": {"required": "Choisissez la nature de l'aide."},
            "url": {"invalid": "Saisissez une adresse internet valide, par exemple https://www.exemple.fr"},
            "rate_min": {"invalid": "Saisissez un pourcentage entier."},
            "rate_max": {"invalid": "Saisissez un pourcentage entier."},
            "amount_max": {"invalid": "Saisissez un montant entier en euros."},
            "budget": {"invalid": "Saisissez un montant entier en euros."},
            "open_date": {"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
            "close_date": {"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
        }

    field_order = ["title", "kind", "status", "description", "beneficiary_choices", "perimeter_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.directory.models import Organisation

        organisations = Organisation.objects.active().only("pk", "name")
        self.fields["funders"].queryset = organisations
        self.fields["instructors"].queryset = organisations
        self.fields["themes"].queryset = Theme.objects.active()
        if self.instance.pk:
            self.initial["beneficiary_choices"] = self.instance.beneficiary_list
            self.initial["perimeter_code"] = self.instance.perimeter

    def clean_rate_max(self):
        value = self.cleaned_data.get("rate_max")
        if value is not None and value > 100:
            raise ValidationError("Un taux ne peut pas dépasser 100 %.")
        return value

    def clean(self):
        cleaned = super().clean()
        rate_min, rate_max = cleaned.get("rate_min"), cleaned.get("rate_max")
        if rate_min is not None and rate_max is not None and rate_min > rate_max:
            self.add_error("rate_min", "Le taux minimum doit être inférieur ou égal au taux maximum.")
        open_date, close_date = cleaned.get("open_date"), cleaned.get("close_date")
        if open_date and close_date and open_date > close_date:
            self.add_error("close_date", "La date de clôture doit suivre la date d'ouverture.")
        return cleaned

    def _post_clean(self):
        self.instance.beneficiaries = encode_beneficiaries(self.cleaned_data.get("beneficiary_choices"))
        self.instance.perimeter = self.cleaned_data.get("perimeter_code")
        super()._post_clean()

    def aid_data(self) -> AidData:
        """The valid input, as the data `services.aid_save` takes."""
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["beneficiaries"] = encode_beneficiaries(self.cleaned_data["beneficiary_choices"])
        data["perimeter"] = self.cleaned_data.get("perimeter_code")
        return AidData(**data)


class SavedSearchForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom de l'alerte",
        max_length=120,
        error_messages={"required": "Donnez un nom à votre alerte, par exemple « Rénovation école »."},
    )


def saved_search_from_form(search_form: AidSearchForm) -> dict:
    kwargs = search_form.search_kwargs()
    return {
        "query": kwargs["query"],
        "territory": kwargs["territory"],
        "beneficiary": kwargs["beneficiary"],
        "theme": kwargs["theme"],
        "kind": kwargs["kind"],
    }


__all__ = [
    "AidForm",
    "AidSearchForm",
    "SavedSearch",
    "SavedSearchForm",
    "saved_search_from_form",
]


class AidImportUrlForm(DsfrBaseForm):
    """An import by address from the Aides-territoires API (hosts allowed by the operator)."""

    url = forms.URLField(
        label="Adresse de l'API Aides-territoires",
        max_length=500,
        assume_scheme="https",
        help_text="Par exemple https://aides-territoires.beta.gouv.fr/api/aids/ — toutes les pages sont lues.",
    )

    def clean_url(self):
        from apps.aids.importers import FetchError, check_import_url

        url = self.cleaned_data["url"]
        try:
            check_import_url(url)
        except FetchError as exc:
            raise ValidationError(str(exc)) from None
        return url
