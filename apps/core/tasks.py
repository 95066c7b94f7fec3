"""Background tasks of the platform's spine. Mail is never sent inside a request."""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.tasks import Task, task

logger = logging.getLogger("maillage")


@task()
def send_email(
    *, to: list[str], subject: str, body: str, html: str = "", reply_to: list[str] | None = None
) -> None:
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to or None)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
    logger.info("mail sent to %s: %s", to, subject)


def enqueue_on_commit(task_obj: Task[..., Any], **kwargs: Any) -> None:
    """Enqueue once the surrounding transaction commits, so that the worker never
    picks a task whose rows a rolled-back transaction never wrote."""
    transaction.on_commit(partial(task_obj.enqueue, **kwargs))
