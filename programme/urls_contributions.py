from django.urls import path

from programme import views_contributions as views

app_name = "contributions"
urlpatterns = [
    path("event/<int:pk>/new/", views.request_edit, name="request"),
    path("<int:pk>/", views.request_board, name="board"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
