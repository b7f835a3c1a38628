"""Start the test OpenID Connect provider on a free loopback port, in a process of its own.

`running_provider(...)` (for fixtures) writes its configuration, generates its RSA key, runs
`python -m tests.oidc_provider.server CONFIG` and waits until discovery answers; the child
migrates its own SQLite file, adds the users and the portal's client (PKCE required,
authorisation skipped, as an organisation's own app would be) and serves until it is stopped.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import socketserver
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "alliance-portal"
CLIENT_SECRET = "portal-client-secret-for-tests"
PASSWORD = "identity-password-1"


@dataclass(frozen=True)
class Provider:
    issuer: str
    client_id: str = CLIENT_ID
    secret: str = CLIENT_SECRET
    password: str = PASSWORD

    def portal_settings(self, provider_id: str = "local", name: str = "Testshire Council"):
        """SOCIALACCOUNT_PROVIDERS for a portal that uses this provider (discovery, PKCE)."""
        app = {
            "provider_id": provider_id,
            "name": name,
            "client_id": self.client_id,
            "secret": self.secret,
            "settings": {"server_url": self.issuer, "oauth_pkce_enabled": True},
        }
        return {"openid_connect": {"APPS": [app]}}

    def portal_csp(self, policy: dict) -> dict:
        """The portal's CONTENT_SECURITY_POLICY with this provider's origin allowed as a
        form-action, as alliance/settings.py does for a provider set in the environment."""
        directives = {**policy["DIRECTIVES"]}
        directives["form-action"] = [*directives["form-action"], self.issuer.removesuffix("/o")]
        return {**policy, "DIRECTIVES": directives}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rsa_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


@contextlib.contextmanager
def running_provider(folder: Path, *, redirect_uris: list[str], users: list[dict]):
    """The provider, serving at http://localhost:<free port>/o until the block ends.

    `users`: [{"email", "email_verified" (default true), "amr" (default ["pwd"])}], each
    signing in with PASSWORD.
    """
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    # Cookies are per host, not per port: the provider's have names of their own
    # (tests/oidc_provider/settings.py), so a portal on localhost keeps its session.
    issuer = f"http://localhost:{port}/o"
    (folder / "op.pem").write_text(_rsa_key_pem())
    config = {
        "port": port,
        "issuer": issuer,
        "database": str(folder / "op.sqlite3"),
        "rsa_key": str(folder / "op.pem"),
        "redirect_uris": redirect_uris,
        "users": users,
    }
    (folder / "op.json").write_text(json.dumps(config))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OP_CONFIG": str(folder / "op.json"),
        "NO_PROXY": "localhost,127.0.0.1",
    }
    log = (folder / "op.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.oidc_provider.server"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"{issuer}/.well-known/openid-configuration", process, folder / "op.log")
        yield Provider(issuer=issuer)
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def _wait_for(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The test identity provider stopped:\n{log.read_text()}")
        with contextlib.suppress(requests.ConnectionError):
            if requests.get(url, timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"The test identity provider did not start:\n{log.read_text()}")


# The provider's own process ------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 (the standard library's name)
        pass


class _ThreadingServer(socketserver.ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _serve() -> None:
    import django
    from django.core.management import call_command

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    config = settings.CONFIG
    call_command("migrate", verbosity=0)
    for entry in config["users"]:
        User.objects.create_user(
            username=entry["email"],
            email=entry["email"],
            password=PASSWORD,
            first_name=entry.get("first_name", "Sam"),
            last_name=entry.get("last_name", "Rees"),
        )
    Application.objects.create(
        name="Alliance portal",
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,  # hashed on save; the portal keeps the plain one
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(config["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server(
        "127.0.0.1",
        config["port"],
        get_wsgi_application(),
        server_class=_ThreadingServer,
        handler_class=_QuietHandler,
    )
    server.serve_forever()


if __name__ == "__main__":
    _serve()
