"""The portal's URLs plus the load test's stand-in writes and the fault views.

Only `loadtest.settings` routes here. The stand-ins give the load a registration and a profile
edit until the events and people apps ship theirs; point the load at the real ones with
LOAD_REGISTER_URL and LOAD_PROFILE_URL (see loadtest/locustfile.py).
"""

from django.urls import path

from alliance.urls import handler500
from alliance.urls import urlpatterns as portal_urlpatterns
from loadtest import views

__all__ = ["handler500", "urlpatterns"]

urlpatterns = [
    path("_load/events/<int:pk>/register/", views.register_toggle, name="load-register"),
    path("_load/people/me/", views.profile_edit, name="load-profile"),
    path("_fault/events/<int:pk>/fail-after-write/", views.fail_after_write, name="fault-fail"),
    path("_fault/events/<int:pk>/slow-write/", views.slow_write, name="fault-slow"),
    *portal_urlpatterns,
]
