from django.urls import path

from people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="list"),
    path("export.csv", views.person_export, name="export"),
    path("me/", views.my_profile, name="me"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/vcard.vcf", views.person_vcard_view, name="vcard"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/history/", views.person_history, name="history"),
    path("<int:pk>/roles/add/", views.role_add, name="role_add"),
    path("<int:pk>/roles/<int:role_pk>/end/", views.role_end_view, name="role_end"),
]
