import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from dsfr.forms import DsfrBaseForm

from apps.polls.models import Poll, PollOption

DATE_RE = re.compile(r"^(?:(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})/(\d{1,2})/(\d{4}))(?:\s+(.*))?$")
SLOT_RE = re.compile(r"^(\d{1,2})[h:](\d{2})?\s*[-–à]+\s*(\d{1,2})[h:](\d{2})?(?:\s+(.*))?$", re.I)
MAX_OPTIONS = 40


@dataclass
class ParsedOption:
    label: str = ""
    start: datetime | None = None
    end: datetime | None = None
    all_day: bool = False


def parse_option(line: str) -> ParsedOption:
    """'2027-03-10', '10/03/2027 9h-12h', '2027-03-10 14:00-17:00 en visio' or any free text."""
    match = DATE_RE.match(line)
    if not match:
        return ParsedOption(label=line[:200])
    y, m, d = (
        (match.group(1), match.group(2), match.group(3))
        if match.group(1)
        else (match.group(6), match.group(5), match.group(4))
    )
    try:
        day = date(int(y), int(m), int(d))
    except ValueError as exc:
        raise ValidationError(f"« {line} » : cette date n'existe pas.") from exc
    rest = (match.group(7) or "").strip()
    slot = SLOT_RE.match(rest)
    if not slot:
        return ParsedOption(
            label=rest[:200], start=timezone.make_aware(datetime.combine(day, time(0))), all_day=True
        )
    h1, m1, h2, m2 = int(slot.group(1)), int(slot.group(2) or 0), int(slot.group(3)), int(slot.group(4) or 0)
    if not (h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60):
        raise ValidationError(f"« {line} » : heure invalide.")
    start = timezone.make_aware(datetime.combine(day, time(h1, m1)))
    end = timezone.make_aware(datetime.combine(day, time(h2, m2)))
    if end <= start:
        end += timedelta(days=1) if h2 < h1 else timedelta(0)
        if end <= start:
            raise ValidationError(f"« {line} » : l'heure de fin doit être après l'heure de début.")
    return ParsedOption(label=(slot.group(5) or "").strip()[:200], start=start, end=end)


class PollForm(DsfrBaseForm, forms.ModelForm):
    options_text = forms.CharField(
        label="Options proposées",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=(
            "Une option par ligne : une date (2027-03-10 ou 10/03/2027), un créneau "
            "(10/03/2027 9h-12h) ou un texte libre."
        ),
        error_messages={"required": "Proposez au moins deux options, une par ligne."},
    )
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

    def clean_options_text(self):
        lines = [line.strip() for line in self.cleaned_data["options_text"].splitlines() if line.strip()]
        if len(lines) < 2:
            raise ValidationError("Proposez au moins deux options, une par ligne.")
        if len(lines) > MAX_OPTIONS:
            raise ValidationError(f"{MAX_OPTIONS} options au plus.")
        errors, parsed = [], []
        for line in lines:
            try:
                parsed.append(parse_option(line))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return parsed

    def clean_deadline(self):
        deadline = self.cleaned_data.get("deadline")
        if deadline and deadline <= timezone.now():
            raise ValidationError("La date limite doit être dans le futur.")
        return deadline


class CommentForm(DsfrBaseForm):
    text = forms.CharField(
        label="Votre commentaire",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Écrivez un commentaire.", "max_length": "2 000 caractères au plus."},
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
