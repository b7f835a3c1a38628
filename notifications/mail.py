"""An outbox row as an e-mail: plain text and HTML, the calendar when there is one, and the
headers that let a mail program offer "unsubscribe" (RFC 2369, one-click per RFC 8058)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from notifications.models import Message
from notifications.services import unsubscribe_url


def build_email(message: Message) -> EmailMultiAlternatives:
    person = message.person
    headers = {
        "Message-ID": message.message_id,
        "List-Unsubscribe": f"<{unsubscribe_url(person, message.kind)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        # Out-of-office replies to a notification help nobody.
        "Auto-Submitted": "auto-generated",
    }
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body_text,
        from_email=f"{settings.PORTAL_NAME} <{settings.DEFAULT_FROM_EMAIL}>",
        to=[person.email],
        headers=headers,
    )
    email.attach_alternative(message.body_html, "text/html")
    if message.calendar:
        method = message.calendar_method or "REQUEST"
        email.attach_alternative(message.calendar, f"text/calendar; method={method}")
        email.attach("invite.ics", message.calendar, "application/ics")
    return email
