"""Every model choice field of every form rejects an id beyond the database's integer range
with a French form error (SQLite's driver raised OverflowError on `pk__in` with 20 digits)."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError

from apps.core import forms as core_forms

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


def model_choice_fields():
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for name, form in vars(module).items():
            if not (
                inspect.isclass(form)
                and issubclass(form, forms.BaseForm)
                and form.__module__ == module.__name__
            ):
                continue
            for field_name, field in form.base_fields.items():
                if isinstance(field, forms.ModelChoiceField) and core_forms._integer_key(field):
                    found.append(pytest.param(field, id=f"{module.__name__}.{name}.{field_name}"))
    return found


FIELDS = model_choice_fields()


def test_the_forms_with_relations_are_all_found():
    multiple = [p for p in FIELDS if isinstance(p.values[0], forms.ModelMultipleChoiceField)]
    assert len(multiple) >= 20


@pytest.mark.parametrize("field", FIELDS)
def test_out_of_range_id_is_a_french_form_error(field):
    value = [HUGE] if isinstance(field, forms.ModelMultipleChoiceField) else HUGE
    with pytest.raises(ValidationError) as error:
        field.clean(value)
    # A French message of the field (Django's, ours, or the form's own wording), never a crash.
    assert error.value.messages and not error.value.messages[0].startswith("Select")


def test_in_range_ids_still_work():
    from tests.factories import ThemeFactory

    theme = ThemeFactory()
    from apps.themes.models import Theme

    field = core_forms.ModelMultipleChoiceField(Theme.objects.all())
    assert list(field.clean([str(theme.pk)])) == [theme]
    assert core_forms.ModelChoiceField(Theme.objects.all()).clean(str(theme.pk)) == theme
    with pytest.raises(ValidationError):
        field.clean([str(2**63)])
    with pytest.raises(ValidationError):
        field.clean(["abc"])
