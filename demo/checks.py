"""`check --deploy` refuses a production portal whose accounts use the demo's published
authenticator secret: anyone who has read the README could sign in as them."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def demo_authenticator_secret(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    from demo.authenticator import accounts_with_the_demo_secret

    try:
        emails = accounts_with_the_demo_secret()
    except DatabaseError:
        return []  # No database yet (nothing migrated): nothing holds the secret.
    if not emails:
        return []
    shown = ", ".join(emails[:5]) + (f" and {len(emails) - 5} more" if len(emails) > 5 else "")
    return [
        Error(
            f"{len(emails)} account(s) sign in with the demo's published authenticator secret "
            f"({shown}).",
            hint=(
                "This database holds demo logins. Never run the demo seed (seed_demo) on a "
                "production database; delete these accounts' authenticators in Django admin "
                "(Accounts, Users, Two-factor authenticators) so they set up their own at the next "
                "sign-in."
            ),
            id="demo.E001",
        )
    ]
