"""Show that the invitation-acceptance rate limit holds across several app servers.

Starts WORKERS separate Python processes (as gunicorn workers would be), all pointing at the
same cache, and has each make ATTEMPTS requests to an invitation link from one client
address. With a shared cache (Redis) the total let through is the limit, not limit x workers.

    CACHE_URL=redis://127.0.0.1:6379/1 DEBUG=1 python scripts/check_shared_rate_limit.py

Without CACHE_URL each process counts on its own, which the output shows as well.
"""

import collections
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3
ATTEMPTS = 10
LIMIT = 10

WORKER = """
import django
django.setup()
from django.test import Client
client = Client(REMOTE_ADDR="{address}", HTTP_HOST="localhost")
for n in range({attempts}):
    print(client.get(f"/accounts/invitations/check-{{n}}/").status_code)
"""


def main() -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance.settings",
        "INVITATION_ACCEPT_RATE_LIMIT": str(LIMIT),
        # A period no run of this script will straddle twice.
        "INVITATION_ACCEPT_RATE_PERIOD": "3600",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env
    )
    # A fresh client address for each run, so an earlier run's count does not carry over.
    address = f"198.51.100.{random.randint(1, 254)}"
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER.format(attempts=ATTEMPTS, address=address)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    answers = collections.Counter()
    for worker in workers:
        out, _ = worker.communicate(timeout=300)
        answers.update(out.split())
    print(f"cache: {os.environ.get('CACHE_URL') or 'local memory (per process)'}")
    print(f"{WORKERS} workers x {ATTEMPTS} attempts from one address, limit {LIMIT}:")
    print(f"  let through (404: no such invitation): {answers['404']}")
    print(f"  refused (429): {answers['429']}")


if __name__ == "__main__":
    main()
