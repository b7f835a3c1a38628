"""The demo's authenticator: the code it shows now, and whether a database holds its secret."""

from __future__ import annotations

import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from demo.data import DEMO_TOTP_SECRET


def demo_code(*, at: float | None = None) -> tuple[str, int]:
    """The code an authenticator app with the demo secret shows at `at` (now by default), and
    how many seconds it has left (allauth's own TOTP arithmetic)."""
    now = time.time() if at is None else at
    period = mfa_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now) // period))
    return code, period - int(now) % period


def accounts_with_the_demo_secret() -> list[str]:
    """The e-mail addresses of the accounts whose authenticator holds the published demo
    secret. Reads every TOTP authenticator (one per admin and headteacher): secrets may be
    stored encrypted, so they are compared once decrypted."""
    adapter = get_adapter()
    rows = Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list(
        "user__email", "data"
    )
    return sorted(
        email
        for email, data in rows.iterator()
        if adapter.decrypt(data.get("secret", "")) == DEMO_TOTP_SECRET
    )
