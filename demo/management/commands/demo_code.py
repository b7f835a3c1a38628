from django.core.management.base import BaseCommand

from demo.authenticator import demo_code
from demo.data import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the code the demo's authenticator shows now: the second step of signing in as "
        "the demo's admin, headteacher or coordinator."
    )

    def handle(self, *args, **options) -> None:
        code, seconds_left = demo_code()
        self.stdout.write(code)
        if options["verbosity"] >= 1:
            self.stderr.write(
                f"Valid for {seconds_left} more seconds; each code signs in once per person. "
                f"Or add the secret {DEMO_TOTP_SECRET} to any authenticator app."
            )
