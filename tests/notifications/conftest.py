"""A real SMTP server on loopback (aiosmtpd) that keeps what it receives, and the settings that
send the portal's mail to it."""

from __future__ import annotations

import email
import email.policy
import socket
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's name)
        self.messages.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """Mail goes to a real SMTP server for this test; `smtp.messages` is what it received."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.PORTAL_URL = "https://portal.example.org"
    inbox.controller = controller
    yield inbox
    controller.stop()


def parts(message: EmailMessage) -> dict[str, str]:
    """The text parts of a received message by content type (the first of each)."""
    found: dict[str, str] = {}
    for part in message.walk():
        if part.get_content_maintype() == "text" and part.get_filename() is None:
            found.setdefault(part.get_content_type(), part.get_content())
    return found


def attachment(message: EmailMessage, filename: str) -> bytes:
    for part in message.walk():
        if part.get_filename() == filename:
            return part.get_payload(decode=True)
    raise AssertionError(f"No attachment {filename}")
