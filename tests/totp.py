"""The code an authenticator app shows for a secret, for tests that sign in with two factors."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def current_code(secret: str) -> str:
    """The code for `secret` now (allauth's own TOTP arithmetic).

    A code read in the last seconds of its 30-second window can expire before the form reaches
    the server (allauth allows no tolerance), so, like a person, wait for the next one.
    """
    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))
