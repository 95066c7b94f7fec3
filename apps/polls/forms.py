import re
from dataclasses import dataclass
from datetime import datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.directory.forms import ORGANISATIONS_HELP, organisations_widget
from apps.directory.models import Organisation
from apps.polls.models import Poll, PollOption

MAX_OPTIONS = 40
DEFAULT_ROWS = 6
EDIT_ROWS = 3
MORE_ROWS = 4


@dataclass
class ParsedOption:
    label: str = ""
    start: datetime | None = None
    end: datetime | None = None
    all_day: bool = False


def row_count_from(data, default: int) -> int:
    try:
        value = int((data or {}).get("lignes", default))
    except (TypeError, ValueError):
        value = default
    return max(2, min(MAX_OPTIONS, value))


class DatedOptionRows:
    """Structured option rows (a date picker with the year, optional start and end times, an
    optional note), never free text: « mardi 9 février » without a year cannot be typed."""

    def add_option_rows(self, count: int) -> None:
        self.row_count = count
        for i in range(count):
            self.fields[f"option_{i}_date"] = forms.DateField(
                label="Date",
                required=False,
                widget=DATE,
                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                error_messages={"invalid": "Date invalide : choisissez le jour, le mois et l'année."},
            )
            self.fields[f"option_{i}_start"] = forms.TimeField(
                label="De",
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages={"invalid": "Heure invalide (par exemple 09:30)."},
            )
            self.fields[f"option_{i}_end"] = forms.TimeField(
                label="À",
                required=False,
                widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
                error_messages={"invalid": "Heure invalide (par exemple 12:00)."},
            )
            self.fields[f"option_{i}_label"] = forms.CharField(
                label="Précision",
                required=False,
                max_length=200,
                error_messages={"max_length": "200 caractères au plus."},
            )

    @property
    def option_rows(self):
        """The bound fields of each row, for the template."""
        return [
            {
                "number": i + 1,
                "date": self[f"option_{i}_date"],
                "start": self[f"option_{i}_start"],
                "end": self[f"option_{i}_end"],
                "label": self[f"option_{i}_label"],
            }
            for i in range(self.row_count)
        ]

    @property
    def option_rows_have_errors(self) -> bool:
        return any(name.startswith("option_") for name in self.errors)

    def clean_option_rows(self, cleaned) -> list[ParsedOption]:
        """The filled rows as options, in chronological order; errors are added to their field."""
        today = timezone.localdate()
        options, seen = [], set()
        for i in range(self.row_count):
            names = [f"option_{i}_{part}" for part in ("date", "start", "end", "label")]
            if any(name in self.errors for name in names):
                continue
            day, start, end, label = (cleaned.get(name) for name in names)
            label = (label or "").strip()
            if day is None:
                if start or end or label:
                    self.add_error(names[0], "Choisissez la date de cette option.")
                continue
            if day < today:
                self.add_error(names[0], "Cette date est passée.")
                continue
            if end and not start:
                self.add_error(names[1], "Indiquez l'heure de début.")
                continue
            begin = timezone.make_aware(datetime.combine(day, start or time(0)))
            finish = timezone.make_aware(datetime.combine(day, end)) if end else None
            if finish and finish <= begin:
                self.add_error(names[2], "L'heure de fin doit être après l'heure de début.")
                continue
            key = (begin, finish, label.casefold())
            if key in seen:
                self.add_error(names[0], "Cette option est déjà proposée.")
                continue
            seen.add(key)
            options.append(ParsedOption(label=label, start=begin, end=finish, all_day=start is None))
        return sorted(options, key=lambda o: (o.start, o.end or o.start, o.label))


