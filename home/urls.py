from django.urls import path

from home import views

# No app_name: the home page is "home" in every template and redirect.
urlpatterns = [path("", views.home, name="home")]
