from django.conf import settings
from django.template.loader import render_to_string
from django.utils.module_loading import import_string


def email_send_templated(
    *, to: str | list[str], template: str, context: dict, kind: str = "transactional"
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` and queue them in the outbox
    (settings.MAILLAGE_MAIL_QUEUE, apps.mailing.outbox.message_queue): one delivery per recipient,
    sent by the worker after the transaction commits, never twice (docs/mailing.md)."""
    recipients = [to] if isinstance(to, str) else list(to)
    ctx = {"network_name": settings.MAILLAGE_NETWORK_NAME, "site_url": settings.MAILLAGE_SITE_URL, **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", ctx).split())
    body = render_to_string(f"{template}_body.txt", ctx)
    email_queue(to=recipients, subject=f"[{settings.MAILLAGE_NETWORK_NAME}] {subject}", text=body, kind=kind)


def email_queue(
    *, to: str | list[str], subject: str, text: str, html: str = "", kind: str = "transactional"
) -> None:
    """Queue an already rendered mail in the outbox (settings.MAILLAGE_MAIL_QUEUE): the one sending
    path, for the mails whose text another library renders (password reset, allauth)."""
    recipients = [to] if isinstance(to, str) else list(to)
    queue = import_string(settings.MAILLAGE_MAIL_QUEUE)
    queue(recipients=recipients, subject=subject, text=text, html=html, kind=kind)