class PollForm(DatedOptionRows, DsfrBaseForm, forms.ModelForm):
    """A poll and its dates (structured rows, see DatedOptionRows)."""

    deadline = forms.DateTimeField(
        label="Date limite de réponse",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"invalid": "Date et heure invalides."},
    )

    class Meta:
        model = Poll
        fields = ["title", "description", "deadline", "hidden_answers"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"title": {"required": "Donnez un titre au sondage."}}

    def __init__(self, *args, rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_option_rows(rows or row_count_from(self.data if self.is_bound else None, DEFAULT_ROWS))

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline <= timezone.now():
            raise ValidationError("La date limite doit être dans le futur.")
        return deadline

    def clean(self):
        cleaned = super().clean()
        options = self.clean_option_rows(cleaned)
        if len(options) < 2 and not self.option_rows_have_errors:
            raise ValidationError("Proposez au moins deux dates.")
        cleaned["options"] = options
        return cleaned


def answer_values(data, options) -> tuple[dict[int, str], set[int]]:
    """The explicit answer to each option (oui / si besoin / non) and the options left unanswered:
    nothing is pre-set, an option without an answer is an error, never a silent « non »."""
    from apps.polls.models import AnswerValue

    values, missing = {}, set()
    for option in options:
        value = data.get(f"option-{option.pk}", "")
        if value in AnswerValue.values:
            values[option.pk] = value
        else:
            missing.add(option.pk)
    return values, missing


class CommentForm(DsfrBaseForm):
    text = core_forms.textarea_field(
        label="Votre commentaire",
        max_length=2000,
        error_messages={"required": "Écrivez un commentaire.", "max_length": "2 000 caractères au plus."},
        rows=3,
    )


class CloseForm(DsfrBaseForm):
    final_option = forms.ModelChoiceField(
        label="Option retenue",
        queryset=PollOption.objects.none(),
        required=False,
        empty_label="Aucune (clore sans choisir)",
        error_messages={"invalid_choice": "Cette option n'appartient pas au sondage."},
    )
    confirm = forms.BooleanField(
        label="Je confirme la clôture : plus personne ne pourra répondre",
        error_messages={"required": "Cochez la case pour confirmer."},
    )

    def __init__(self, *args, poll, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final_option"].queryset = poll.options.all()


class PollEditForm(DatedOptionRows, DsfrBaseForm):
    """Edit an open poll; new dates are structured rows too (« non » for those who already answered)."""

    title = forms.CharField(
        label="Titre", max_length=200, error_messages={"required": "Donnez un titre au sondage."}
    )
    description = core_forms.textarea_field(
        label="Description", required=False, help_text="Markdown simple accepté.", rows=4
    )
    deadline = PollForm.base_fields["deadline"]
    hidden_answers = forms.BooleanField(
        label="Réponses masquées", required=False, help_text=Poll._meta.get_field("hidden_answers").help_text
    )
    removed_options = forms.ModelMultipleChoiceField(
        label="Options à retirer",
        queryset=PollOption.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Les réponses données pour ces options sont effacées.",
    )

    def __init__(self, *args, poll, **kwargs):
        self.poll = poll
        super().__init__(*args, **kwargs)
        self.add_option_rows(EDIT_ROWS)
        options = poll.options.annotate(n_yes=models.Count("choices", filter=models.Q(choices__value="yes")))
        self.fields["removed_options"].queryset = options
        self.fields["removed_options"].label_from_instance = lambda o: (
            f"{o.display} ({o.n_yes} oui)" if o.n_yes else o.display
        )

    def clean_deadline(self):
        return PollForm.clean_deadline(self)

    def clean(self):
        cleaned = super().clean()
        new_options = self.clean_option_rows(cleaned)
        if self.poll.options.count() + len(new_options) > MAX_OPTIONS:
            raise ValidationError(f"{MAX_OPTIONS} options au plus.")
        cleaned["new_options"] = new_options
        return cleaned


class InviteesForm(DsfrBaseForm):
    emails = core_forms.textarea_field(
        label="Adresses électroniques",
        required=False,
        help_text="Une ou plusieurs, séparées par des retours à la ligne, des virgules ou des points-virgules.",
        rows=5,
    )
    organisations = core_forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.active().only("pk", "name"),
        required=False,
        label="Et toutes les personnes de ces organisations",
        help_text=ORGANISATIONS_HELP,
        widget=organisations_widget(),
    )

    def clean(self):
        cleaned = super().clean()
        raw = re.split(r"[\s,;]+", cleaned.get("emails") or "")
        emails = sorted({e.strip().lower() for e in raw if e.strip()})
        invalid = [e for e in emails if "@" not in e or "." not in e.split("@")[-1]]
        if invalid:
            self.add_error("emails", f"Adresses mal formées : {', '.join(invalid[:10])}.")
        if not emails and not cleaned.get("organisations") and not self.errors:
            raise ValidationError("Indiquez des adresses ou des organisations.")
        cleaned["email_list"] = [e for e in emails if e not in invalid]
        return cleaned

    def people(self):
        """(active accounts to invite, addresses without an account)."""
        from apps.accounts.models import User

        emails = self.cleaned_data["email_list"]
        users = list(User.objects.filter(email__in=emails, is_active=True))
        found = {user.email for user in users}
        organisations = self.cleaned_data.get("organisations")
        if organisations:
            seen = {user.pk for user in users}
            users += [
                user
                for user in User.objects.filter(
                    is_active=True,
                    person__memberships__organisation__in=organisations,
                    person__is_removed=False,
                ).distinct()
                if user.pk not in seen
            ]
        return users, [email for email in emails if email not in found]
