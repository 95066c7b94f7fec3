"""Form fields shared by every app.

Model choice fields take ids typed by the client. Django turns an out-of-range integer into "no
such choice" for a single choice on most backends, but SQLite's driver raises `OverflowError`
("Python int too large to convert to SQLite INTEGER") on a `pk__in` lookup with a 20-digit id, and
that escapes form validation as a server error. These fields check every id against the database
range before any query, so each form answers with a French error on its field instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from dsfr.forms import DsfrBaseForm, DsfrDjangoTemplates

from apps.core.models import IMAGE_POLICY
from apps.core.params import MAX_ID
from apps.core.widgets import DATE, UploadInput

# django-dsfr gives every DSFR form a *new* renderer, whose template engine starts empty: each form
# read and compiled its field templates again (≈ 40 % of a list page's CPU time, issue 16). All DSFR
# forms share this one, whose engine keeps them compiled. Not FORM_RENDERER = DsfrDjangoTemplates:
# that would also give the admin's and the other plain forms django-dsfr's widget and error
# templates (not the same markup).
_DSFR_RENDERER = DsfrDjangoTemplates()


def _dsfr_default_renderer(form: DsfrBaseForm) -> Any:
    from django.conf import global_settings, settings
    from django.forms.renderers import get_default_renderer

    if settings.FORM_RENDERER == global_settings.FORM_RENDERER:
        return _DSFR_RENDERER
    return get_default_renderer()


def share_dsfr_renderer() -> None:
    """Called once by CoreConfig.ready: same output as django-dsfr's renderer, compiled once."""
    DsfrBaseForm.default_renderer = property(_dsfr_default_renderer)


def pick(data: Mapping[str, Any], *names: str, **renamed: str) -> dict[str, Any]:
    """The keyword arguments a service takes, from a form's `cleaned_data`: each of `names` as it
    is, and each `argument=field` of `renamed` under the service's name for it.

        services.group_update(group=group, **pick(form.cleaned_data, "name", "kind", themes="theme_list"))
    """
    return {**{name: data[name] for name in names}, **{arg: data[field] for arg, field in renamed.items()}}


def textarea_field(*, rows: int, **kwargs: Any) -> forms.CharField:
    """A text typed on several lines, `rows` high: the one spelling of the long texts of the forms
    (presentations, messages, comments, notes)."""
    return forms.CharField(widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


def date_field(
    label: str, *, required: str = "", invalid: str = "Date invalide.", **kwargs: Any
) -> forms.DateField:
    """A date typed in the native date picker (`widgets.DATE`), with French messages: optional
    unless `required` gives the message for an empty field; `invalid` answers a malformed date.
    Every date field of the forms had these four lines; they now say only what differs."""
    messages = {"invalid": invalid, **({"required": required} if required else {})}
    return forms.DateField(
        label=label, required=bool(required), widget=DATE, error_messages=messages, **kwargs
    )


OUT_OF_RANGE = "Sélectionnez un choix valide : « %(value)s » n’est pas un identifiant possible."


def _integer_key(field: forms.ModelChoiceField) -> bool:
    key = field.to_field_name or "pk"
    if field.queryset is None:  # set later, in the form's __init__: checked on the bound form
        return False
    model_field = field.queryset.model._meta.pk if key == "pk" else field.queryset.model._meta.get_field(key)
    return isinstance(model_field, models.IntegerField | models.AutoField) or isinstance(
        getattr(model_field, "target_field", None), models.IntegerField | models.AutoField
    )


def _check_range(field: forms.ModelChoiceField[Any], values: Iterable[object]) -> None:
    if not _integer_key(field):
        return
    for value in values:
        if value in field.empty_values:
            continue
        try:
            number = int(str(value).strip())
        except (TypeError, ValueError):
            continue  # Django's own validation says it is not a valid choice
        if not -MAX_ID - 1 <= number <= MAX_ID:
            raise ValidationError(OUT_OF_RANGE, code="invalid_choice", params={"value": str(value)[:30]})


class ModelChoiceField(forms.ModelChoiceField):
    """`forms.ModelChoiceField` that rejects ids out of the database's integer range."""

    def to_python(self, value: Any) -> Any:
        _check_range(self, [value])
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """`forms.ModelMultipleChoiceField` that rejects ids out of the database's integer range."""

    def _check_values(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            _check_range(self, value)
        return super()._check_values(value)  # type: ignore[misc]  # private in Django, not in the stubs


def formfield(db_field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    """`Meta.formfield_callback` for ModelForms: their foreign keys and many-to-many fields get
    the range-checked choice fields above (fields the form declares itself are left alone), text
    fields written in Markdown the Markdown editor, file fields the DSFR upload component."""
    from apps.core.widgets import MarkdownTextarea

    widget = kwargs.get("widget")
    attrs = getattr(widget, "attrs", None)  # a widget instance given in Meta.widgets keeps its attributes
    if isinstance(db_field, models.TextField) and "markdown" in str(db_field.help_text).lower():
        if widget is None or widget is forms.Textarea or type(widget) is forms.Textarea:
            kwargs["widget"] = MarkdownTextarea(attrs=attrs)
    elif isinstance(db_field, models.FileField) and (
        widget is None or type(widget) in (forms.FileInput, forms.ClearableFileInput)
    ):
        kwargs["widget"] = UploadInput(attrs=attrs)
    if isinstance(db_field, models.ManyToManyField):
        kwargs.setdefault("form_class", ModelMultipleChoiceField)
    elif isinstance(db_field, models.ForeignKey):
        kwargs.setdefault("form_class", ModelChoiceField)
    return db_field.formfield(**kwargs)


class ImageUploadForm(DsfrBaseForm):
    """The Markdown editor's image: its file and its alternative text (required, RGAA 1.2). Used
    by the editor's "Image" button (JSON) and, without JavaScript, by the page of the same address."""

    image = forms.FileField(
        label="Image",
        help_text=IMAGE_POLICY.help_text,
        widget=UploadInput(policy=IMAGE_POLICY),
        error_messages={"required": "Choisissez une image.", "empty": "Ce fichier est vide."},
    )
    alt = forms.CharField(
        label="Texte alternatif",
        max_length=300,
        help_text=(
            "Ce que montre l'image, en une phrase : il est lu aux personnes qui ne la voient pas "
            "(lecteur d'écran, image non chargée)."
        ),
        error_messages={
            "required": "Décrivez l'image : le texte alternatif est obligatoire.",
            "max_length": "300 caractères au plus.",
        },
    )
