from django import forms
from dsfr.forms import DsfrBaseForm

from apps.programmes.models import SupportFile


class SupportFileForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = SupportFile
        fields = ["subject", "expert", "budget_days", "used_days", "status", "qualification_note"]
        widgets = {
            "subject": forms.Textarea(attrs={"rows": 3}),
            "qualification_note": forms.Textarea(attrs={"rows": 12}),
        }
        error_messages = {
            "budget_days": {"invalid": "Indiquez un nombre de jours (par exemple 8 ou 4,5)."},
            "used_days": {"invalid": "Indiquez un nombre de jours (par exemple 2 ou 0,5)."},
        }

    def __init__(self, *args, can_manage=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_manage:
            # The delegation describes its project; the budget and its follow-up are the programme team's.
            for name in ("expert", "budget_days", "used_days", "status"):
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        for name in ("budget_days", "used_days"):
            value = cleaned.get(name)
            if value is not None and value < 0:
                self.add_error(name, "Le nombre de jours ne peut pas être négatif.")
        return cleaned
