from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.directory.models import Organisation, Person
from apps.events.models import Audience, Event, EventKind, PartnerFeed
from apps.territories.forms import TerritoryChoiceField
from apps.territories.models import Territory
from apps.themes.models import Theme

DATETIME_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_INPUT, **kwargs)


class EventForm(DsfrBaseForm, forms.ModelForm):
    start = forms.DateTimeField(
        label="Début",
        widget=LocalDateTimeInput(),
        help_text="Date et heure locales du fuseau choisi ci-dessous.",
        error_messages={
            "required": "Indiquez la date et l'heure de début.",
            "invalid": "Date et heure invalides.",
        },
    )
    end = forms.DateTimeField(
        label="Fin",
        widget=LocalDateTimeInput(),
        error_messages={
            "required": "Indiquez la date et l'heure de fin.",
            "invalid": "Date et heure invalides.",
        },
    )
    territory = TerritoryChoiceField(label="Commune ou territoire du lieu", required=False)

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "status",
            "summary",
            "description",
            "start",
            "end",
            "timezone_name",
            "online_url",
            "place_name",
            "address",
            "territory",
            "organisers",
            "co_organisers",
            "speakers",
            "themes",
            "audience",
            "audience_category",
            "capacity",
            "registration_open",
            "replay_url",
            "slides_url",
            "report",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            "report": forms.Textarea(attrs={"rows": 6}),
            "themes": forms.CheckboxSelectMultiple,
            "organisers": forms.SelectMultiple(attrs={"size": 6}),
            "co_organisers": forms.SelectMultiple(attrs={"size": 6}),
            "speakers": forms.SelectMultiple(attrs={"size": 6}),
        }
        error_messages = {
            "title": {"required": "Indiquez le titre de l'événement."},
            "kind": {"required": "Choisissez le type d'événement."},
            "online_url": {
                "invalid": "Saisissez une adresse internet valide, par exemple https://visio.exemple.fr"
            },
            "replay_url": {"invalid": "Saisissez une adresse internet valide."},
            "slides_url": {"invalid": "Saisissez une adresse internet valide."},
            "capacity": {"invalid": "Indiquez un nombre entier de places."},
        }
        help_texts = {
            "organisers": "Maintenez Ctrl (ou Cmd) pour en choisir plusieurs.",
            "speakers": "Les intervenant·es viennent de l'annuaire ; ils apparaissent dans l'annuaire des intervenant·es.",
        }

    SECTIONS = [
        ("L'événement", ["title", "kind", "status", "summary", "description", "themes"]),
        (
            "Date et lieu",
            ["start", "end", "timezone_name", "online_url", "place_name", "address", "territory"],
        ),
        ("Organisation et intervenant·es", ["organisers", "co_organisers", "speakers"]),
        ("Public et inscriptions", ["audience", "audience_category", "capacity", "registration_open"]),
        ("Après l'événement", ["replay_url", "slides_url", "report"]),
    ]

    def sections(self):
        """Fields grouped in fieldsets for the template (every field appears exactly once)."""
        return [
            (legend, [self[name] for name in names if name in self.fields]) for legend, names in self.SECTIONS
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.active().only("pk", "name")
        self.fields["organisers"].queryset = orgs
        self.fields["co_organisers"].queryset = orgs
        self.fields["speakers"].queryset = Person.objects.filter(is_removed=False).only(
            "pk", "first_name", "last_name"
        )
        self.fields["themes"].queryset = Theme.objects.active()
        self.fields["territory"].queryset = Territory.objects.filter(is_current=True)
        if self.instance.pk and not self.is_bound:
            # Show the stored UTC instants in the event's own time zone.
            self.initial["start"] = self.instance.local_start.strftime(DATETIME_INPUT)
            self.initial["end"] = self.instance.local_end.strftime(DATETIME_INPUT)

    def clean(self):
        cleaned = super().clean()
        tzname = cleaned.get("timezone_name") or "Europe/Paris"
        current = timezone.get_current_timezone()
        for name in ("start", "end"):
            value = cleaned.get(name)
            if isinstance(value, datetime):
                # The field read it in the site's zone: re-read the same wall time in the event's zone.
                cleaned[name] = timezone.make_naive(value, current).replace(tzinfo=ZoneInfo(tzname))
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", "La fin doit être après le début.")
        if not cleaned.get("online_url") and not cleaned.get("place_name") and not cleaned.get("territory"):
            self.add_error("online_url", "Indiquez un lien de connexion, un lieu, ou les deux.")
        if cleaned.get("audience") == Audience.CATEGORY and not cleaned.get("audience_category"):
            self.add_error(
                "audience_category", "Choisissez la catégorie d'acteurs à qui l'événement est réservé."
            )
        return cleaned


class RegistrationForm(DsfrBaseForm):
    share_contact = forms.BooleanField(
        label="J'accepte que mon nom, mon organisation et mon adresse électronique soient transmis aux organisateurs",
        required=False,
    )


class ConfirmForm(DsfrBaseForm):
    confirm = forms.BooleanField(
        label="Je confirme", required=True, error_messages={"required": "Cochez la case pour confirmer."}
    )


MODE_CHOICES = [("", "En ligne ou en présentiel"), ("online", "En ligne"), ("in_person", "En présentiel")]


class AgendaFilterForm(DsfrBaseForm):
    q = forms.CharField(label="Mots-clés", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Type", choices=[("", "Tous les types"), *EventKind.choices], required=False
    )
    theme = forms.ModelChoiceField(
        label="Thématique",
        queryset=Theme.objects.none(),
        required=False,
        empty_label="Toutes les thématiques",
        to_field_name="slug",
        error_messages={"invalid_choice": "Cette thématique n'existe pas."},
    )
    region = forms.ModelChoiceField(
        label="Région",
        queryset=Territory.objects.none(),
        required=False,
        empty_label="Toutes les régions",
        to_field_name="code",
        error_messages={"invalid_choice": "Cette région n'existe pas."},
    )
    mode = forms.ChoiceField(label="Format", choices=MODE_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.active()
        self.fields["region"].queryset = Territory.objects.filter(kind="region", is_current=True).order_by(
            "name"
        )

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v and k not in self.errors}


class PartnerFeedForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = PartnerFeed
        fields = ["name", "url", "organisation"]
        error_messages = {
            "name": {"required": "Indiquez le nom du partenaire."},
            "url": {
                "required": "Indiquez l'adresse du flux iCalendar.",
                "invalid": "Saisissez une adresse internet valide (https://…/agenda.ics).",
                "unique": "Cet agenda partenaire est déjà importé.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().only("pk", "name")
        self.fields["organisation"].required = False

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.lower().startswith(("http://", "https://")):
            raise ValidationError("Seules les adresses http:// ou https:// sont acceptées.")
        return url
