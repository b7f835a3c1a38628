"""A small HTTP client for the fault run: cookies, CSRF, and every answer kept with its times."""

from __future__ import annotations

import http.client
import http.cookiejar
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from loadtest.pages import REGISTERED, registration_answer

CLEAN_503_TEXT = "briefly unavailable"


@dataclass
class Sample:
    """One request: what was asked, when, and what came back (status 0: no HTTP answer)."""

    actor: str
    method: str
    path: str
    started: float
    ended: float
    status: int
    body: str
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    @property
    def clean_503(self) -> bool:
        return self.status == 503 and CLEAN_503_TEXT in self.body and "Traceback" not in self.body


class Browser:
    """One visitor with a cookie jar; `base_url` can be changed to move to another server."""

    def __init__(self, base_url: str, actor: str) -> None:
        self.base_url = base_url
        self.actor = actor
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "")

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 20):
        body = None
        headers = {"Accept-Encoding": "identity"}
        if method == "POST":
            payload = {**(data or {}), "csrfmiddlewaretoken": self.cookie("csrftoken")}
            body = urllib.parse.urlencode(payload).encode()
            headers["Referer"] = self.base_url + path
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        request = urllib.request.Request(self.base_url + path, data=body, headers=headers)
        request.method = method
        started = time.monotonic()
        try:
            with self.opener.open(request, timeout=timeout) as response:
                status, text, error = response.status, response.read().decode(errors="replace"), ""
        except urllib.error.HTTPError as answer:
            status, text, error = answer.code, answer.read().decode(errors="replace"), ""
        except (OSError, http.client.HTTPException) as failure:
            status, text, error = 0, "", f"{type(failure).__name__}: {failure}"
        return Sample(self.actor, method, path, started, time.monotonic(), status, text, error)

    def sign_in(self, email: str, password: str) -> Sample:
        self.request("GET", "/accounts/login/")
        sample = self.request("POST", "/accounts/login/", {"login": email, "password": password})
        if not self.cookie("sessionid"):
            raise RuntimeError(f"sign-in as {email} failed: {sample.status} {sample.error}")
        if "needs two-factor sign-in" in sample.body:
            # Such a session reaches nothing but the two-factor set-up pages.
            raise RuntimeError(f"{email} must set up two-factor sign-in: use a load account")
        return sample


class Load:
    """Readers and writers in threads until `stop()`, or `deadline_s`, or `max_requests` each.

    Writers go through register/cancel cycles on one event with few places, on the events
    app's real pages (POST /events/<id>/register/ and /cancel/), and remember what each answer
    said (loadtest.pages.registration_answer), so the final database state can be compared with
    what clients were told.
    """

    def __init__(self, readers: list[Browser], writers: list[Browser], targets: dict,
                 deadline_s: float = 120, max_requests: int = 5000) -> None:  # fmt: skip
        self.readers, self.writers, self.targets = readers, writers, targets
        self.deadline_s, self.max_requests = deadline_s, max_requests
        self.event = targets["capacity_events"][0]
        self.samples: list[Sample] = []
        # actor -> [(started, REGISTERED / NOT_REGISTERED, or None when no answer)]
        self.acks: dict[str, list[tuple[float, str | None]]] = {w.actor: [] for w in writers}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def _read_paths(self, signed_in: bool) -> list[str]:
        t = self.targets
        paths = ["/", "/schools/", "/schools/?q=primary", "/search/?q=maths", "/events/"]
        paths += [f"/schools/{slug}/" for slug in t["schools"][:5]]
        paths += [f"/events/{pk}/" for pk in t["events"][:3]]
        if signed_in:
            paths += ["/people/"] + [f"/people/{pk}/" for pk in t["people"][:5]]
        return paths

    def _write(self, browser: Browser, registered: bool | None) -> tuple[Sample, str | None]:
        action = "cancel" if registered else "register"
        sample = browser.request("POST", f"/events/{self.event}/{action}/")
        answer = registration_answer(sample.body) if sample.ok else None
        return sample, answer[0] if answer else None

    def _run(self, browser: Browser, write: bool) -> None:
        rng = random.Random(browser.actor)
        paths = self._read_paths(signed_in=bool(browser.cookie("sessionid")))
        registered: bool | None = None  # unknown until the first answer
        started = time.monotonic()
        for _ in range(self.max_requests):
            if self._stop.is_set() or time.monotonic() - started > self.deadline_s:
                return
            if write and rng.random() < 0.5:
                sample, state = self._write(browser, registered)
                if state is not None:
                    registered = state == REGISTERED
                with self._lock:
                    self.acks[browser.actor].append((sample.started, state))
            else:
                sample = browser.request("GET", rng.choice(paths))
            with self._lock:
                self.samples.append(sample)
            time.sleep(0.02)

    def start(self) -> Load:
        for browser, write in [(b, False) for b in self.readers] + [
            (b, True) for b in self.writers
        ]:
            thread = threading.Thread(target=self._run, args=(browser, write), daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def stop(self) -> list[Sample]:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=60)
        return self.samples
