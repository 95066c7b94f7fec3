import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.cockpit.figures import DEFAULT_UNANSWERED_DAYS, MAX_PERIOD_DAYS, Period
from apps.core.forms import date_field, textarea_field
from apps.core.home import registered_blocks
from apps.core.models import LOGO_POLICY
from apps.core.params import object_id
from apps.core.widgets import UploadInput

PRESETS = [
    ("30j", "30 derniers jours"),
    ("90j", "90 derniers jours"),
    ("12m", "12 derniers mois"),
    ("annee", "Cette année"),
    ("annee-1", "L'année dernière"),
]


def preset_period(key: str, *, today: datetime.date | None = None) -> Period | None:
    today = today or timezone.localdate()
    if key == "30j":
        return Period(start=today - datetime.timedelta(days=29), end=today)
    if key == "90j":
        return Period(start=today - datetime.timedelta(days=89), end=today)
    if key == "12m":
        return Period.last_months(12, today=today)
    if key == "annee":
        return Period(start=today.replace(month=1, day=1), end=today)
    if key == "annee-1":
        return Period(start=datetime.date(today.year - 1, 1, 1), end=datetime.date(today.year - 1, 12, 31))
    return None


class PeriodForm(DsfrBaseForm):
    """The period of the figures, in the query string (?du=…&au=…&jours=…)."""

    du = date_field("Du", invalid="Saisissez une date de début valide (jj/mm/aaaa).")
    au = date_field("Au (inclus)", invalid="Saisissez une date de fin valide (jj/mm/aaaa).")
    jours = forms.IntegerField(
        label="Question sans réponse après (jours)",
        required=False,
        min_value=1,
        max_value=365,
        error_messages={
            "invalid": "Saisissez un nombre de jours.",
            "min_value": "Au moins 1 jour.",
            "max_value": "Au plus 365 jours.",
        },
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("du"), data.get("au")
        if start and end and start > end:
            raise ValidationError("La date de début doit précéder la date de fin.")
        if start and end and (end - start).days > MAX_PERIOD_DAYS:
            raise ValidationError("La période ne peut pas dépasser dix ans.")
        return data

    def period(self) -> Period:
        """The chosen period; the last twelve months by default (and when the form is invalid)."""
        default = Period.last_months(12)
        if not self.is_bound or not self.is_valid():
            return default
        data = self.cleaned_data
        end = data.get("au") or default.end
        start = data.get("du") or min(default.start, end)
        return Period(start=start, end=end, unanswered_days=data.get("jours") or DEFAULT_UNANSWERED_DAYS)


def period_form(data) -> tuple[PeriodForm, Period]:
    """The form as the page shows it (filled with the period in force) and that period."""
    form = PeriodForm(data or None)
    period = form.period()
    if not form.is_bound:
        form = PeriodForm(initial={"du": period.start, "au": period.end, "jours": period.unanswered_days})
    return form, period


def preset_links(*, today: datetime.date | None = None) -> list[tuple[str, Period]]:
    return [(label, preset_period(key, today=today)) for key, label in PRESETS]


class BulkActionForm(forms.Form):
    """What the queue posts: one kind, one action, the selected items."""

    type = forms.CharField(max_length=40)
    action = forms.CharField(max_length=40)
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        error_messages={
            "required": "Cochez au moins un élément de la file.",
            "invalid_choice": "Un des éléments cochés n'est pas valide.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integer: the view keeps only the pending items the person may handle.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(value, value) for value in raw if object_id(value) is not None]


class ReasonForm(DsfrBaseForm):
    reason = textarea_field(
        label="Motif",
        required=False,
        max_length=1000,
        error_messages={"max_length": "Au plus 1 000 caractères."},
        rows=3,
    )

    def __init__(self, *args, action=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action
        if action is not None:
            self.fields["reason"].label = action.reason_label
            self.fields["reason"].required = action.reason == "required"
            self.fields["reason"].error_messages["required"] = "Ce motif est obligatoire pour cette action."
            # DsfrBaseForm built the bound fields already: rebuild this one with its new label.
            self._bound_fields_cache.pop("reason", None)


class FooterLinksField(forms.CharField):
    """One link per line: "Libellé | https://adresse"."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value):
        value = super().to_python(value)
        links, errors = [], []
        validate = URLValidator(schemes=["http", "https", "mailto"])
        for number, line in enumerate((value or "").splitlines(), start=1):
            if not line.strip():
                continue
            label, sep, url = line.partition("|")
            label, url = label.strip(), url.strip()
            if not sep or not label or not url:
                errors.append(f"Ligne {number} : écrivez « Libellé | https://adresse ».")
                continue
            if url.startswith("/"):
                links.append((label[:80], url[:500]))
                continue
            try:
                validate(url)
            except ValidationError:
                errors.append(f"Ligne {number} : « {url} » n'est pas une adresse valide (https://…).")
                continue
            links.append((label[:80], url[:500]))
        if errors:
            raise ValidationError(errors)
        if len(links) > 12:
            raise ValidationError("Au plus 12 liens dans le pied de page.")
        return links

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(f"{label} | {url}" for label, url in value)
        return value


class NetworkSettingsForm(DsfrBaseForm):
    name = forms.CharField(label="Nom du réseau", max_length=120)
    tagline = forms.CharField(label="Accroche", max_length=200, required=False)
    operator = forms.CharField(
        label="Animé par",
        max_length=200,
        help_text="L'équipe ou la structure qui anime le réseau et édite le site (mentions légales).",
    )
    contact_email = forms.EmailField(
        label="Adresse électronique de contact",
        error_messages={"invalid": "Saisissez une adresse électronique valide."},
    )
    logo = forms.ImageField(
        widget=UploadInput(policy=LOGO_POLICY),
        label="Logo du réseau",
        required=False,
        help_text=LOGO_POLICY.help_text,
        error_messages={"invalid_image": "Ce fichier n'est pas une image valide (PNG, JPEG, WebP ou GIF)."},
    )
    remove_logo = forms.BooleanField(label="Retirer le logo actuel", required=False)
    logo_alt = forms.CharField(
        label="Texte alternatif du logo",
        max_length=200,
        required=False,
        help_text="Ce que dit le logo, pour les personnes qui ne le voient pas. Vide : le nom du réseau.",
    )
    republique_francaise = forms.BooleanField(
        label="Afficher le bloc « République française » (Marianne)",
        required=False,
        help_text=(
            "Réservé aux sites de l'État : ministère, préfecture, service déconcentré, opérateur. "
            "Une collectivité ou une association ne doit pas l'afficher."
        ),
    )
    home_intro = textarea_field(
        label="Présentation du réseau (page d'accueil)",
        required=False,
        max_length=5000,
        help_text="Markdown simple accepté. Ce que fait le réseau, pour qui, comment le rejoindre.",
        rows=6,
    )
    about = textarea_field(
        label="Page « À propos »",
        required=False,
        max_length=20000,
        help_text="Markdown simple accepté. Vide : pas de page « À propos ».",
        rows=10,
    )
    footer_links = FooterLinksField(
        label="Liens du pied de page",
        required=False,
        help_text="Un lien par ligne : « Libellé | https://adresse ». Par exemple : « Notre lettre | https://… ».",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        initial_blocks = self.initial.get("home_blocks")
        chosen = list(initial_blocks) if initial_blocks is not None else None
        self.block_fields = []
        for index, block in enumerate(registered_blocks()):
            shown = block.default if chosen is None else block.key in chosen
            position = (chosen.index(block.key) + 1) if chosen and block.key in chosen else index + 1
            show_name, position_name = f"bloc_{block.key}", f"ordre_{block.key}"
            self.fields[show_name] = forms.BooleanField(
                label=f"Afficher « {block.label} »", required=False, initial=shown
            )
            self.fields[position_name] = forms.IntegerField(
                label=f"Position de « {block.label} »",
                required=False,
                min_value=1,
                max_value=99,
                initial=position,
                error_messages={
                    "invalid": "Indiquez une position en chiffres.",
                    "min_value": "La position commence à 1.",
                    "max_value": "Au plus 99.",
                },
            )
            self.block_fields.append((block, show_name, position_name))

    def home_blocks_field_pairs(self):
        return [(block, self[show], self[position]) for block, show, position in self.block_fields]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            LOGO_POLICY.validate(logo)
        return logo

    def clean_footer_links(self):
        return self.cleaned_data["footer_links"] or []

    def cleaned_home_blocks(self) -> list[str]:
        data = self.cleaned_data
        chosen = [
            (data.get(position) or 99, index, block.key)
            for index, (block, show, position) in enumerate(self.block_fields)
            if data.get(show)
        ]
        return [key for _, _, key in sorted(chosen)]


# --- accounts (roles, deactivation) -----------------------------------------------------------------

ACCOUNT_STATES = [
    ("", "Tous les comptes"),
    ("actifs", "Actifs"),
    ("desactives", "Désactivés"),
    ("non-confirmes", "Adresse non confirmée"),
]


class AccountFilterForm(DsfrBaseForm):
    q = forms.CharField(
        label="Nom ou adresse électronique", required=False, max_length=100, widget=forms.SearchInput
    )
    role = forms.ChoiceField(label="Rôle", required=False, choices=[("", "Tous les rôles")])
    etat = forms.ChoiceField(label="État", required=False, choices=ACCOUNT_STATES)

    def __init__(self, *args, **kwargs):
        from apps.accounts.models import Role

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "Tous les rôles"), *Role.choices]

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}


class RoleForm(DsfrBaseForm):
    role = forms.ChoiceField(label="Rôle", widget=forms.RadioSelect)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = roles
        self.fields["role"].error_messages["invalid_choice"] = "Vous ne pouvez pas donner ce rôle."
