from django.core.management.base import BaseCommand
from django.utils import timezone

from demo.builder import build_demo_alliance
from demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET
from notifications.services import notifications_start


class Command(BaseCommand):
    help = (
        "Build the fictional demo alliance. Safe to run again: it changes nothing the second time."
    )

    def handle(self, *args, **options) -> None:
        logins, created = build_demo_alliance()
        if created:
            # The demo's meetings, minutes and places are its history: only what is done in the
            # demo from now on is e-mailed (printed by scripts/run).
            notifications_start(at=timezone.now())
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo alliance built ({created} new rows)."))
        else:
            self.stdout.write("Demo alliance already in place; nothing changed.")
        self.stdout.write(f"Demo logins (password for each: {DEMO_PASSWORD}):")
        for login in logins:
            then = ", then the code from `manage.py demo_code`" if login.needs_code else ""
            self.stdout.write(f"  {login.email:<26} {login.role}{then}")
        self.stdout.write(
            "The code changes every 30 seconds: run `.venv/bin/python manage.py demo_code` in "
            f"another terminal, or add the secret {DEMO_TOTP_SECRET} to any authenticator app."
        )
