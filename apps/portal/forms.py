from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from apps.directory.models import validate_siren
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import Kind


class FindOrganisationForm(DsfrBaseForm):
    nom = forms.CharField(
        label="Nom de l'organisation",
        required=False,
        max_length=200,
        help_text="Par exemple : « Communauté de communes du Grand Autunois », « CPIE ».",
    )
    siren = forms.CharField(
        label="Numéro SIREN",
        required=False,
        max_length=11,
        help_text="9 chiffres, sur les factures et sur annuaire-entreprises.data.gouv.fr.",
    )
    commune = TerritoryChoiceField(
        kinds=[Kind.MUNICIPALITY],
        required=False,
        label="Commune",
        help_text="Code postal, code INSEE ou nom de la commune où se trouve l'organisation.",
    )

    def clean_siren(self):
        siren = "".join(self.cleaned_data["siren"].split())
        validate_siren(siren)
        return siren

    def clean(self):
        data = super().clean()
        if not self.errors and not (data.get("nom", "").strip() or data.get("siren") or data.get("commune")):
            raise ValidationError(
                "Indiquez au moins le nom, le numéro SIREN ou la commune de votre organisation."
            )
        return data
