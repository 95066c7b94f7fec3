"""What the apps declare for core to collect: core imports no domain app, it reads the module of a
given name (perms.py, gdpr.py…) of each installed app, as the admin's autodiscovery does."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from types import ModuleType

from django.apps import AppConfig
from django.apps import apps as django_apps


def app_modules(name: str) -> Iterator[tuple[AppConfig, ModuleType]]:
    """Each installed app with its module `name` (`"perms"` for `apps.events.perms`); an app
    without one declares nothing. An import error inside the module is not hidden."""
    for config in django_apps.get_app_configs():
        module_name = f"{config.name}.{name}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        yield config, module
