from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from alliance import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("schools/", include("schools.urls")),
    path("people/", include("people.urls")),
    path("registers/", include("registers.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("events/", include("events.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

admin.site.site_header = f"{settings.PORTAL_NAME} admin"
admin.site.site_title = settings.PORTAL_NAME
