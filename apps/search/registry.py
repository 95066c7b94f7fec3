"""Provider registry: how a content type plugs into the search engine.

An app declares, in `apps/<app>/search.py`, a subclass of `SearchProvider` decorated with
`@register`; `autodiscover()` (called from `SearchConfig.ready`) imports those modules. See
docs/search.md for a complete example.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from django.apps import apps as django_apps
from django.db import models

from apps.search.models import Visibility

_PROVIDERS: dict[str, SearchProvider] = {}


@dataclass
class DocumentData:
    """What a provider says about one object. Text fields are plain text (no HTML, no Markdown)."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    extra: str = ""
    themes: list[Any] = field(default_factory=list)  # themes.Theme instances
    region_id: int | None = None
    departement_id: int | None = None
    population: int | None = None
    status: str = ""
    date: datetime | None = None
    visibility: str = Visibility.PUBLIC
    # Narrower than the visibility: only this audience sees it (e.g. "category:elected").
    audience: str = ""
    latitude: float | None = None
    longitude: float | None = None


class SearchProvider:
    """Subclass per content type. `kind` is the stable code stored in the index and used in URLs."""

    model: ClassVar[type[models.Model]]
    kind: ClassVar[str]
    label: ClassVar[str]  # singular, e.g. "Retour d'expérience"
    label_plural: ClassVar[str]
    # Codes of the "status" facet for this kind -> French labels.
    status_labels: ClassVar[dict[str, str]] = {}

    def queryset(self):
        """Every object to (re)index; `document()` decides what is actually indexable."""
        return self.model._default_manager.all()

    def document(self, obj) -> DocumentData | None:
        """The searchable face of `obj`, or None when it must not be in the index at all."""
        raise NotImplementedError


def register(provider_class: type[SearchProvider]) -> type[SearchProvider]:
    provider = provider_class()
    _PROVIDERS[provider.kind] = provider
    return provider_class


def providers() -> list[SearchProvider]:
    return list(_PROVIDERS.values())


def provider_for_kind(kind: str) -> SearchProvider | None:
    return _PROVIDERS.get(kind)


def provider_for_model(model: type[models.Model]) -> SearchProvider | None:
    model = model._meta.concrete_model
    for provider in _PROVIDERS.values():
        if provider.model._meta.concrete_model is model:
            return provider
    return None


def kind_labels() -> dict[str, str]:
    return {p.kind: p.label_plural for p in _PROVIDERS.values()}


def status_labels() -> dict[str, str]:
    labels: dict[str, str] = {}
    for provider in _PROVIDERS.values():
        labels.update(provider.status_labels)
    return labels


def autodiscover() -> None:
    """Import `search.py` from every installed Maillage app: each app declares its own providers."""
    for config in django_apps.get_app_configs():
        if not config.name.startswith("apps."):
            continue
        module_name = f"{config.name}.search"
        try:
            importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
