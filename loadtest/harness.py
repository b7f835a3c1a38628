"""Start and stop what the load and fault runs need, on loopback only, bounded in time.

- `PrivatePostgres`: a throwaway PostgreSQL cluster (initdb into a temporary folder, its own
  port) that a fault run may stop and start at will. Never the machine's shared server.
- `Gunicorn`: the portal served by gunicorn with deploy/gunicorn.conf.py, as in production.
- `prepare_database`: migrate, the demo alliance, and the load test's own rows.

Every wait has a deadline; every process started here is stopped here, by its own id.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN_CANDIDATES = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def pg_bin(name: str) -> str:
    """A PostgreSQL server program: from PG_BIN, Debian's versioned folder, or the PATH."""
    folders = [Path(os.environ["PG_BIN"])] if os.environ.get("PG_BIN") else PG_BIN_CANDIDATES
    for folder in folders:
        if (folder / name).exists():
            return str(folder / name)
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} not found: install PostgreSQL's server package or set PG_BIN.")
    return found


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; run them as the postgres account instead.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of our own on 127.0.0.1:`port`, deleted by `destroy()`."""

    port: int
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="alliance-pg-")))

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "alliance") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create(self) -> PrivatePostgres:
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(
            _as_postgres(
                [pg_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust"]
                + ["--no-sync", "-E", "UTF8", "--locale", "C.UTF-8"]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        # Loopback only, the socket in our folder; a killed client's backend notices within
        # half a second and rolls its transaction back (PostgreSQL 14+).
        (self.data / "postgresql.auto.conf").write_text(
            f"listen_addresses = '127.0.0.1'\nport = {self.port}\n"
            f"unix_socket_directories = '{self.folder}'\n"
            "fsync = off\nmax_connections = 60\nclient_connection_check_interval = 500\n"
        )
        self.start()
        self.psql("postgres", "CREATE DATABASE alliance")
        return self

    def start(self) -> None:
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.folder / "server.log"))

    def stop(self, mode: str = "fast") -> None:
        """Stop the server; `immediate` is a crash: no checkpoint, recovery at the next start."""
        self._pg_ctl("stop", "-w", "-t", "60", "-m", mode)

    def psql(self, database: str, sql: str) -> str:
        result = subprocess.run(
            [pg_bin("psql"), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
            + ["-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", database]
            + ["-c", sql],
            check=True,
            capture_output=True,
            text=True,
            timeout=60,
        )
        return result.stdout.strip()

    def destroy(self) -> None:
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(subprocess.SubprocessError):
                self.stop("immediate")
        shutil.rmtree(self.folder, ignore_errors=True)

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([pg_bin("pg_ctl"), "-D", str(self.data), *args]),
            check=True,
            capture_output=True,
            timeout=90,
        )


def server_env(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """Production-like settings (DEBUG off) for a server on plain-HTTP loopback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "loadtest.settings",
            "DEBUG": "0",
            "SECRET_KEY": "load-and-fault-runs-only-0123456789-abcdefghijklmnopqrstuvwxyz",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "STATIC_ROOT": str(static_root),
            # Loopback speaks plain HTTP: no redirect to HTTPS, cookies without Secure.
            "SECURE_SSL_REDIRECT": "0",
            "SESSION_COOKIE_SECURE": "0",
            "CSRF_COOKIE_SECURE": "0",
            "SECURE_HSTS_SECONDS": "0",
            "SECURE_HSTS_PRELOAD": "0",
            "LOG_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def manage(*args: str, env: dict[str, str], timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(env: dict[str, str]) -> None:
    """Migrate, build the demo alliance and the load test's rows, collect static files."""
    manage("migrate", "--noinput", env=env)
    manage("seed_demo", env=env)
    manage("shell", "-c", "from loadtest.data import prepare; prepare()", env=env)
    manage("collectstatic", "--noinput", env=env)


@dataclass
class Gunicorn:
    """The portal under gunicorn on 127.0.0.1:`port`, logging to a file we can read."""

    port: int
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, deadline_s: float = 60) -> Gunicorn:
        env = {**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        self._log_file = self.log.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until("/healthz", 200, deadline_s)
        return self

    def wait_until(self, path: str, status: int, deadline_s: float) -> float:
        """Poll `path` until it answers `status`; the seconds that took."""
        started = time.monotonic()
        while time.monotonic() - started < deadline_s:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=5) as response:
                    if response.status == status:
                        return time.monotonic() - started
            except urllib.error.HTTPError as error:
                if error.code == status:
                    return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.2)
        raise TimeoutError(f"{path} did not answer {status} within {deadline_s}s")

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this object started
            self.process.wait(timeout=10)
        self._log_file.close()


def forget_cache(cache_url: str, prefix: str) -> int:
    """Delete the keys a run left in a shared Redis (sessions, rate limits): ours only."""
    if not cache_url.startswith("redis://"):
        return 0
    import redis

    client = redis.Redis.from_url(cache_url, socket_timeout=2)
    keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
    if keys:
        client.delete(*keys)
    return len(keys)
