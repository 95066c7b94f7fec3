from django import forms
from django.core.exceptions import ValidationError
from dsfr.forms import DsfrBaseForm

from apps.consultations.models import (
    Action,
    Audience,
    Booklet,
    Consultation,
    Initiative,
    Objective,
    Participant,
    Proposal,
    Question,
    Workshop,
    WorkshopGroup,
)
from apps.directory.models import Organisation, PersonCategory
from apps.groups.models import Group

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsultationForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
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
            "invited_organisations": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
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
        return data


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
    body = forms.CharField(
        label="Votre proposition", widget=forms.Textarea(attrs={"rows": 5}), max_length=10000
    )

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
    body = forms.CharField(label="Proposition", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)


class ModerationForm(DsfrBaseForm):
    note = forms.CharField(label="Motif (visible par l'équipe d'animation)", required=False, max_length=300)


class CommentForm(DsfrBaseForm):
    body = forms.CharField(
        label="Votre commentaire", widget=forms.Textarea(attrs={"rows": 2}), max_length=3000
    )


class WorkshopForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Workshop
        fields = [
            "title",
            "held_on",
            "introduction",
            "registered_count",
            "votes_per_participant",
            "voting_open",
            "is_published",
        ]
        widgets = {"held_on": DATE}

    def clean_votes_per_participant(self):
        value = self.cleaned_data["votes_per_participant"]
        if not 1 <= value <= 5:
            raise ValidationError("Entre 1 et 5 gommettes par participant·e.")
        return value


class QuestionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["position", "text"]


class GroupForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = WorkshopGroup
        fields = ["name", "questions"]
        widgets = {"questions": forms.CheckboxSelectMultiple}

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        self.fields["questions"].queryset = workshop.questions.all()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if self.workshop.groups.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise ValidationError("Un groupe porte déjà ce nom dans cet atelier.")
        return name


class ParticipantForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "category", "organisation_type", "organisation_name", "group"]

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = workshop.groups.all()


class ProposalForm(DsfrBaseForm, forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label="Catégories des participant·es à l'origine de la proposition",
        choices=PersonCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Proposal
        fields = ["group", "question", "orientation", "action", "objectives", "categories", "is_highlighted"]
        widgets = {
            "orientation": forms.Textarea(attrs={"rows": 2}),
            "action": forms.Textarea(attrs={"rows": 2}),
            "objectives": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = workshop.groups.all()
        self.fields["question"].queryset = workshop.questions.all()


class InitiativeForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["title", "territory_label", "description", "position", "paper_votes"]


class DecompositionForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        model = Initiative
        fields = ["how_it_works", "context", "resources", "to_reproduce", "to_improve", "conditions"]
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in fields}


class SelectTopForm(DsfrBaseForm):
    count = forms.IntegerField(label="Nombre d'initiatives à retenir", min_value=1, max_value=5, initial=3)


class ImportForm(DsfrBaseForm):
    file = forms.FileField(
        label="Fichier CSV ou XLSX",
        help_text=(
            "Première ligne : piste d'orientation ; action proposée ; objectifs poursuivis ; groupe ; "
            "catégories. 2 Mo au plus. Encodages UTF-8 ou Windows-1252 acceptés."
        ),
    )


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
            self.fields[name] = forms.CharField(
                label=f"Synthèse de l'équipe — {section['title']}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=notes.get(section["key"], ""),
                max_length=5000,
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
