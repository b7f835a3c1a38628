"""What the load and fault clients read from the portal's pages, as a browser would.

- `form_fields`: the values a form would submit (hidden CSRF token included), so a client can
  change one field and post the rest back unchanged.
- `registration_answer`: what the event page's message says a register or cancel POST did.

Standard library only: locust and the fault run's plain urllib client both use it.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

REGISTERED = "registered"
NOT_REGISTERED = "not registered"
# The events app's messages (events/views/detail.py) and the state each one leaves.
REGISTRATION_MESSAGES = {
    "You are registered.": REGISTERED,
    "you are on the waiting list": REGISTERED,
    "You are already registered for this event.": REGISTERED,
    "Your registration is cancelled.": NOT_REGISTERED,
    "You are not registered for this event.": NOT_REGISTERED,
}
# Answers that mean the client's idea of its own registration was wrong.
OUT_OF_STEP = {
    "You are already registered for this event.",
    "You are not registered for this event.",
}
_MESSAGE = re.compile(r'<p class="message message-\w+">(.*?)</p>', re.S)
_SKIPPED_INPUTS = {"file", "submit", "button", "reset", "image"}


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea: str | None = None
        self._select: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append([])
        elif not self.forms or not a.get("name") or "disabled" in a:
            return
        elif tag == "input":
            kind = a.get("type", "text").lower()
            if kind in _SKIPPED_INPUTS or (kind in {"checkbox", "radio"} and "checked" not in a):
                return
            self.forms[-1].append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea":
            self._textarea, self._text = a["name"], []
        elif tag == "select":
            self._select = a["name"]
        if tag == "option" and self._select and "selected" in a:
            self.forms[-1].append((self._select, a.get("value", "")))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            # The HTML parser drops the one newline browsers also drop after <textarea>.
            self.forms[-1].append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, *, containing: str) -> dict[str, list[str]]:
    """The fields of the first form on the page that has a field named `containing`, with the
    values a browser would submit unchanged. KeyError if no form has it."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if any(name == containing for name, _ in form):
            fields: dict[str, list[str]] = {}
            for name, value in form:
                fields.setdefault(name, []).append(value)
            return fields
    raise KeyError(f"no form on the page has a field named {containing!r}")


def messages(html: str) -> list[str]:
    """The texts of the messages shown at the top of a page (templates/base.html)."""
    return [unescape(re.sub(r"\s+", " ", m)).strip() for m in _MESSAGE.findall(html)]


def registration_answer(html: str) -> tuple[str, str] | None:
    """(state, message) for the page a register or cancel POST led to: the state is REGISTERED
    or NOT_REGISTERED. None when the page says neither (an error page, the sign-in page)."""
    for message in messages(html):
        for text, state in REGISTRATION_MESSAGES.items():
            if text in message:
                return state, text
    return None
