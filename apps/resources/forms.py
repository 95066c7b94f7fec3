from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.resources.models import FILE_POLICY, Audience, Collection, Freshness, Level, Resource, ResourceKind
from apps.territories.forms import TerritoryChoiceField
from apps.themes.models import Theme


class SlugChoiceField(forms.ModelChoiceField):
    default_error_messages = {
        "invalid_choice": "Cette thématique n'existe pas ou plus : choisissez-en une dans la liste."
    }


class ResourceFilterForm(DsfrBaseForm):
    q = forms.CharField(label="Mots-clés", required=False, max_length=200)
    type = forms.ChoiceField(
        label="Type de ressource",
        required=False,
        choices=[("", "Tous les types"), *ResourceKind.choices],
        error_messages={"invalid_choice": "Ce type de ressource n'existe pas."},
    )
    thematique = SlugChoiceField(
        label="Thématique",
        required=False,
        queryset=Theme.objects.active(),
        to_field_name="slug",
        empty_label="Toutes les thématiques",
    )
    niveau = forms.ChoiceField(
        label="Niveau",
        required=False,
        choices=[("", "Tous les niveaux"), *Level.choices],
        error_messages={"invalid_choice": "Ce niveau n'existe pas."},
    )
    fraicheur = forms.ChoiceField(
        label="Fraîcheur",
        required=False,
        choices=[("", "Toutes"), *Freshness.choices],
        error_messages={"invalid_choice": "Ce filtre de fraîcheur n'existe pas."},
    )

    def filters(self) -> dict:
        """Valid criteria only: a bad value is reported by the form and ignored, never a 500."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v and k not in self.errors}


class ResourceForm(DsfrBaseForm, forms.ModelForm):
    # Declared here, not swapped in __init__: DsfrBaseForm caches bound fields while initialising.
    territory = TerritoryChoiceField(
        required=False,
        label="Territoire concerné",
        help_text="Laisser vide si la ressource vaut pour toute la France. Sinon : nom ou code INSEE.",
    )

    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Resource
        fields = [
            "title",
            "kind",
            "summary",
            "url",
            "file",
            "publisher",
            "publisher_name",
            "audience",
            "level",
            "themes",
            "territory",
            "review_by",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "themes": forms.CheckboxSelectMultiple,
            "review_by": DATE,
            "file": forms.ClearableFileInput(attrs={"accept": FILE_POLICY.accept}),
        }
        error_messages = {
            "title": {"required": "Indiquez le titre de la ressource."},
            "kind": {"required": "Choisissez le type de ressource."},
            "summary": {"required": "Résumez la ressource en quelques lignes."},
            "url": {"invalid": "Saisissez une adresse internet valide, par exemple https://www.exemple.fr"},
            "review_by": {"invalid": "Saisissez une date valide (jj/mm/aaaa)."},
        }
        help_texts = {
            "file": FILE_POLICY.help_text,
            "review_by": "Vous recevrez un rappel avant cette date pour vérifier que la ressource est à jour.",
        }

    def __init__(self, *args, can_manage=False, **kwargs):
        super().__init__(*args, **kwargs)
        from apps.directory.models import Organisation

        self.fields["publisher"].queryset = Organisation.objects.active().only("pk", "name")
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["audience"].choices = Audience.choices
        if not can_manage:
            # Members suggest; the review-by date is the animators' business.
            del self.fields["review_by"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("file") and "url" not in self.errors:
            self.add_error("url", "Indiquez un lien ou joignez un fichier.")
        return cleaned


class RefuseForm(DsfrBaseForm):
    reason = core_forms.textarea_field(
        label="Motif du refus (envoyé à la personne qui l'a proposée)",
        max_length=1000,
        error_messages={"required": "Expliquez en une phrase pourquoi la suggestion est refusée."},
        rows=3,
    )


class CollectionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Collection
        fields = ["title", "intro", "position", "is_published", "themes"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 5}), "themes": forms.CheckboxSelectMultiple}
        error_messages = {"title": {"required": "Donnez un titre au bloc."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["themes"].required = False


class CollectionAddForm(DsfrBaseForm):
    resource = forms.ModelChoiceField(
        label="Ajouter une ressource",
        queryset=Resource.objects.none(),
        error_messages={
            "required": "Choisissez une ressource à ajouter.",
            "invalid_choice": "Cette ressource n'existe pas ou n'est pas publiée.",
        },
    )
    note = forms.CharField(label="Commentaire", required=False, max_length=300)

    def __init__(self, *args, collection=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Resource.objects.published().order_by("title").only("pk", "title")
        if collection is not None and collection.pk:
            qs = qs.exclude(collection_items__collection=collection)
        self.fields["resource"].queryset = qs
