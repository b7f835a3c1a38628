"""The organiser's printed lists of an event, mounted under /events/ beside events.urls."""

from django.urls import path

from feedback.views import lists

app_name = "eventlists"
urlpatterns = [
    path("<int:pk>/attendees/", lists.attendee_list, name="attendees"),
    path("<int:pk>/attendees.csv", lists.attendee_export, name="attendees_csv"),
    path("<int:pk>/badges/", lists.badges, name="badges"),
    path("<int:pk>/choices.csv", lists.choices_export, name="choices_csv"),
    path("sessions/<int:pk>/sign-in/", lists.sign_in_sheet, name="sign_in"),
]
