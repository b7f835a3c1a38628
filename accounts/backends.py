"""Authentication backends that load a signed-in user's directory profile with the user.

Almost every page asks who the user is in the directory (permissions, "my school", contacts),
so the user and their Person come in the one query that every request makes anyway.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend


def _user_with_profile(backend, user_id):
    user_model = get_user_model()
    try:
        user = user_model._default_manager.select_related("person").get(pk=user_id)
    except user_model.DoesNotExist:
        return None
    return user if backend.user_can_authenticate(user) else None


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id):
        return _user_with_profile(self, user_id)


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (e-mail sign-in), which records the sessions it starts."""

    def get_user(self, user_id):
        return _user_with_profile(self, user_id)
