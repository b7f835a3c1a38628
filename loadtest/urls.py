"""The portal's URLs plus the views the fault run breaks on purpose.

Only `loadtest.settings` routes here (the load and fault servers); the portal's own URLs have
no test view. The load itself uses the portal's real pages.
"""

from django.urls import path

from alliance.urls import handler400, handler500
from alliance.urls import urlpatterns as portal_urlpatterns
from loadtest import views

__all__ = ["handler400", "handler500", "urlpatterns"]

urlpatterns = [
    path("_fault/events/<int:pk>/fail-after-write/", views.fail_after_write, name="fault-fail"),
    path("_fault/events/<int:pk>/slow-write/", views.slow_write, name="fault-slow"),
    *portal_urlpatterns,
]
