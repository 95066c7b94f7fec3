from django import forms
from dsfr.forms import DsfrBaseForm


class ApiTokenForm(DsfrBaseForm):
    name = forms.CharField(
        label="Nom du jeton",
        max_length=100,
        help_text="L'outil ou le projet qui s'en servira, pour le reconnaître plus tard.",
    )
