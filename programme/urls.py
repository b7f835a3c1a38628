from django.urls import path

from programme.views import edit, mine, pages, session

app_name = "programme"
urlpatterns = [
    path("event/<int:pk>/", pages.programme_page, name="event"),
    path("event/<int:pk>/edit/", edit.programme_edit, name="edit"),
    path("event/<int:pk>/slots/new/", edit.slot_create, name="slot_create"),
    path("slot/<int:pk>/edit/", edit.slot_edit, name="slot_edit"),
    path("slot/<int:pk>/sessions/new/", edit.session_create, name="session_create"),
    path("slot/<int:pk>/withdraw/", pages.slot_withdraw, name="withdraw"),
    path("session/<int:pk>/", session.session_page, name="session"),
    path("session/<int:pk>/edit/", edit.session_edit, name="session_edit"),
    path("session/<int:pk>/delete/", edit.session_delete_view, name="session_delete"),
    path("session/<int:pk>/choose/", pages.session_choose, name="choose"),
    path("session/<int:pk>/choices.csv", session.session_choices_csv, name="choices_csv"),
    path("session/<int:pk>/documents/", session.document_upload, name="document_upload"),
    path(
        "session/<int:pk>/documents/<int:doc_pk>/",
        session.document_download,
        name="document",
    ),
    path("mine/", mine.timetable, name="mine"),
    path("feeds/<str:token>.ics", mine.feed, name="feed"),
]
