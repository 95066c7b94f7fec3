from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core.forms import ModelChoiceField, textarea_field
from apps.core.widgets import MarkdownTextarea
from apps.mailing.audiences import segment_choices_for
from apps.mailing.models import AnnouncementAudience, Segment


class EditionCreateForm(DsfrBaseForm):
    title = forms.CharField(
        label="Titre", max_length=200, required=False, help_text="Vide : « La lettre de <mois> »."
    )
    theme = ModelChoiceField(
        label="Édition thématique", queryset=None, required=False, empty_label="Toutes les thématiques"
    )
    territory = ModelChoiceField(
        label="Édition territoriale", queryset=None, required=False, empty_label="Tout le réseau"
    )
    period_start = forms.DateField(
        label="Depuis le",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Vide : depuis l'envoi de la lettre précédente (ou depuis un mois).",
    )

    def __init__(self, *args, **kwargs):
        from apps.territories.models import Territory
        from apps.themes.models import Theme

        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(is_active=True).order_by("position", "name")
        self.fields["territory"].queryset = Territory.objects.filter(
            kind__in=["region", "department"]
        ).order_by("kind", "code")


class EditionSettingsForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=200)
    intro = forms.CharField(
        label="Éditorial",
        required=False,
        widget=MarkdownTextarea(attrs={"rows": 5}),
        help_text="Markdown simple accepté, images comprises.",
    )
    audience = forms.ChoiceField(label="Destinataires", choices=())
    is_public = forms.BooleanField(label="Archive publique (lisible sans connexion)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = audience_choices()

    def clean(self):
        data = super().clean()
        segment, _, value = (data.get("audience") or "").partition(":")
        data["segment"], data["segment_value"] = segment, value
        return data


def audience_choices() -> list:
    """One select for every segment: "all", then "<segment>:<value>" grouped by segment."""
    choices = [(Segment.ALL.value, Segment.ALL.label)]
    for segment in Segment:
        if segment == Segment.ALL:
            continue
        options = [(f"{segment.value}:{value}", label) for value, label in segment_choices_for(segment)]
        if options:
            choices.append((segment.label, options))
    return choices


def audience_initial(edition) -> str:
    return edition.segment if edition.segment == Segment.ALL else f"{edition.segment}:{edition.segment_value}"


class BlockForm(DsfrBaseForm):
    title = forms.CharField(label="Titre du bloc", max_length=200)
    text = forms.CharField(
        label="Texte",
        required=False,
        widget=MarkdownTextarea(attrs={"rows": 4}),
        help_text="Markdown simple accepté, images comprises.",
    )


class ScheduleForm(DsfrBaseForm):
    when = forms.DateTimeField(
        label="Date et heure d'envoi",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class SubscribeForm(DsfrBaseForm):
    address = forms.EmailField(label="Adresse électronique", max_length=254)


class PlaceMessageForm(DsfrBaseForm):
    subject = forms.CharField(label="Objet", max_length=200)
    body = textarea_field(label="Message", help_text="Markdown simple accepté.", rows=8)


class AnnouncementForm(DsfrBaseForm):
    title = forms.CharField(label="Titre", max_length=120)
    body = forms.CharField(label="Texte", max_length=400, required=False)
    link_url = forms.CharField(
        label="Lien",
        max_length=500,
        required=False,
        help_text="Une page du site (/agenda/…) ou une adresse https://…",
    )
    link_label = forms.CharField(label="Texte du lien", max_length=80, required=False)
    audience = forms.ChoiceField(label="Public", choices=AnnouncementAudience.choices)
    all_pages = forms.BooleanField(
        label="Sur toutes les pages (sinon : sur la page d'accueil)", required=False
    )
    starts_at = forms.DateTimeField(
        label="À partir du",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    ends_at = forms.DateTimeField(
        label="Jusqu'au",
        required=False,
        help_text="Vide : jusqu'à nouvel ordre.",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def clean_link_url(self):
        url = self.cleaned_data["link_url"].strip()
        if url and not ((url.startswith("/") and not url.startswith("//")) or url.startswith("https://")):
            raise forms.ValidationError(
                "Indiquez une page du site (commençant par /) ou une adresse https://."
            )
        return url

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            self.add_error("ends_at", "La fin doit suivre le début.")
        return data
