"""The load mix: anonymous visitors reading, signed-in staff reading and writing.

Run it through `python -m loadtest.run_load`, which starts the server and prints the summary;
or by hand against a running portal:

    LOAD_TARGETS=targets.json locust -f loadtest/locustfile.py --headless \
        --host http://127.0.0.1:8007 -u 10 -r 5 --run-time 30s

Environment:
- LOAD_TARGETS: a JSON file of slugs, ids and logins (written by loadtest.data.print_targets).
- LOAD_MAX_REQUESTS: stop after this many requests in all (the run time bounds it too).
- LOAD_REGISTER_URL: the event registration write, `{event}` replaced by the event's id.
- LOAD_PROFILE_URL: the profile edit write.
  Both default to the stand-ins in loadtest/urls.py; point them at the events and people apps'
  own pages once they exist (e.g. LOAD_REGISTER_URL=/events/{event}/register/ and
  LOAD_PROFILE_URL=/people/me/), with LOAD_PROFILE_FIELD naming the field the form edits.
"""

import json
import os
import random
from pathlib import Path

from locust import HttpUser, between, events, task

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
REGISTER_URL = os.environ.get("LOAD_REGISTER_URL", "/_load/events/{event}/register/")
PROFILE_URL = os.environ.get("LOAD_PROFILE_URL", "/_load/people/me/")
PROFILE_FIELD = os.environ.get("LOAD_PROFILE_FIELD", "job_title")
MAX_REQUESTS = int(os.environ.get("LOAD_MAX_REQUESTS", "0"))


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

    def search(self) -> None:
        term = random.choice(TARGETS["searches"])
        self.client.get(f"/schools/?q={term}", name="/schools/?q=")

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


class StaffMember(Reader, HttpUser):
    """Signs in once, then reads the people directory and writes now and then."""

    weight = 2
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        self.client.get("/accounts/login/", name="/accounts/login/")
        response = self.client.post(
            "/accounts/login/",
            data={
                "login": random.choice(TARGETS["logins"]),
                "password": TARGETS["password"],
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (sign in)",
        )
        if "sessionid" not in self.client.cookies:
            response.failure("sign-in gave no session")

    def _post(self, url: str, data: dict, name: str) -> None:
        self.client.post(
            url,
            data={**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")},
            headers={"Referer": f"{self.host}{url}"},
            name=name,
        )

    @task(3)
    def people(self) -> None:
        self.client.get("/people/", name="/people/")
        pk = random.choice(TARGETS["people"])
        self.client.get(f"/people/{pk}/", name="/people/<id>/")

    @task(3)
    def directory_search(self) -> None:
        self.search()

    @task(2)
    def school(self) -> None:
        self.read_school()

    @task(1)
    def event_pages(self) -> None:
        self.read_events()

    @task(1)
    def register_for_event(self) -> None:
        url = REGISTER_URL.format(event=TARGETS["capacity_event"])
        self._post(url, {}, name="register for an event (write)")

    @task(1)
    def edit_profile(self) -> None:
        title = random.choice(["Class teacher", "Maths lead", "SENCo", "Phase leader"])
        self._post(PROFILE_URL, {PROFILE_FIELD: title}, name="edit my profile (write)")
