"""Signed links in e-mail that act without signing in: one-click unsubscribe (RFC 8058) and
"my school's profile is still right". Each names one person and one thing, and nothing else."""

from __future__ import annotations

from django.core import signing

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
CONFIRM_SALT = "notifications.profile-confirm"


def unsubscribe_token(*, person_id: int, kind: str) -> str:
    return signing.dumps({"p": person_id, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        return int(data["p"]), str(data["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def confirm_token(*, person_id: int, school_id: int) -> str:
    return signing.dumps({"p": person_id, "s": school_id}, salt=CONFIRM_SALT, compress=True)


def read_confirm_token(token: str, *, max_age_days: int = 60) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age_days * 86400)
        return int(data["p"]), int(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


RSVP_SALT = "notifications.rsvp"
ANSWERS = ("going", "apologies")


def rsvp_token(*, person_id: int, event_id: int, answer: str) -> str:
    return signing.dumps({"p": person_id, "e": event_id, "a": answer}, salt=RSVP_SALT)


def read_rsvp_token(token: str, *, max_age_days: int = 180) -> tuple[int, int, str] | None:
    try:
        data = signing.loads(token, salt=RSVP_SALT, max_age=max_age_days * 86400)
        answer = str(data["a"])
        if answer not in ANSWERS:
            return None
        return int(data["p"]), int(data["e"]), answer
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
