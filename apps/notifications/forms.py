from django import forms
from dsfr.forms import DsfrBaseForm

from apps.notifications.models import DEFAULT_FREQUENCY, Frequency, Kind


class PreferencesForm(DsfrBaseForm):
    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Frequency.choices,
                initial=current.get(kind.value, DEFAULT_FREQUENCY[kind]),
                error_messages={"invalid_choice": "Choisissez une fréquence dans la liste."},
            )
