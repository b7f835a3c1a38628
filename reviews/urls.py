from django.urls import path

from reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:pk>/", views.review_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/sharing/", views.review_sharing, name="sharing"),
    path("<int:pk>/reviewers/", views.reviewers_edit, name="reviewers"),
]
