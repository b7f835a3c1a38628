from django.urls import path

from resources.views import browse, edit

app_name = "resources"
urlpatterns = [
    path("", browse.resource_list, name="list"),
    path("new/", edit.resource_create, name="create"),
    path("<int:pk>/", browse.resource_detail, name="detail"),
    path("<int:pk>/download/", browse.resource_download, name="download"),
    path("<int:pk>/edit/", edit.resource_edit, name="edit"),
    path("<int:pk>/comments/", edit.comment_create, name="comment"),
    path("<int:pk>/used/", edit.use_create, name="use"),
    path("<int:pk>/pins/", edit.pin_create, name="pin"),
    path("<int:pk>/pins/remove/", edit.pin_delete, name="unpin"),
]
