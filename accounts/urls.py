from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.invitation_list, name="list"),
    path("new/", views.invitation_new, name="new"),
    path("<int:pk>/withdraw/", views.invitation_withdraw_view, name="withdraw"),
    path("<str:token>/", views.invitation_accept_view, name="accept"),
]
