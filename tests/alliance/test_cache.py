"""The Redis cache backend (alliance/lib/cache.py) against a real Redis."""

import os
import socket
import uuid

import pytest

from alliance.lib.cache import RedisCache


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI"):
            raise
        pytest.skip("no Redis on 127.0.0.1:6379 (CI always has one)")
    cache = RedisCache("redis://127.0.0.1:6379/5", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"})
    yield cache
    cache.clear()


def test_every_call_shares_one_client_and_values_round_trip(redis_cache):
    redis_cache.set("page", {"html": "<p>Hello</p>"}, 30)
    assert redis_cache.get("page") == {"html": "<p>Hello</p>"}
    assert redis_cache.add("generation", 1, timeout=None)
    assert redis_cache.incr("generation") == 2
    assert redis_cache.get_many(["page", "generation", "missing"]) == {
        "page": {"html": "<p>Hello</p>"},
        "generation": 2,
    }
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client(write=True) is client
    redis_cache.delete("page")
    assert redis_cache.get("page", "gone") == "gone"
