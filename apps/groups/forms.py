from django import forms
from dsfr.forms import DsfrBaseForm

from apps.core import forms as core_forms
from apps.core.widgets import UploadInput
from apps.groups.models import DOCUMENT_POLICY, Access, Group, GroupKind


class GroupForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
        formfield_callback = core_forms.formfield  # ids out of range: form error
        model = Group
        fields = ["name", "description", "kind", "category", "access", "themes"]
        widgets = {"themes": forms.CheckboxSelectMultiple}
        error_messages = {"name": {"required": "Donnez un nom au groupe."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = GroupKind.choices
        self.fields["access"].choices = Access.choices

    def clean(self):
        data = super().clean()
        if data.get("kind") == GroupKind.CATEGORY and not data.get("category"):
            self.add_error("category", "Un groupe de pairs doit préciser la catégorie d'acteurs concernée.")
        return data


class RequestForm(DsfrBaseForm):
    motivation = forms.CharField(
        label="Message pour l'animation du groupe (facultatif)",
        required=False,
        max_length=1000,
        widget=forms.Textarea,
    )


class DocumentForm(DsfrBaseForm):
    title = forms.CharField(
        label="Titre du document", max_length=200, error_messages={"required": "Donnez un titre."}
    )
    file = forms.FileField(
        label="Fichier",
        help_text=DOCUMENT_POLICY.help_text,
        validators=[DOCUMENT_POLICY],
        widget=UploadInput(policy=DOCUMENT_POLICY),
        error_messages={"required": "Choisissez un fichier.", "empty": "Ce fichier est vide."},
    )


class AddMemberForm(DsfrBaseForm):
    email = forms.EmailField(
        label="Adresse électronique du compte à ajouter",
        error_messages={"required": "Indiquez une adresse.", "invalid": "Adresse électronique invalide."},
    )

    def clean_email(self):
        from apps.accounts.models import User

        user = User.objects.filter(email__iexact=self.cleaned_data["email"].strip(), is_active=True).first()
        if user is None:
            raise forms.ValidationError("Aucun compte actif avec cette adresse.")
        return user


MENTION_HELP = (
    "Markdown simple accepté. Pour prévenir un membre du groupe, écrivez @ suivi de son prénom et de son "
    "nom (par exemple « @Léa Martin »)."
)


class DiscussionForm(DsfrBaseForm):
    subject = forms.CharField(
        label="Sujet",
        max_length=200,
        min_length=3,
        error_messages={
            "required": "Donnez un sujet à la discussion.",
            "min_length": "Le sujet est trop court (3 caractères au moins).",
            "max_length": "200 caractères au plus pour le sujet.",
        },
    )
    body = core_forms.textarea_field(
        label="Message",
        help_text=MENTION_HELP,
        max_length=20000,
        error_messages={
            "required": "Écrivez votre premier message.",
            "max_length": "20 000 caractères au plus.",
        },
        rows=8,
    )


class MessageForm(DsfrBaseForm):
    body = core_forms.textarea_field(
        label="Votre message",
        help_text=MENTION_HELP,
        max_length=20000,
        error_messages={"required": "Votre message est vide.", "max_length": "20 000 caractères au plus."},
        rows=5,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**62)
