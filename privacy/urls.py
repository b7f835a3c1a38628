from django.urls import path

from privacy import views

# Mounted under people/ (alliance/urls.py): they are pages of a person.
app_name = "privacy"
urlpatterns = [
    path("<int:pk>/archive.zip", views.person_archive_view, name="archive"),
    path("<int:pk>/erase/", views.person_erase_view, name="erase"),
]
