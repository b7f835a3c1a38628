"""Take the screenshots the README and docs show (docs/screenshots/), from the demo alliance.

    .venv/bin/python scripts/screenshots.py

Builds the demo in a scratch SQLite database, serves it with runserver on a free loopback port
and photographs the first screen of each page on a desktop (1280 px) and a phone (375 px) in
Debian's Chromium, signed in as the demo login who would see it. Run it again after a change
to any of these pages, and commit the images it writes.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}

SLE = "specialist-leader-of-education"
# (file name, demo login or None for a visitor, path or a function of the database to a path)
PAGES = [
    ("schools-directory", None, lambda: "/schools/"),
    ("school-page", None, lambda: _first_school().get_absolute_url()),
    ("school-edit", "head@example.org", lambda: f"/schools/{_first_school().slug}/edit/"),
    ("people-directory", "staff@example.org", lambda: f"/people/?role={SLE}"),
    ("events-month", "staff@example.org", lambda: "/events/calendar/"),
    ("admin-person", "admin@example.org", lambda: f"/admin/people/person/{_head().pk}/change/"),
    ("conference-programme", "staff@example.org", lambda: f"/programme/event/{_upcoming().pk}/"),
    ("conference-timetable", "staff@example.org", lambda: "/programme/mine/"),
    ("conference-evaluation", "staff@example.org", lambda: f"/feedback/event/{_held().pk}/"),
    ("conference-results", "admin@example.org", lambda: f"/feedback/event/{_held().pk}/results/"),
]


def _first_school():
    from people.models import Person

    return Person.objects.get(user__email="head@example.org").school


def _head():
    from people.models import Person

    return Person.objects.get(user__email="head@example.org")


def _upcoming():
    from demo.events import UPCOMING_CONFERENCE
    from events.models import Event

    return Event.objects.get(title=UPCOMING_CONFERENCE)


def _held():
    from demo.conference import PAST_CONFERENCE
    from events.models import Event

    return Event.objects.get(title=PAST_CONFERENCE)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_cookie(email: str) -> str:
    """A signed-in session for the demo login, as the sign-in page would leave it."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client.cookies["sessionid"].value


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="alliance-shots-"))
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}", "DEBUG": "1"}
    os.environ.update(env)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--verbosity", "0"], check=True, env=env)
    subprocess.run([*manage, "seed_demo"], check=True, env=env, stdout=subprocess.DEVNULL)
    port = _free_port()
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliance.settings")
        import django

        django.setup()
        shoot(base)
    finally:
        server.terminate()
        server.wait()


def shoot(base: str) -> None:
    from playwright.sync_api import sync_playwright

    # Read the database before Playwright starts its event loop (the ORM stays out of it).
    shots = [
        (name, base + path(), _session_cookie(login) if login else None)
        for name, login, path in PAGES
    ]
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        for name, url, session in shots:
            for size, viewport in SIZES.items():
                context = browser.new_context(
                    viewport=viewport, locale="en-GB", timezone_id="Europe/London"
                )
                if session:
                    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
                page = context.new_page()
                page.goto(url)
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name}-{size}.png"
                page.screenshot(path=str(target))
                print(f"{target.relative_to(ROOT)}  {url}")
                context.close()
        browser.close()


if __name__ == "__main__":
    main()
