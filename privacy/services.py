"""Erasure: one service that removes a person's personal data from every table.

    from privacy.services import person_erase_everywhere
    person_erase_everywhere(person=person, by=request.user)

It builds on people.services.person_erase (the profile, the account, positions held) and then
goes through every table: the rows the registry (privacy.registry) says to delete or
anonymise, the profile's history, sessions, and every text and JSON column where their names,
addresses or telephone were written by others (replaced by "a former member of staff"); the
search index is rebuilt for every document that named them. The security log records that an
erasure happened, by whom and of which row, never what was erased.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import models, transaction
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.module_loading import import_string

from accounts.audit import security_log
from accounts.models import Invitation, SecurityEvent, SecurityEventKind
from people.models import Person
from people.services import ERASED_NAME, person_erase
from privacy.links import person_fields
from privacy.mentions import any_of, mentions
from privacy.needles import FORMER_MEMBER, escaped, pattern, person_needles
from search.index import reindex_documents_containing

if TYPE_CHECKING:
    from accounts.models import User

# The profile's columns that erasure empties, in its history too (people.services.person_erase).
PROFILE_COLUMNS = {
    "first_name": ERASED_NAME,
    "last_name": "",
    "preferred_name": "",
    "pronouns": "",
    "job_title": "",
    "email": "",
    "telephone": "",
    "bio": "",
    "expertise": "",
    "photo": "",
    "user": None,
}


@transaction.atomic
def person_erase_everywhere(*, person: Person, by: User | None) -> dict[str, int]:
    """Erase `person` from every table; counts of what was done, by what (no personal data).

    Raises people.services.PeopleError("already_erased") for a person erased before.
    """
    person = Person.objects.select_related("user").get(pk=person.pk)
    user = person.user
    needles = person_needles(person)
    counts: dict[str, int] = {}

    person = person_erase(
        person=person, by=by
    )  # Refuses a second erasure before anything else runs.
    counts["rows"] = _linked_rows(person, user)
    counts["security events"] = _security_events(needles)
    counts["invitations"] = Invitation.objects.filter(
        any_of(["email"], [n for n in needles if "@" in n])
    ).delete()[0]
    counts["profile versions"] = _profile_history(person)
    counts["sessions"] = end_sessions(user) if user is not None else 0
    counts["mentions"] = replace_mentions(needles)
    counts["search documents"] = reindex_documents_containing(needles)
    security_log(kind=SecurityEventKind.ERASURE, user=by, person=person.pk, **counts)
    return counts


def _linked_rows(person: Person, user) -> int:
    """What the registry deletes or anonymises, through every field that names them."""
    done = 0
    for found in person_fields():
        link = found.link
        if link is None or link.erase == "keep":
            continue
        rows = found.rows(person, user)
        if link.erase == "delete":
            done += rows.delete()[0]
        else:
            done += rows.update(**dict(link.blank))
    return done


def _security_events(needles: list[str]) -> int:
    """Failed sign-ins name the address typed, with no account: their details go too."""
    addresses = [n for n in needles if "@" in n]
    if not addresses:
        return 0
    events = SecurityEvent.objects.annotate(as_text=Cast("details", TextField()))
    found = events.filter(any_of(["as_text"], addresses + [escaped(a) for a in addresses]))
    return SecurityEvent.objects.filter(pk__in=found.values("pk")).update(
        ip=None, path="", details={}
    )


def _profile_history(person: Person) -> int:
    """Every version of the profile reads as the erased profile does; old photos' files go."""
    versions = Person.history.filter(id=person.pk)
    storage = Person._meta.get_field("photo").storage
    for name in set(versions.exclude(photo="").values_list("photo", flat=True)):
        transaction.on_commit(lambda name=name: storage.delete(name))
    fields = {("user_id" if k == "user" else k): v for k, v in PROFILE_COLUMNS.items()}
    return versions.update(**fields, erased_at=person.erased_at)


def end_sessions(user) -> int:
    """End every session of `user`: each stored session that is theirs is deleted through its
    engine (so a cached copy goes too), and the session hash changes, so a session the
    store no longer lists is refused on its next request."""
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    ended = 0
    for key, data in Session.objects.values_list("session_key", "session_data").iterator():
        decoded = engine().decode(data)
        if decoded.get("_auth_user_id") == str(user.pk):
            engine(session_key=key).delete()
            ended += 1
    type(user).objects.filter(pk=user.pk).update(session_epoch=models.F("session_epoch") + 1)
    return ended


def replace_mentions(needles: list[str]) -> int:
    """Replace every mention of the needles, in every text and JSON column of every table,
    by "a former member of staff"; a column that held nothing but one of them is emptied
    where it may be. Returns the number of values changed."""
    found = pattern(needles) if needles else None
    changed = 0
    for model, field, pk, value in list(mentions(needles)):
        new = _replaced(value, found, field)
        if new != value:
            model._default_manager.filter(pk=pk).update(**{field.attname: new})
            changed += 1
    return changed


def _replaced(value: Any, found, field: models.Field) -> Any:
    if isinstance(value, str):
        if found.fullmatch(value.strip()) and (field.blank or field.null):
            return ""
        text = found.sub(FORMER_MEMBER, value)
        return text[: field.max_length] if field.max_length else text
    if isinstance(value, dict):
        return {key: _replaced(item, found, field) for key, item in value.items()}
    if isinstance(value, list):
        return [_replaced(item, found, field) for item in value]
    return value
