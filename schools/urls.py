from django.urls import path

from schools.views import corrections, directory, edit, history, profile

app_name = "schools"
urlpatterns = [
    path("", directory.school_list, name="list"),
    path("export.csv", directory.school_export, name="export"),
    path("<slug:slug>/", profile.school_detail, name="detail"),
    path("<slug:slug>/edit/", edit.school_edit, name="edit"),
    path("<slug:slug>/corrections/new/", corrections.correction_new, name="correction_new"),
    path("<slug:slug>/history/", history.school_history, name="history"),
]
