"""A fixed-window rate limit in the cache, for actions allauth does not limit itself.

With CACHE_URL pointing at Redis (or memcached) every app server counts in the same place:
`cache.add` and `cache.incr` are atomic there, so several workers cannot each grant the full
allowance. With the default local-memory cache each worker process counts on its own.
The client address comes from allauth's adapter, so the same trusted-proxy settings apply
(ALLAUTH_TRUSTED_PROXY_COUNT, ALLAUTH_TRUSTED_CLIENT_IP_HEADER): a forged X-Forwarded-For is
ignored unless a proxy we trust put it there.
"""

import time

from django.core.cache import cache
from django.http import HttpRequest

from accounts.audit import client_ip


def allow(request: HttpRequest, *, action: str, limit: int, period: int) -> bool:
    """Count one attempt at `action` from this client; False once over `limit` per `period`."""
    window = int(time.time() // period)
    key = f"accounts:rl:{action}:{client_ip(request) or 'unknown'}:{window}"
    cache.add(key, 0, timeout=period)
    try:
        count = cache.incr(key)
    except ValueError:  # Expired or evicted between add() and incr().
        cache.set(key, 1, timeout=period)
        count = 1
    return count <= limit
