"""Operations tests: a private PostgreSQL cluster of their own, never the shared server."""

import socket
from collections.abc import Iterator

import pytest

from loadtest.harness import PrivatePostgres


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A throwaway cluster on a free loopback port, deleted at the end of the session."""
    cluster = PrivatePostgres(port=free_port()).create()
    try:
        yield cluster
    finally:
        cluster.destroy()
