"""End-to-end journeys in Debian's headless Chromium, driven by Playwright, against the live
server; every page visited is scanned with axe-core and checked at phone width.

Skipped locally when /usr/bin/chromium is missing; in CI (CI=true) a missing browser fails.
"""

import json
import os
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from the
# same thread are safe here because nothing else runs in it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                if os.environ.get("CI") == "true":
                    raise pytest.UsageError(
                        "CI needs Chromium at /usr/bin/chromium for browser tests"
                    )
                item.add_marker(pytest.mark.skip(reason="Chromium is not installed"))


@pytest.fixture(scope="session", autouse=True)
def _live_server_connections_ended(django_db_setup, django_db_blocker):
    """Set up before the live server, so torn down after it: end any database connection that
    one of its request threads still holds (a keep-alive socket Chromium has not closed keeps
    its thread and that thread's connection), or PostgreSQL refuses to drop the test database
    ("being accessed by other users")."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _browser_page(browser, base_url: str):
    """A page in a browser context of its own (its own cookies), recording every request
    that leaves the live server."""
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": 1280, "height": 900},
        locale="en-GB",
        timezone_id="Europe/London",
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    external = []
    local = (base_url, "data:")
    page.on(
        "request",
        lambda request: external.append(request.url) if not request.url.startswith(local) else None,
    )
    page.external_requests = external
    # Every page the tab showed, in order, to count the times a person was asked for a password.
    visited = []
    page.on(
        "framenavigated",
        lambda frame: visited.append(frame.url) if not frame.parent_frame else None,
    )
    page.visited = visited
    return context, page


@pytest.fixture
def page(browser, live_server, settings):
    # The live server has no collectstatic: serve static files from their source folders.
    settings.WHITENOISE_USE_FINDERS = True
    context, page = _browser_page(browser, live_server.url)
    yield page
    context.close()
    assert page.external_requests == [], f"Third-party requests: {page.external_requests}"


@pytest.fixture
def other_page(browser, live_server, page):
    """A second person's browser, signed in (or not) independently of `page`."""
    context, other = _browser_page(browser, live_server.url)
    yield other
    context.close()
    assert other.external_requests == [], f"Third-party requests: {other.external_requests}"


# The pages that ask for a password: signing in, and allauth's "confirm it is you".
PASSWORD_PROMPTS = ("/accounts/login/", "/accounts/reauthenticate/")


def password_prompts(page) -> list[str]:
    """The pages asking for a password that this tab has shown, in order (a failed sign-in,
    shown again, counts twice)."""
    from urllib.parse import urlsplit

    return [url for url in page.visited if urlsplit(url).path in PASSWORD_PROMPTS]


def sign_in(page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def verified_login(client_fixture) -> str:
    """The e-mail of a persona's account, with a known password and a verified address."""
    user = client_fixture.user
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user.email


def check_page(page, name: str) -> dict:
    """Accessibility, phone width, page weight and screenshots of the page shown now."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == [], f"{name}: {serious}"

    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-desktop.png"), full_page=True)
    transfer = page.evaluate(
        "performance.getEntries().filter(e => 'transferSize' in e)"
        ".reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)"
    )
    desktop = page.viewport_size
    page.set_viewport_size({"width": 375, "height": 800})
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    page.screenshot(path=str(SHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(desktop)
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at 375px wide"

    sizes = SHOTS / "transfer-sizes.json"
    recorded = json.loads(sizes.read_text()) if sizes.exists() else {}
    recorded[name] = transfer
    sizes.write_text(json.dumps(recorded, indent=2, sort_keys=True))
    return {"transfer_bytes": transfer}


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for `secret` (see tests.totp)."""
    from tests.totp import current_code

    return current_code(secret)


def with_authenticator(client_fixture) -> str:
    """Give a persona an authenticator app, as if they had set one up; returns its secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(client_fixture.user, secret)
    return secret


def sign_in_with_code(page, email: str, secret: str) -> None:
    """Sign in with a password, then the authenticator code allauth asks for."""
    sign_in(page, email)
    assert page.url.endswith("/accounts/2fa/authenticate/"), page.url
    check_page(page, "sign-in-code")
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


def tab_through(page, selector: str, limit: int = 80) -> list[str]:
    """Press Tab from the top of the page until focus has passed every control in `selector`.

    Returns the names of the controls reached inside it, in order; each must show a visible
    focus indicator (an outline or a box shadow) when reached.
    """
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.evaluate("window.scrollTo(0, 0)")
    # A group of radio buttons is one stop: the arrow keys move inside it.
    expected = page.locator(selector).evaluate(
        """form => new Set([...form.querySelectorAll(
            'input:not([type=hidden]):not([disabled]), select, textarea, button, a[href]'
        )].map(el => el.type === 'radio' ? 'radio:' + el.name : el)).size"""
    )
    reached: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """sel => {
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {
                    inside: !!el.closest(sel),
                    name: el.name || el.id || el.textContent.trim(),
                    // Chromium's own calendar button inside a date or time input takes a
                    // Tab stop of its own, drawn by the browser: the input is not :focus then.
                    picker: /^(date|time|datetime-local)$/.test(el.type) && !el.matches(':focus'),
                    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
                             || style.boxShadow !== 'none',
                };
            }""",
            selector,
        )
        if state["inside"]:
            assert state["visible"] or state["picker"], f"No visible focus on {state['name']}"
            reached.append(state["name"])
        elif reached:
            break
    assert len(set(reached)) >= expected, f"Tab reached {reached}, expected {expected} stops"
    return reached
