"""What each app holds about a person (RGPD art. 15 export, art. 17 erasure) — a registry that core
keeps without importing any domain app.

Each app declares, in its own `apps/<app>/gdpr.py`:

    PERSONAL_DATA = PersonalData(
        label="Agenda",
        models={"events.Registration": "supprimées", "events.Event": "auteur·e retiré·e (SET_NULL)"},
        export=user_export,   # (*, user) -> dict | list : what is given to the person
        erase=user_erase,     # (*, user) -> None : run before the account is deleted
        erase_last=False,     # True: after every other app's eraser (the directory card)
    )

`models` lists every model of the app with a relation to the account or to the directory card, and
says what erasure does to it; `tests/core/test_gdpr_coverage.py` enumerates every such model
(`apps.get_models()`) and fails on one nobody declared. Accounts gathers the exports and runs the
erasers (`apps.accounts.services.user_export_data`, `user_erase`); the task queue's stored
arguments carrying the address are purged by `task_rows_purge`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps as django_apps
from django.core.exceptions import ImproperlyConfigured

from apps.core.discovery import app_modules

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


@dataclass(frozen=True)
class PersonalData:
    label: str
    models: Mapping[str, str] = field(default_factory=dict)
    export: Callable[..., Any] | None = None
    erase: Callable[..., None] | None = None
    # Run after every other app's eraser: the directory card, through which they find the person.
    erase_last: bool = False


@functools.cache
def registry() -> dict[str, PersonalData]:
    """Every app's `gdpr.PERSONAL_DATA`, keyed by app label, in INSTALLED_APPS order."""
    found: dict[str, PersonalData] = {}
    for config, module in app_modules("gdpr"):
        declared = getattr(module, "PERSONAL_DATA", None)
        if not isinstance(declared, PersonalData):
            raise ImproperlyConfigured(f"{module.__name__} must declare PERSONAL_DATA = PersonalData(...)")
        found[config.label] = declared
    return found


def covered_models() -> dict[str, str]:
    """Model label -> what erasure does to it, over every app's declaration."""
    covered: dict[str, str] = {}
    for data in registry().values():
        for label, treatment in data.models.items():
            if label in covered:
                raise ImproperlyConfigured(f"{label} is declared by two apps")
            covered[label] = treatment
    return covered


def task_rows_purge(*, email: str) -> int:
    """Delete the task queue's rows (queued, finished or failed — not one a worker is running)
    whose stored arguments, result or traceback carry `email`: a mail's recipient and body
    outlive the mail in the queue's table. Returns the number of rows deleted."""
    if not email or not django_apps.is_installed("django_tasks_db"):
        return 0
    from django.db.models import Q, TextField
    from django.db.models.functions import Cast
    from django_tasks_db.models import DBTaskResult

    rows = (
        DBTaskResult.objects.annotate(arguments=Cast("args_kwargs", TextField()))
        .annotate(result=Cast("return_value", TextField()))
        .filter(Q(arguments__icontains=email) | Q(result__icontains=email) | Q(traceback__icontains=email))
        .exclude(status="RUNNING")
    )
    count, _ = DBTaskResult.objects.filter(pk__in=list(rows.values_list("pk", flat=True))).delete()
    return count


# --- core's own rows about a person -----------------------------------------------------------


def _core_export(*, user: AbstractBaseUser) -> dict[str, Any]:
    from apps.core.models import EditorImage, ModerationReview, NetworkSettings

    return {
        "images déposées dans l'éditeur": [
            {
                "texte alternatif": image.alt,
                "nom d'origine": image.original_name,
                "déposée le": image.created_at.isoformat(),
            }
            for image in EditorImage.objects.filter(uploaded_by__pk=user.pk).order_by("created_at")
        ],
        "examens de modération": ModerationReview.objects.filter(reviewed_by__pk=user.pk).count(),
        "réglages du réseau modifiés": NetworkSettings.objects.filter(updated_by__pk=user.pk).exists(),
    }


PERSONAL_DATA = PersonalData(
    label="Socle",
    models={
        "core.NetworkSettings": "gardés, sans auteur·e (SET_NULL)",
        "core.ModerationReview": "gardés, sans auteur·e (SET_NULL)",
        # They illustrate texts that may outlive the account (an experience of the organisation).
        "core.EditorImage": "gardées, sans auteur·e (SET_NULL) : elles illustrent des textes",
    },
    export=_core_export,
)
