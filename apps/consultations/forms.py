from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from apps.consultations.models import Action, Audience, Booklet, Consultation, Objective
from apps.core import forms as core_forms
from apps.core.widgets import DATE
from apps.directory.forms import organisations_widget
from apps.directory.models import Organisation
from apps.groups.models import Group


class ConsultationForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Consultation
        fields = [
            "title",
            "introduction",
            "opens_on",
            "closes_on",
            "audience",
            "invited_organisations",
            "group",
            "is_published",
        ]
        widgets = {
            "opens_on": DATE,
            "closes_on": DATE,
            "invited_organisations": organisations_widget(),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # What the consultation was before this form touched it (a group consultation's audience
        # is decided by the group's animators only: perms.can_change_audience).
        self.previous_audience = self.instance.audience if self.instance.pk else None
        self.previous_group = self.instance.group if self.instance.pk else None
        self.user = user
        self.fields["invited_organisations"].queryset = Organisation.objects.active()
        groups = Group.objects.visible_to(user) if user is not None else Group.objects.all()
        self.fields["group"].queryset = groups.order_by("name")
        self.fields["group"].empty_label = "Choisir un groupe"
        self.fields["group"].error_messages["invalid_choice"] = "Ce groupe n'existe pas ou plus."

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "La date de clôture doit suivre la date d'ouverture.")
        if data.get("audience") == Audience.ORGANISATIONS and not data.get("invited_organisations"):
            self.add_error("invited_organisations", "Choisissez au moins une organisation invitée.")
        if data.get("audience") == Audience.GROUP and not data.get("group") and "group" not in self.errors:
            self.add_error("group", "Choisissez le groupe de pairs invité.")
        if data.get("audience") != Audience.GROUP and data.get("group"):
            self.add_error(
                "group", "Ne choisissez un groupe que si le public invité est « Un groupe de pairs »."
            )
        if self.audience_leaves_group:
            from apps.consultations.perms import can_change_audience

            original = Consultation.objects.get(pk=self.instance.pk)
            if not can_change_audience(self.user, original):
                self.add_error(
                    "audience",
                    "Seul·es les animateur·rices du groupe peuvent changer le public d'une consultation "
                    "de groupe : ses contributions deviendraient visibles hors du groupe.",
                )
        return data

    @property
    def audience_leaves_group(self) -> bool:
        """An existing group consultation moves to another audience or another group."""
        if self.previous_audience != Audience.GROUP or self.previous_group is None:
            return False
        data = getattr(self, "cleaned_data", {})
        return data.get("audience") != Audience.GROUP or data.get("group") != self.previous_group


class ObjectiveForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Objective
        fields = ["position", "title"]


class ActionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Action
        fields = ["objective", "position", "title", "description", "sub_actions"]
        widgets = {"sub_actions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = consultation.objectives.all()
        self.fields["objective"].empty_label = "Choisir un objectif"


class ContributionForm(DsfrBaseForm):
    organisation = forms.ModelChoiceField(
        label="Au nom de",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Choisir une organisation",
    )
    author_label = forms.CharField(
        label="Autre auteur (hors annuaire)",
        required=False,
        max_length=255,
        help_text="Réservé à l'équipe d'animation, pour retranscrire une contribution reçue par ailleurs.",
    )
    is_steering = forms.BooleanField(label="Contribution du comité de pilotage", required=False)
    body = core_forms.textarea_field(label="Votre proposition", max_length=10000, rows=5)

    def __init__(self, *args, organisations, animator: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.animator = animator
        self.fields["organisation"].queryset = organisations
        if not animator:
            del self.fields["author_label"]
            del self.fields["is_steering"]
            self.fields["organisation"].required = True
            self.fields["organisation"].error_messages["required"] = (
                "Choisissez l'organisation au nom de laquelle vous contribuez."
            )

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 3:
            raise ValidationError("La proposition est trop courte.")
        return body

    def clean(self):
        data = super().clean()
        if self.animator and not (
            data.get("organisation") or data.get("author_label") or data.get("is_steering")
        ):
            raise ValidationError(
                "Indiquez l'auteur : une organisation, un autre auteur, ou le comité de pilotage."
            )
        return data


class ContributionEditForm(DsfrBaseForm):
    body = core_forms.textarea_field(label="Proposition", max_length=10000, rows=6)


class ModerationForm(DsfrBaseForm):
    note = forms.CharField(label="Motif (visible par l'équipe d'animation)", required=False, max_length=300)


class CommentForm(DsfrBaseForm):
    body = core_forms.textarea_field(label="Votre commentaire", max_length=3000, rows=2)


class BookletForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Booklet
        fields = ["title", "introduction", "strong_ideas", "next_steps"]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "strong_ideas": forms.Textarea(attrs={"rows": 6}),
            "next_steps": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        notes = self.instance.section_notes or {}
        self.section_keys = []
        for section in sections:
            name = f"note_{section['key']}"
            self.fields[name] = core_forms.textarea_field(
                label=f"Synthèse de l'équipe — {section['title']}",
                required=False,
                initial=notes.get(section["key"], ""),
                max_length=5000,
                rows=2,
            )
            self.section_keys.append((name, section["key"]))

    def section_notes(self) -> dict:
        notes = dict(self.instance.section_notes or {})
        for name, key in self.section_keys:
            value = self.cleaned_data.get(name, "").strip()
            if value:
                notes[key] = value
            else:
                notes.pop(key, None)
        return notes
