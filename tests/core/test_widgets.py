"""Shared widgets (apps/core/widgets.py): the DSFR upload component, the Markdown editor's
textarea and preview, the searchable multi-select, given to every form that needs them."""

import pytest
from django import forms
from django.apps import apps
from django.db import models
from django.urls import reverse

from apps.core import forms as core_forms
from apps.core.widgets import MarkdownTextarea, SearchableSelectMultiple, UploadInput
from apps.directory.forms import CardForm, OrganisationForm
from apps.directory.models import LOGO_POLICY
from apps.experiences.forms import AttachmentForm
from apps.groups.forms import DocumentForm
from apps.resources.forms import ResourceForm


def test_upload_input_is_the_dsfr_component_with_the_policys_formats(db):
    widget = UploadInput(policy=LOGO_POLICY)
    html = widget.render("logo", None, attrs={"id": "id_logo"})
    assert 'class="fr-upload"' in html and f'accept="{LOGO_POLICY.accept}"' in html
    assert widget.group_class == "fr-upload-group"
    assert "multiple" in UploadInput(multiple=True).render("f", None)


@pytest.mark.parametrize(
    "form_class, field",
    [
        (AttachmentForm, "file"),
        (DocumentForm, "file"),
        (OrganisationForm, "logo"),
        (ResourceForm, "file"),
    ],
)
def test_file_fields_use_the_upload_component(form_class, field):
    assert isinstance(form_class.base_fields[field].widget, UploadInput)


def test_every_model_form_file_field_gets_the_upload_component():
    for model in apps.get_models():
        for db_field in model._meta.get_fields():
            if isinstance(db_field, models.FileField):
                form_field = core_forms.formfield(db_field)
                assert isinstance(form_field.widget, UploadInput), f"{model.__name__}.{db_field.name}"


def test_markdown_text_fields_get_the_editor_and_keep_their_attributes():
    assert isinstance(OrganisationForm.base_fields["description"].widget, MarkdownTextarea)
    assert OrganisationForm.base_fields["description"].widget.attrs["rows"] == 6
    assert "data-markdown-editor" in OrganisationForm.base_fields["description"].widget.attrs
    # A text field that is not Markdown stays a plain textarea.
    plain = core_forms.formfield(models.TextField(help_text="Texte libre."))
    assert type(plain.widget) is forms.Textarea


@pytest.mark.django_db
def test_profile_themes_are_a_searchable_multi_select():
    from apps.themes.models import Theme

    Theme.objects.get_or_create(slug="energie", defaults={"name": "Énergie"})
    form = CardForm()
    for name in ("themes", "resource_themes"):
        assert isinstance(form.fields[name].widget, SearchableSelectMultiple)
        html = str(form[name])
        assert "<select" in html and "multiple" in html and "data-searchable-select" in html
    assert isinstance(form.fields["bio"].widget, MarkdownTextarea)


def test_markdown_preview_is_the_published_rendering(client):
    url = reverse("core:markdown_preview")
    response = client.post(
        url, {"text": "## Titre\n\n**gras** <script>alert(1)</script> [lien](javascript:x)"}
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert "<h2>Titre</h2>" in html and "<strong>gras</strong>" in html
    assert "<script" not in html and "javascript:" not in html
    assert client.get(url).status_code == 405
    assert client.post(url, {"text": "x" * 100_001}).status_code == 413


def test_markdown_preview_needs_the_csrf_token(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(reverse("core:markdown_preview"), {"text": "a"})
    assert response.status_code == 403
