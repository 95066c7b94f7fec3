from pathlib import Path

from django import forms
from dsfr.forms import DsfrBaseForm

from apps.groups.models import Access, Group, GroupKind

MAX_DOCUMENT_SIZE = 10 * 1024 * 1024
ALLOWED_EXTENSIONS = {
    ".pdf",
    ".odt",
    ".ods",
    ".odp",
    ".docx",
    ".xlsx",
    ".pptx",
    ".csv",
    ".txt",
    ".png",
    ".jpg",
    ".jpeg",
}
# First bytes of the binary formats: a renamed executable must not pass as a PDF.
MAGIC = {
    ".pdf": [b"%PDF"],
    ".png": [b"\x89PNG"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".odt": [b"PK\x03\x04"],
    ".ods": [b"PK\x03\x04"],
    ".odp": [b"PK\x03\x04"],
    ".docx": [b"PK\x03\x04"],
    ".xlsx": [b"PK\x03\x04"],
    ".pptx": [b"PK\x03\x04"],
}


def check_upload(upload, *, max_size: int = MAX_DOCUMENT_SIZE):
    extension = Path(upload.name).suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise forms.ValidationError(
            "Type de fichier non accepté. Formats possibles : PDF, bureautique (ODT, ODS, ODP, DOCX, XLSX, "
            "PPTX), CSV, texte, PNG ou JPEG."
        )
    if upload.size > max_size:
        raise forms.ValidationError(f"Fichier trop lourd : {max_size // (1024 * 1024)} Mo au maximum.")
    if upload.size == 0:
        raise forms.ValidationError("Ce fichier est vide.")
    head = upload.read(8)
    upload.seek(0)
    if extension in MAGIC and not any(head.startswith(m) for m in MAGIC[extension]):
        raise forms.ValidationError("Le contenu de ce fichier ne correspond pas à son extension.")
    return upload


class GroupForm(DsfrBaseForm, forms.ModelForm):
    class Meta:
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
        help_text="PDF, bureautique, CSV, texte ou image ; 10 Mo au maximum.",
        error_messages={"required": "Choisissez un fichier.", "empty": "Ce fichier est vide."},
    )

    def clean_file(self):
        return check_upload(self.cleaned_data["file"])


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
