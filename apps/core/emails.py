from django.conf import settings
from django.template.loader import render_to_string

from apps.core.tasks import enqueue_on_commit, send_email


def email_send_templated(*, to: str | list[str], template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and hand them to the worker."""
    recipients = [to] if isinstance(to, str) else list(to)
    ctx = {"network_name": settings.MAILLAGE_NETWORK_NAME, "site_url": settings.MAILLAGE_SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
    body = render_to_string(f"{template}_body.txt", ctx)
    enqueue_on_commit(
        send_email, to=recipients, subject=f"[{settings.MAILLAGE_NETWORK_NAME}] {subject}", body=body
    )
