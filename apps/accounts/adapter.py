"""allauth's account adapter, with the platform's one sending path: its mails are queued in the
outbox (apps.core.emails.email_queue) and sent by the worker after commit, never inside a request."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.core.mail import EmailMultiAlternatives

from apps.core.emails import email_queue


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        request = allauth_context.request
        ctx = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, ctx)
        text, html = str(message.body), ""
        if message.content_subtype == "html":
            text, html = "", text
        if isinstance(message, EmailMultiAlternatives):
            for alternative in message.alternatives:
                if alternative[1] == "text/html":
                    html = str(alternative[0])
        email_queue(to=list(message.to), subject=str(message.subject), text=text, html=html)
