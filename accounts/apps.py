from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    # allauth's own app is "Accounts" (e-mail addresses): two "ACCOUNTS" headings on the admin
    # index could not be told apart.
    verbose_name = "Users and security"

    def ready(self) -> None:
        from accounts import signals

        signals.connect()
