"""Background tasks of the platform's spine. Mail is never sent inside a request."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.tasks import Task

logger = logging.getLogger("maillage")


def enqueue_on_commit(task_obj: Task[..., Any], **kwargs: Any) -> None:
    """Enqueue once the surrounding transaction commits, so that the worker never
    picks a task whose rows a rolled-back transaction never wrote."""
    transaction.on_commit(partial(task_obj.enqueue, **kwargs))
