"""A real SMTP server (aiosmtpd) for the tests and the bench: records what it accepted, and can refuse
chosen recipients with a chosen reply."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (recipients, email.message.EmailMessage)
        self.refusals: dict[str, str] = {}  # address -> "550 …" reply at RCPT

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        reply = self.refusals.get(address.lower())
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append((list(envelope.rcpt_tos), parsed))
        return "250 Message accepted for delivery"

    def count(self) -> int:
        with self.lock:
            return len(self.messages)

    def message_ids(self) -> list[str]:
        with self.lock:
            return [m["Message-ID"] for _, m in self.messages]


class SmtpSink:
    def __init__(self, port: int):
        self.handler = Handler()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=port)

    def __enter__(self):
        self.controller.start()
        return self.handler

    def __exit__(self, *exc):
        self.controller.stop()


@contextmanager
def smtp_mailer(settings, port: int):
    """Django's SMTP backend pointed at a sink listening on `port`: yields the sink's handler."""
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }
    with SmtpSink(port) as handler:
        yield handler
