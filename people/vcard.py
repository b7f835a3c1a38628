"""vCard 3.0 (RFC 2426) for one person, with contacts only when the viewer may see them."""

from __future__ import annotations

from people.models import Person


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(",", "\\,")
        .replace(";", "\\;")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """Fold lines longer than 75 octets, never splitting a UTF-8 character."""
    out, current = [], ""
    for char in line:
        limit = 75 if not out else 74  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return "\r\n ".join(out)


def person_vcard(person: Person, *, show_contacts: bool, profile_url: str) -> str:
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{_escape(person.last_name)};{_escape(person.first_name)};;;",
        f"FN:{_escape(person.display_name)}",
    ]
    if person.preferred_name:
        lines.append(f"NICKNAME:{_escape(person.preferred_name)}")
    if person.workplace:
        lines.append(f"ORG:{_escape(str(person.workplace))}")
    if person.job_title:
        lines.append(f"TITLE:{_escape(person.job_title)}")
    if show_contacts and person.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{_escape(person.email)}")
    if show_contacts and person.telephone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{person.telephone.as_e164}")
    lines.append(f"URL:{profile_url}")
    lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)
