from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from dsfr.forms import DsfrBaseForm

from apps.themes.models import Theme


class ThemeForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"is_active": "Thématique proposée dans les formulaires et les filtres"}
        error_messages = {
            "name": {
                "required": "Indiquez le nom de la thématique.",
                "unique": "Une thématique porte déjà ce nom.",
            }
        }

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        slug = slugify(name)[:120]
        if not slug:
            raise ValidationError("Le nom doit contenir au moins une lettre ou un chiffre.")
        clash = Theme.objects.filter(slug=slug).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(f"Une thématique très proche existe déjà : « {clash.first().name} ».")
        return name
