from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.filters import FilterForm
from apps.directory.forms import ORGANISATIONS_HELP, organisations_widget
from apps.directory.models import Organisation, Person
from apps.events.models import PHOTO_POLICY, Audience, Event, EventKind, FollowupItem, PartnerFeed
from apps.groups.models import Group, GroupMembership
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
        formfield_callback = core_forms.formfield  # ids out of range: form error
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
            "audience_group",
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
            "organisers": organisations_widget(),
            "co_organisers": organisations_widget(),
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
            "organisers": ORGANISATIONS_HELP,
            "co_organisers": ORGANISATIONS_HELP,
            "speakers": "Les intervenant·es viennent de l'annuaire ; ils apparaissent dans l'annuaire des intervenant·es.",
        }

    SECTIONS = [
        ("L'événement", ["title", "kind", "status", "summary", "description", "themes"]),
        (
            "Date et lieu",
            ["start", "end", "timezone_name", "online_url", "place_name", "address", "territory"],
        ),
        ("Organisation et intervenant·es", ["organisers", "co_organisers", "speakers"]),
        (
            "Public et inscriptions",
            ["audience", "audience_category", "audience_group", "capacity", "registration_open"],
        ),
        ("Après l'événement", ["replay_url", "slides_url", "report"]),
    ]

    def sections(self):
        """Fields grouped in fieldsets for the template (every field appears exactly once)."""
        return [
            (legend, [self[name] for name in names if name in self.fields]) for legend, names in self.SECTIONS
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # The group the event belongs to before this form (taking it out is the group's decision).
        self.previous_group_id = self.instance.audience_group_id if self.instance.pk else None
        self._setup_audience(user)
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

    def _setup_audience(self, user):
        """A group can be chosen only among the groups `user` animates; someone who may create
        events only as a group animator gets the group audience alone."""
        from apps.events import perms

        animated = Q(pk__in=[])
        if user is not None and user.is_authenticated:
            animated = Q(
                pk__in=GroupMembership.objects.filter(
                    user=user,
                    status=GroupMembership.Status.ACTIVE,
                    role=GroupMembership.Role.ANIMATOR,
                ).values("group_id")
            )
        # The event's current group stays selectable for its other editors (its author).
        current = Q(pk=self.instance.audience_group_id) if self.instance.audience_group_id else Q(pk__in=[])
        groups = Group.objects.filter(animated | current).order_by("name")
        field = self.fields["audience_group"]
        field.queryset = groups
        field.empty_label = "— Aucun —"
        field.help_text = "Seuls ses membres verront l'événement. Vous devez animer ce groupe."
        field.error_messages["invalid_choice"] = "Choisissez un groupe que vous animez."
        audience = self.fields["audience"]
        if not groups.exists():
            audience.choices = [c for c in audience.choices if c[0] != Audience.GROUP]
            del self.fields["audience_group"]
        elif user is not None and not perms.can_create_open_event(user):
            audience.choices = [c for c in audience.choices if c[0] == Audience.GROUP]
            self.initial.setdefault("audience", Audience.GROUP)

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
        if cleaned.get("audience") == Audience.GROUP:
            missing = "audience_group" in self.fields and not cleaned.get("audience_group")
            if missing and "audience_group" not in self.errors:
                self.add_error("audience_group", "Choisissez le groupe à qui l'événement est réservé.")
        else:
            # Only a group audience keeps a group (the database enforces it too).
            cleaned["audience_group"] = None
            if "audience_group" not in self.fields:
                self.instance.audience_group = None
        self._check_group_exit(cleaned)
        return cleaned

    def _check_group_exit(self, cleaned):
        """Taking an event out of its private group (another audience, another group) shows it
        outside the group: only the group's animators decide it (issue 11), not its author alone."""
        if self.previous_group_id is None:
            return
        staying = cleaned.get("audience") == Audience.GROUP and (
            "audience_group" not in self.fields
            or getattr(cleaned.get("audience_group"), "pk", None) == self.previous_group_id
        )
        if staying:
            return
        from apps.groups.perms import is_group_animator

        if not is_group_animator(self.user, Group.objects.get(pk=self.previous_group_id)):
            self.add_error(
                "audience",
                "Seul·es les animateur·rices du groupe peuvent ouvrir cet événement au-delà du groupe.",
            )


class RegistrationForm(DsfrBaseForm):
    share_contact = forms.BooleanField(
        label="J'accepte que mon nom, mon organisation et mon adresse électronique soient transmis aux organisateurs",
        required=False,
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(event.registration_questions.all()) if event is not None else []
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = _question_field(question)

    def answers(self) -> dict:
        """{"<question id>": answer} for the event's questions (after is_valid())."""
        return {
            str(question.pk): self.cleaned_data.get(f"question_{question.pk}")
            for question in self.questions
            if self.cleaned_data.get(f"question_{question.pk}") not in (None, "")
        }


def _question_field(question):
    from apps.events.models import QuestionKind

    common = {"label": question.label, "help_text": question.help_text, "required": question.required}
    required_message = {"required": f"Répondez à la question « {question.label} »."}
    if question.kind == QuestionKind.CHOICE:
        return forms.ChoiceField(
            choices=[("", "Choisir une réponse"), *[(c, c) for c in question.choice_list]],
            error_messages={**required_message, "invalid_choice": "Choisissez une réponse de la liste."},
            **common,
        )
    if question.kind == QuestionKind.YES_NO:
        return forms.TypedChoiceField(
            choices=[("", "Choisir"), ("oui", "Oui"), ("non", "Non")],
            coerce=lambda value: value == "oui",
            empty_value=None,
            error_messages=required_message,
            **common,
        )
    return core_forms.textarea_field(
        max_length=1000,
        error_messages={**required_message, "max_length": "1 000 caractères au plus."},
        **common,
        rows=2,
    )


class RegistrationSettingsForm(DsfrBaseForm):
    registration_open = forms.BooleanField(label="Inscriptions ouvertes", required=False)
    registration_deadline = forms.DateTimeField(
        label="Date limite d'inscription",
        required=False,
        widget=LocalDateTimeInput(),
        help_text="Heure locale du fuseau de l'événement. Laissez vide pour accepter les inscriptions jusqu'au début.",
        error_messages={"invalid": "Date et heure invalides."},
    )

    def __init__(self, *args, event, **kwargs):
        self.event = event
        zone = ZoneInfo(event.timezone_name)
        deadline = event.registration_deadline
        kwargs.setdefault(
            "initial",
            {
                "registration_open": event.registration_open,
                "registration_deadline": deadline.astimezone(zone).replace(tzinfo=None) if deadline else None,
            },
        )
        super().__init__(*args, **kwargs)

    def clean_registration_deadline(self):
        value = self.cleaned_data.get("registration_deadline")
        if value is None:
            return None
        # Typed in the event's own time zone (overseas events too).
        value = value.replace(tzinfo=None).replace(tzinfo=ZoneInfo(self.event.timezone_name))
        if value > self.event.end:
            raise ValidationError("La date limite doit précéder la fin de l'événement.")
        return value


class RegistrationQuestionForm(DsfrBaseForm):
    label = forms.CharField(
        label="Question", max_length=200, error_messages={"required": "Écrivez la question."}
    )
    help_text = forms.CharField(label="Précision (facultative)", max_length=300, required=False)
    kind = forms.ChoiceField(label="Type de réponse", widget=forms.RadioSelect)
    choices = core_forms.textarea_field(
        label="Choix proposés",
        required=False,
        help_text="Un choix par ligne, pour « un choix dans une liste ».",
        rows=4,
    )
    required = forms.BooleanField(label="Réponse obligatoire", required=False)
    position = forms.IntegerField(
        label="Ordre",
        min_value=0,
        max_value=999,
        initial=1,
        error_messages={"invalid": "Indiquez un nombre entier."},
    )

    def __init__(self, *args, **kwargs):
        from apps.events.models import QuestionKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = QuestionKind.choices

    def clean(self):
        from apps.events.models import QuestionKind

        cleaned = super().clean()
        lines = [line.strip() for line in (cleaned.get("choices") or "").splitlines() if line.strip()]
        if cleaned.get("kind") == QuestionKind.CHOICE and len(lines) < 2:
            self.add_error("choices", "Proposez au moins deux choix, un par ligne.")
        return cleaned


MODE_CHOICES = [("", "En ligne ou en présentiel"), ("online", "En ligne"), ("in_person", "En présentiel")]


class AgendaFilterForm(FilterForm):
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


class FollowupItemForm(DsfrBaseForm):
    """A replay or video link, a link, or a photo attached to an event."""

    kind = forms.ChoiceField(
        label="Nature",
        choices=FollowupItem.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez la nature de l'élément."},
    )
    title = forms.CharField(
        label="Titre",
        max_length=200,
        error_messages={"required": "Donnez un titre à l'élément."},
        help_text="Par exemple « Replay du webinaire » ou « Photos de la visite ».",
    )
    url = forms.URLField(
        label="Adresse (vidéo ou lien)",
        max_length=500,
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Saisissez une adresse web complète, commençant par https://."},
    )
    photo = forms.ImageField(
        label="Photo",
        required=False,
        help_text=PHOTO_POLICY.help_text,
        validators=[PHOTO_POLICY],
        widget=forms.ClearableFileInput(attrs={"accept": PHOTO_POLICY.accept}),
    )
    alt = forms.CharField(
        label="Texte alternatif de la photo",
        max_length=250,
        required=False,
        help_text="Obligatoire pour une photo : décrivez ce qu'elle montre.",
    )

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == FollowupItem.Kind.PHOTO:
            if not cleaned.get("photo") and "photo" not in self.errors:
                self.add_error("photo", "Choisissez la photo à déposer.")
            if not cleaned.get("alt", "").strip():
                self.add_error("alt", "Décrivez la photo en quelques mots (texte alternatif).")
        elif kind and not cleaned.get("url") and "url" not in self.errors:
            self.add_error("url", "Indiquez l'adresse de la vidéo ou du lien.")
        return cleaned
