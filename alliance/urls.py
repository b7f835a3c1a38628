from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.decorators.http import require_safe
from django.views.generic import RedirectView

from alliance import views

urlpatterns = [
    path("", include("home.urls")),
    path("healthz", views.healthz, name="healthz"),
    # Browsers and feed readers ask for /favicon.ico whatever the page's <link rel="icon">.
    # Lazy: the static file's hashed name is known only once collectstatic has run.
    path(
        "favicon.ico",
        require_safe(RedirectView.as_view(url=lazy(static, str)("favicon.ico"), permanent=True)),
    ),
    path("readyz", views.readyz, name="readyz"),
    path("schools/", include("schools.urls")),
    path("people/", include("people.urls")),
    path("people/", include("privacy.urls")),
    path("registers/", include("registers.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("events/", include("events.urls")),
    path("events/", include("feedback.urls_lists")),
    path("feedback/", include("feedback.urls")),
    path("polls/", include("polls.urls")),
    path("programme/", include("programme.urls")),
    path("contributions/", include("programme.urls_contributions")),
    path("search/", include("search.urls")),
    path("accounts/invitations/", include("accounts.urls")),
    path("support/", include("support.urls")),
    path("resources/", include("resources.urls")),
    path("reviews/", include("reviews.urls")),
    path("notifications/", include("notifications.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# Uploads served by Django in development only (the view answers 404 unless DEBUG is on): the
# route is always there, so the URL map never depends on when it was first read.
urlpatterns += [path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", views.uploads, name="uploads")]

handler400 = "alliance.views.bad_request"
handler500 = "alliance.views.server_error"

admin.site.site_header = f"{settings.PORTAL_NAME} admin"
admin.site.site_title = settings.PORTAL_NAME
