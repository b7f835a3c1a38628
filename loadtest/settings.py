"""Settings for the load and fault servers only: the portal's settings with loadtest.urls.

Never used in production: the fault views exist only under this module, selected with
DJANGO_SETTINGS_MODULE=loadtest.settings by loadtest/ and faults/.
"""

from alliance.settings import *  # noqa: F403

ROOT_URLCONF = "loadtest.urls"

from alliance.lib.env import env_int  # noqa: E402

# The slow fault view outlives the worker timeout the fault server runs with.
FAULT_WORKER_TIMEOUT_SECONDS = env_int("GUNICORN_TIMEOUT", 30)
