from django.urls import path

from partnerships import views

app_name = "partnerships"
urlpatterns = [
    path("", views.partnership_list, name="list"),
    path("<slug:slug>/", views.partnership_detail, name="detail"),
    path("<slug:slug>/groups/<slug:group_slug>/", views.group_detail, name="group"),
]
