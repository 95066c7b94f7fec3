"""DSFR forms share one renderer (templates compiled once per process), with django-dsfr's output."""

from django.forms.renderers import DjangoTemplates
from dsfr.forms import DsfrDjangoTemplates

from apps.accounts.forms import EmailForm
from apps.core.filters import FilterForm


def test_dsfr_forms_share_one_renderer_with_dsfr_templates():
    first, second = EmailForm(), EmailForm(data={"email": "pas une adresse"})
    assert first.renderer is second.renderer is FilterForm().renderer
    assert isinstance(first.renderer, DsfrDjangoTemplates)
    # django-dsfr's error list, not Django's.
    assert 'class="fr-error-text"' in str(second["email"].errors)


def test_plain_django_forms_keep_django_templates():
    from django import forms

    class Plain(forms.Form):
        name = forms.CharField()

    form = Plain(data={})
    assert type(form.renderer) is DjangoTemplates
    assert 'class="fr-error-text"' not in str(form["name"].errors)
