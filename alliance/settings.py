"""One settings file for every environment, read from the environment.

See `.env.example` for every variable. Nothing here forks on "are we in production": the
environment says what it wants and bad values stop the process at start-up.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from alliance.lib.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
_env_file = BASE_DIR / ".env"
if _env_file.exists():
    environ.Env.read_env(_env_file)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, or DEBUG=1 for local "
            "development with a throwaway key."
        )
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

PORTAL_NAME = env_str("PORTAL_NAME", "Alliance Portal")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Single sign-on (docs/sso.md): each provider is offered only when its settings are given.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.openid_connect",
    "django_filters",
    "django_htmx",
    "template_partials",
    "simple_history",
    "phonenumber_field",
    "accounts",
    "schools",
    "registers",
    "people",
    "partnerships",
    "events",
    "polls",
    "programme",
    "feedback",
    "search",
    "support",
    "resources",
    "notifications",
    "reviews",
    "privacy",
    "django_tasks",
    "django_tasks_db",
    "alliance",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alliance.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the user is known (the 400 page shows the header as signed in), before any view.
    "alliance.middleware.RejectNulMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AccessRefusedLogMiddleware",
    "accounts.middleware.SessionExpiryMiddleware",
    "accounts.middleware.MFASetupRequiredMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "alliance.urls"
WSGI_APPLICATION = "alliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "alliance.context_processors.portal",
            ],
        },
    },
]

# Form fields render with Jinja2 where Django ships its templates (alliance/lib/forms.py).
FORM_RENDERER = "alliance.lib.forms.FormRenderer"

# Databases: SQLite file in the project folder unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A runaway query must not hold a worker forever, and an unreachable database must not
    # hold it for the operating system's TCP timeout either. Keep the statement timeout under
    # gunicorn's worker timeout so the database cancels a query before the worker is killed.
    statement_timeout_ms = env_int("DB_STATEMENT_TIMEOUT_MS", 15000)
    # No parallel query for the portal's own connections: starting workers cost a page 10-20
    # ms (bench/run.py, "people by role": 39 ms in parallel, 25 without), and on an app server
    # every core is already serving another request. DB_PARALLEL_WORKERS gives it back.
    parallel_workers = env_int("DB_PARALLEL_WORKERS", 0)
    if parallel_workers < 0:
        raise ImproperlyConfigured("DB_PARALLEL_WORKERS must be 0 or more.")
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={statement_timeout_ms}"
        f" -c max_parallel_workers_per_gather={parallel_workers}"
    )
    DATABASES["default"]["OPTIONS"]["connect_timeout"] = env_int("DB_CONNECT_TIMEOUT", 5)
    # Parameters travel apart from the SQL, so psycopg prepares a statement the fifth time a
    # connection runs it and PostgreSQL stops planning it anew: planning is most of the cost of
    # a page's small queries (1.2 ms planned, 0.4 ms run for the home page's events). Off
    # behind a pooler that shares server connections between clients (PgBouncer in
    # transaction mode), which cannot keep prepared statements.
    if env_bool("DB_PREPARED_STATEMENTS", True):
        DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
        DATABASES["default"]["OPTIONS"]["prepare_threshold"] = 5
# /readyz opens a fresh connection and gives up after this many seconds.
READYZ_TIMEOUT_SECONDS = env_int("READYZ_TIMEOUT_SECONDS", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# With several app servers, CACHE_URL (redis://host:6379/1, Django's own RedisCache) holds the
# state they must share: sessions (cached_db: read from the cache, kept in the database) and
# allauth's rate limits. Without it each process keeps a local cache; fine for one server.
if env_str("CACHE_URL"):
    CACHES = {"default": env.cache_url("CACHE_URL")}
    CACHES["default"]["KEY_PREFIX"] = env_str("CACHE_KEY_PREFIX", "alliance")
    if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
        # The same backend, sharing one client object between calls (alliance/lib/cache.py).
        CACHES["default"]["BACKEND"] = "alliance.lib.cache.RedisCache"
        # A stalled cache answers "unavailable" within a second instead of hanging a worker.
        CACHES["default"].setdefault("OPTIONS", {}).update(
            {"socket_connect_timeout": 1, "socket_timeout": 1}
        )
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Public pages are served from the cache to visitors without a session for this long, or
# until any content changes (alliance/lib/pagecache.py). 0 turns it off.
PUBLIC_PAGE_CACHE_SECONDS = env_int("PUBLIC_PAGE_CACHE_SECONDS", 60)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Django's and allauth's backends, each loading the user's directory profile with the user.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]

# Accounts (django-allauth): e-mail is the login, verified, and sign-up is by invitation only.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# Who to contact when signing in fails for good (a lost password, phone or address), named on
# the account pages: "Contact <this>." E.g. "the alliance office (office@alliance.example.org)".
ACCOUNT_HELP_CONTACT = env_str("ACCOUNT_HELP_CONTACT", "your headteacher or an alliance admin")
# allauth's forms with their labels in sentence case and messages in the portal's voice.
ACCOUNT_FORMS = {
    "login": "accounts.forms.LoginForm",
    "change_password": "accounts.forms.ChangePasswordForm",
    "reset_password": "accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "accounts.forms.ResetPasswordKeyForm",
}
# Signing out ends every session of the user (accounts.adapter); changing the password ends
# the others (Django's session hash) and keeps this one.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Rate limits (allauth's, per client address "ip", per typed address "key"). They count in the
# cache: set CACHE_URL to a shared Redis so every app server counts in one place.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "reauthenticate": "10/m/user",
    "signup": "20/m/ip",
}
# Accepting invitations: at most this many tries per client address per period (accounts).
INVITATION_ACCEPT_RATE_LIMIT = env_int("INVITATION_ACCEPT_RATE_LIMIT", 10)
INVITATION_ACCEPT_RATE_PERIOD = env_int("INVITATION_ACCEPT_RATE_PERIOD", 300)
INVITATION_EXPIRY_DAYS = env_int("INVITATION_EXPIRY_DAYS", 7)

# The client address for rate limits and the security log. By default REMOTE_ADDR, and any
# X-Forwarded-For is ignored: a client can write anything there. Behind N proxies you run, set
# TRUSTED_PROXY_COUNT=N (the address the last of them saw is used), or name the one header your
# proxy sets and overwrites (TRUSTED_CLIENT_IP_HEADER=X-Real-IP).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER") or None

# Two-factor sign-in: an authenticator app, with recovery codes. Required for alliance admins
# and headteachers (accounts.middleware.MFASetupRequiredMiddleware).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = PORTAL_NAME
# Adding or removing an authenticator asks for the password again unless the user signed in or
# re-authenticated within this many seconds (accounts.adapter.is_reauthentication_required).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# Single sign-on (docs/sso.md, accounts.socialadapter): Microsoft Entra ID, Google Workspace and
# one generic OpenID Connect provider, each offered only when its client id is set. Who may come
# in this way, and from which tenant or domain, is decided by accounts.socialadapter; nobody
# signs up by SSO alone.
SOCIALACCOUNT_ADAPTER = "accounts.socialadapter.SocialAccountAdapter"
# The adapter links a sign-in to an account itself, after its checks; allauth never matches
# an account by e-mail on its own.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS: dict = {}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _sso_app(prefix: str, *required: str) -> dict | None:
    """The app settings of provider `prefix` from SSO_<PREFIX>_* variables, or None when its
    client id is unset; a half-configured provider stops the process at start-up."""
    client_id = env_str(f"SSO_{prefix}_CLIENT_ID")
    if not client_id:
        return None
    missing = [
        f"SSO_{prefix}_{name}"
        for name in ("SECRET", *required)
        if not env_str(f"SSO_{prefix}_{name}")
    ]
    if missing:
        raise ImproperlyConfigured(f"SSO_{prefix}_CLIENT_ID is set: also set {', '.join(missing)}.")
    return {"client_id": client_id, "secret": env_str(f"SSO_{prefix}_SECRET")}


if _microsoft := _sso_app("MICROSOFT"):
    # "organizations": any work or school tenant may reach the callback; the adapter accepts
    # only tenants registered for member schools (SchoolEmailDomain.entra_tenant_id).
    _microsoft["settings"] = {"tenant": env_str("SSO_MICROSOFT_TENANT", "organizations")}
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {"APPS": [_microsoft], "OAUTH_PKCE_ENABLED": True}
if _google := _sso_app("GOOGLE"):
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [_google],
        "SCOPE": ["openid", "profile", "email"],
        "OAUTH_PKCE_ENABLED": True,
    }
if _oidc := _sso_app("OIDC", "SERVER_URL"):
    _oidc |= {
        "provider_id": env_str("SSO_OIDC_PROVIDER_ID", "local"),
        "name": env_str("SSO_OIDC_NAME", "your local authority"),
        "settings": {"server_url": env_str("SSO_OIDC_SERVER_URL"), "oauth_pkce_enabled": True},
    }
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {"APPS": [_oidc]}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The resource hub refuses files over this size (bytes).
RESOURCES_MAX_UPLOAD_BYTES = env_int("RESOURCES_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Support: days a system leader may have agreed in current deployments, and hours in a day.
SUPPORT_MAX_DAYS_PER_LEADER = env_int("SUPPORT_MAX_DAYS_PER_LEADER", 20)
SUPPORT_HOURS_PER_DAY = env_int("SUPPORT_HOURS_PER_DAY", 6)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5_242_880

# E-mail: EMAIL_HOST (with EMAIL_PORT, EMAIL_USE_TLS for STARTTLS or EMAIL_USE_SSL for implicit
# TLS, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) sends through that SMTP server; or one EMAIL_URL
# (smtp+tls://user:password@host:587); with neither, mail is printed to the console (the demo).
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both.")
else:
    EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
    globals().update(EMAIL_CONFIG)
# A relay that stops answering must not hold the worker: give up after this many seconds.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 15)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@example.org")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's address as people reach it, for links in e-mail (which has no request to ask).
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")

# Background work: Django's Tasks API (the django-tasks backport) kept in the database and run
# by `manage.py db_worker` (docs/operations.md). TASKS_BACKEND=immediate runs each task at once,
# in the process that enqueues it.
TASKS = {
    "default": {
        "BACKEND": {
            "database": "django_tasks_db.DatabaseBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
        }.get(env_str("TASKS_BACKEND", "database"), "invalid"),
        "QUEUES": ["default"],
    }
}
if TASKS["default"]["BACKEND"] == "invalid":
    raise ImproperlyConfigured("TASKS_BACKEND must be database or immediate.")
# Notifications: how long sent messages are kept (then deleted by notifications_tick), how long a
# worker holds the messages it claimed, and how often a failed message is tried again.
NOTIFICATIONS_KEEP_SENT_DAYS = env_int("NOTIFICATIONS_KEEP_SENT_DAYS", 90)
# Retention (docs/privacy.md), applied once a day by notifications_tick: sign-in records (signed
# in or out, refused, rate-limited, two-factor refused) are kept SIGN_IN_KEEP_DAYS, the rest of
# the security log SECURITY_LOG_KEEP_DAYS; expired sessions are cleared.
SIGN_IN_KEEP_DAYS = env_int("SIGN_IN_KEEP_DAYS", 90)
SECURITY_LOG_KEEP_DAYS = env_int("SECURITY_LOG_KEEP_DAYS", 365)
NOTIFICATIONS_LEASE_SECONDS = env_int("NOTIFICATIONS_LEASE_SECONDS", 300)
NOTIFICATIONS_MAX_ATTEMPTS = env_int("NOTIFICATIONS_MAX_ATTEMPTS", 8)

PHONENUMBER_DEFAULT_REGION = "GB"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

# Security. HTTPS settings default on when DEBUG is off; a proxy that terminates TLS must be
# named explicitly (SECURE_PROXY_SSL_HEADER) rather than trusted by default.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe app servers over plain HTTP: a redirect would read as "unhealthy".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Sessions end after SESSION_IDLE_TIMEOUT seconds without a request, and SESSION_MAX_AGE after
# sign-in whatever happens (accounts.middleware.SessionExpiryMiddleware checks both).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 12)
SESSION_MAX_AGE = SESSION_COOKIE_AGE
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_TIMEOUT", 60 * 60 * 2)
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}

# "Sign in with ..." is a form on the sign-in page answered by a redirect to the provider,
# and browsers hold every step of that redirect to the page's form-action.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += sorted(
    {
        "microsoft": lambda app: "https://login.microsoftonline.com",
        "google": lambda app: "https://accounts.google.com",
        "openid_connect": lambda app: _origin(app["settings"]["server_url"]),
    }[provider](config["APPS"][0])
    for provider, config in SOCIALACCOUNT_PROVIDERS.items()
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Django gives its "django" logger a console handler of its own (when DEBUG) that also
    # reached the root's: runserver wrote every line twice. Now only the root writes them, and
    # the request lines keep Django's own format (configured here as Django does).
    "loggers": {
        "django": {"handlers": [], "level": env_str("LOG_LEVEL", "INFO")},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}

# Registers (imports): the largest CSV a browser may upload. The register's England-wide extract
# is about 60 MB; a staff list is a few hundred kilobytes.
REGISTERS_MAX_GIAS_UPLOAD_BYTES = env_int("REGISTERS_MAX_GIAS_UPLOAD_BYTES", 80 * 1_048_576)
REGISTERS_MAX_CSV_UPLOAD_BYTES = env_int("REGISTERS_MAX_CSV_UPLOAD_BYTES", 2 * 1_048_576)
