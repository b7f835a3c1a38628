"""A small OpenID Connect provider (django-oauth-toolkit) for the single sign-on tests.

It stands for a school's or a local authority's identity provider: its own process, its own
SQLite file, its own RSA key and its own session cookie. Everything it needs comes from the
JSON file named by OP_CONFIG, written by tests/oidc_provider/server.py.
"""

import json
import os
from pathlib import Path

CONFIG = json.loads(Path(os.environ["OP_CONFIG"]).read_text())

DEBUG = False
SECRET_KEY = "oidc-provider-for-tests-only"
ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oauth2_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_provider.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": CONFIG["database"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
USE_TZ = True
LOGIN_URL = "/login/"
# Cookies are per host, not per port: never share a name with the portal's.
SESSION_COOKIE_NAME = "op_sessionid"
CSRF_COOKIE_NAME = "op_csrftoken"

OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": Path(CONFIG["rsa_key"]).read_text(),
    # One issuer whichever host name a request used, as in the ID token.
    "OIDC_ISS_ENDPOINT": CONFIG["issuer"],
    "PKCE_REQUIRED": True,
    "SCOPES": {
        "openid": "OpenID Connect",
        "profile": "Your name",
        "email": "Your e-mail address",
    },
    "OAUTH2_VALIDATOR_CLASS": "tests.oidc_provider.validators.ClaimsValidator",
}
# Per user (by e-mail): the `email_verified` and `amr` claims the provider asserts.
OP_CLAIMS = {user["email"]: user for user in CONFIG["users"]}
