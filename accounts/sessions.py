"""Session bookkeeping: when a signed-in session started and when it was last used.

Read by accounts.middleware.SessionExpiryMiddleware, which ends sessions that were idle for
longer than SESSION_IDLE_TIMEOUT or are older than SESSION_MAX_AGE, whatever the cookie says.
"""

import time

from django.http import HttpRequest

STARTED_AT = "accounts_session_started_at"
SEEN_AT = "accounts_session_seen_at"
MFA_SETUP_REQUIRED = "accounts_mfa_setup_required"


def stamp_new_session(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[STARTED_AT] = now
    request.session[SEEN_AT] = now
