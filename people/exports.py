"""A person's columns in the portal's list exports (registrations, who chose a session): the
same four everywhere, the e-mail only where the person lets the viewer see it."""

from __future__ import annotations

from people.models import Person
from people.rules import can_see_contacts

PERSON_HEADER = ["Name", "School or organisation", "Job title", "E-mail"]


def person_cells(user, person: Person) -> list[str]:
    """`person`'s name, workplace, job title and, if `user` may see it, e-mail."""
    return [
        person.display_name,
        str(person.workplace or ""),
        person.job_title,
        person.email if can_see_contacts(user, person) else "",
    ]
