from django.urls import path

from polls import views

app_name = "polls"
urlpatterns = [
    path("new/<slug:slug>/", views.poll_new, name="new_partnership"),
    path("new/<slug:slug>/<slug:group_slug>/", views.poll_new, name="new_group"),
    path("<int:pk>/", views.poll_detail, name="detail"),
    path("<int:pk>/answer/", views.poll_answer_view, name="answer"),
    path("<int:pk>/fix/", views.poll_fix_view, name="fix"),
]
