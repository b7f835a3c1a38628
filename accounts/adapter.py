from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is closed: accounts are made by invitation (see the invitations issue)."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
