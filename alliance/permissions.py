"""Who is asking: the ground every app's rules stand on.

The policy itself (who may see and do what) lives with each app, in its rules.py, above the
models it judges: `schools.rules.can_edit_school`, `events.rules.can_view_event`... Each rule
takes the requesting user first and the object second and answers True or False. Here are only
the facts about the user that every rule asks (an alliance admin? their directory profile?) and
the per-request memo of a person's standing, so the base knows no app.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist


def is_admin(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_alliance_admin", False))


def person_of(user):  # -> people.models.Person | None
    """The directory profile of a signed-in user, if they have one.

    Only "this account has no profile" means None. A database that cannot answer raises, so the
    request gets the 503 page rather than being treated as a stranger (403, "no profile").
    """
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except ObjectDoesNotExist:  # User.person.RelatedObjectDoesNotExist: no profile yet.
        return None


# A person's standing (editor of a school, coordinator of a partnership) is asked several times
# a page (the edit button, the history link, the planner): each answer is kept on the person
# loaded with the user, for this request only. A page can also read it with the object itself:
# the access helpers annotate the row (schools.rules.editor_annotations,
# partnerships.rules.coordinator_annotations; no query of their own).


def _standing(person) -> dict:
    return person.__dict__.setdefault("_standing", {})


def known(person, obj, key: str, ask) -> bool:
    standing = _standing(person)
    memo = (key, obj.pk)
    if memo not in standing:
        annotated = obj.__dict__.get(key)
        standing[memo] = bool(annotated) if annotated is not None else ask()
    return standing[memo]
