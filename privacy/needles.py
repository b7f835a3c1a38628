"""What identifies a person in text: the strings erasure replaces and its test looks for."""

from __future__ import annotations

import json
import re

from allauth.account.models import EmailAddress

from people.models import Person

# What a mention of an erased person reads as in text written by others.
FORMER_MEMBER = "a former member of staff"
# Shorter strings (initials, a two-letter name) would match inside unrelated words.
SHORTEST = 5


def person_needles(person: Person) -> list[str]:
    """Their names as written in full, their e-mail addresses and telephone number in the
    usual formats; longest first, so a replacement never leaves part of a longer one."""
    needles: set[str] = set()
    for first in {person.first_name, person.preferred_name} - {""}:
        needles.add(f"{first} {person.last_name}".strip())
    addresses = {person.email}
    if person.user_id:
        addresses.add(person.user.email)
        addresses |= set(
            EmailAddress.objects.filter(user_id=person.user_id).values_list("email", flat=True)
        )
    needles |= addresses
    phone = person.telephone
    if phone:
        needles |= {str(phone.raw_input or "")}
        if phone.is_valid():
            national = phone.as_national
            needles |= {phone.as_e164, phone.as_international, national, national.replace(" ", "")}
    return sorted((n for n in needles if len(n.strip()) >= SHORTEST), key=len, reverse=True)


def escaped(needle: str) -> str:
    """The needle as a JSON column stores it (non-ASCII letters escaped)."""
    return json.dumps(needle)[1:-1]


def pattern(needles: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(n) for n in needles), re.IGNORECASE)
