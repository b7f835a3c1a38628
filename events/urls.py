from django.urls import path

from events.views import detail, edit, feeds, lists, meetings, occasions, participation, rota

app_name = "events"
urlpatterns = [
    path("", lists.event_list, name="list"),
    path("calendar/", lists.event_calendar, name="calendar"),
    path("new/", edit.event_create, name="create"),
    path("<int:pk>/", detail.event_detail, name="detail"),
    path("<int:pk>/edit/", edit.event_edit, name="edit"),
    path("<int:pk>/register/", detail.event_register, name="register"),
    path("<int:pk>/cancel/", detail.event_cancel, name="cancel"),
    path("<int:pk>/rsvp/", meetings.event_rsvp, name="rsvp"),
    path("<int:pk>/call-off/", meetings.event_call_off_view, name="call_off"),
    path("<int:pk>/attendance/", meetings.roll_call, name="roll_call"),
    path("<int:pk>/minutes/", meetings.minutes_edit, name="minutes"),
    path("<int:pk>/minutes/publish/", meetings.minutes_publish_view, name="minutes_publish"),
    path("actions/<int:pk>/done/", meetings.action_done, name="action_done"),
    path("participation/<slug:slug>/", participation.participation_report, name="participation"),
    path(
        "participation/<slug:slug>.csv",
        participation.participation_export,
        name="participation_csv",
    ),
    path("<int:pk>/registrations/", detail.registration_list, name="registrations"),
    path("<int:pk>/registrations.csv", detail.registration_export, name="registrations_csv"),
    path("<int:pk>/documents/", detail.document_upload, name="document_upload"),
    path("<int:pk>/documents/<int:doc_pk>/", detail.document_download, name="document"),
    path("<int:pk>/event.ics", feeds.event_ics, name="ics"),
    path("feeds/mine/", feeds.my_feed, name="my_feed"),
    path("feeds/partnership/<slug:slug>.ics", feeds.partnership_feed, name="feed_partnership"),
    path(
        "feeds/group/<slug:slug>/<slug:group_slug>.ics",
        feeds.group_feed,
        name="feed_group",
    ),
    path("feeds/person/<str:token>.ics", feeds.person_feed, name="feed_person"),
    path("occasions/new/<slug:slug>/", occasions.occasion_new, name="occasion_new"),
    path("occasions/<int:pk>/", occasions.occasion_detail, name="occasion"),
    path("occasions/<int:pk>/meetings/", occasions.occasion_add, name="occasion_add"),
    path("occasions/<int:pk>.csv", occasions.occasion_export, name="occasion_csv"),
    path("rota/<slug:slug>/", rota.rota_planner, name="rota_partnership"),
    path("rota/<slug:slug>/<slug:group_slug>/", rota.rota_planner, name="rota_group"),
]
