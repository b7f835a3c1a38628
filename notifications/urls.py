from django.urls import path

from notifications import rsvp, views

app_name = "notifications"
urlpatterns = [
    path("settings/", views.notification_settings, name="settings"),
    path("settings/<int:pk>/", views.notification_settings, name="settings_person"),
    path("unsubscribe/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("confirm/<str:token>/", views.confirm_profile, name="confirm_profile"),
    path("rsvp/<str:token>/", rsvp.rsvp, name="rsvp"),
    path("message/<slug:slug>/", views.message_partnership, name="message_partnership"),
    path("message/<slug:slug>/<slug:group_slug>/", views.message_group, name="message_group"),
]
