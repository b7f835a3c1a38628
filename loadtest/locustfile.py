"""The load mix: anonymous visitors reading, signed-in members reading and writing.

Run it through `python -m loadtest.run_load`, which starts the server and prints the summary;
or by hand against a running portal:

    LOAD_TARGETS=targets.json locust -f loadtest/locustfile.py --headless \
        --host http://127.0.0.1:8007 -u 10 -r 5 --run-time 30s

The writes go to the portal's real pages, as a browser sends them (CSRF token, Referer):
event registration (POST /events/<id>/register/, then /events/<id>/cancel/, on events with
two places each, so places fill and the waiting list is used) and profile edit (/people/me/
to the profile, its edit form fetched, one field changed, the rest posted back unchanged).
A write counts as an error when the page it leads to does not say it worked.

Environment:
- LOAD_TARGETS: a JSON file of slugs, ids and logins (written by loadtest.data.print_targets).
- LOAD_MAX_REQUESTS: stop after this many requests in all (the run time bounds it too).
"""

import itertools
import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, events, task

from loadtest.pages import NOT_REGISTERED, OUT_OF_STEP, form_fields, registration_answer

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))
JOB_TITLES = ["Class teacher", "Maths lead", "SENCo", "Phase leader", "Reading lead"]
# Each signed-in user takes the next account, so no two share a registration or a profile
# (unless there are more signed-in users than accounts).
_accounts = itertools.cycle(TARGETS["logins"])


@events.request.add_listener
def _stop_at_max_requests(context=None, **kwargs) -> None:
    """Bound the run by count as well as time."""
    runner = _stop_at_max_requests.environment.runner
    if MAX_REQUESTS and runner.stats.total.num_requests >= MAX_REQUESTS:
        runner.quit()


@events.init.add_listener
def _remember_environment(environment, **kwargs) -> None:
    _stop_at_max_requests.environment = environment


class Reader:
    """Pages everybody reads: the directory, search, a school, partnerships, events."""

    def read_directory(self) -> None:
        self.client.get("/schools/", name="/schools/")

    def search_directory(self) -> None:
        term = random.choice(TARGETS["school_searches"])
        self.client.get(f"/schools/?q={term}", name="/schools/?q=")

    def search(self) -> None:
        term = random.choice(TARGETS["searches"])
        self.client.get(f"/search/?q={term}", name="/search/?q=")

    def read_school(self) -> None:
        slug = random.choice(TARGETS["schools"])
        self.client.get(f"/schools/{slug}/", name="/schools/<slug>/")

    def read_partnership(self) -> None:
        if TARGETS["partnerships"]:
            slug = random.choice(TARGETS["partnerships"])
            self.client.get(f"/partnerships/{slug}/", name="/partnerships/<slug>/")
        if TARGETS["groups"]:
            group = random.choice(TARGETS["groups"])
            self.client.get(f"/partnerships/{group}/", name="/partnerships/<slug>/groups/<slug>/")

    def read_events(self) -> None:
        self.client.get("/events/", name="/events/")
        if TARGETS["events"]:
            pk = random.choice(TARGETS["events"])
            self.client.get(f"/events/{pk}/", name="/events/<id>/")


class AnonymousVisitor(Reader, HttpUser):
    weight = 3
    wait_time = between(0.1, 0.5)

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(3)
    def directory(self) -> None:
        self.read_directory()

    @task(3)
    def directory_search(self) -> None:
        self.search_directory()

    @task(2)
    def site_search(self) -> None:
        self.search()

    @task(3)
    def school(self) -> None:
        self.read_school()

    @task(1)
    def partnership(self) -> None:
        self.read_partnership()

    @task(2)
    def event_pages(self) -> None:
        self.read_events()


class SignedInMember(Reader, HttpUser):
    """Signs in once with an account of their own, reads the people directory and profiles,
    searches, and now and then registers for (or cancels) an event or edits their profile."""

    weight = 2
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        self.email = next(_accounts)
        self.registered: dict[int, bool] = {}
        self.client.get("/accounts/login/", name="/accounts/login/")
        response = self.client.post(
            "/accounts/login/",
            data={
                "login": self.email,
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (sign in)",
        )
        if "sessionid" not in self.client.cookies:
            response.failure(f"sign-in as {self.email} gave no session")

    def _post(self, url: str, data: dict, name: str):
        """POST as the page's form would, following the redirect; a `catch_response` context."""
        return self.client.post(
            url,
            data={**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}{url}"},
            name=name,
            catch_response=True,
        )

    @task(3)
    def people(self) -> None:
        self.client.get("/people/", name="/people/")
        pk = random.choice(TARGETS["people"])
        self.client.get(f"/people/{pk}/", name="/people/<id>/")

    @task(2)
    def directory_search(self) -> None:
        self.search_directory()

    @task(2)
    def site_search(self) -> None:
        self.search()

    @task(2)
    def school(self) -> None:
        self.read_school()

    @task(1)
    def event_pages(self) -> None:
        self.read_events()

    @task(2)
    def register_or_cancel(self) -> None:
        """One step of a register/cancel cycle on an event with two places."""
        event = random.choice(TARGETS["capacity_events"])
        known = self.registered.get(event)  # None: not asked yet (an earlier run may have)
        action = "cancel" if known else "register"
        with self._post(f"/events/{event}/{action}/", {}, f"/events/<id>/{action}/") as response:
            answer = registration_answer(response.text) if response.ok else None
            if answer is None:
                response.failure(f"{action}: the event page says neither registered nor not")
                return
            state, message = answer
            self.registered[event] = state != NOT_REGISTERED
            if message in OUT_OF_STEP and known is not None:
                response.failure(f"{action}: {message}")

    @task(1)
    def edit_profile(self) -> None:
        """My profile, its edit form, one field changed and the rest posted back unchanged."""
        me = self.client.get("/people/me/", name="/people/me/")
        if not me.ok or not me.url.rstrip("/").split("/")[-1].isdigit():
            return  # the request is already counted as an error (or has no profile)
        edit_url = me.url.split(self.host, 1)[-1] + "edit/"
        form = self.client.get(edit_url, name="/people/<id>/edit/")
        if not form.ok:
            return
        fields = form_fields(form.text, containing="job_title")
        fields["job_title"] = [random.choice(JOB_TITLES)]
        with self._post(edit_url, fields, "/people/<id>/edit/ (save)") as response:
            if not response.ok or "Profile saved." not in response.text:
                response.failure("the profile was not saved")
