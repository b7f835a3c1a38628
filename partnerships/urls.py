from django.urls import path

from partnerships.views import edit, history, pages

app_name = "partnerships"
urlpatterns = [
    path("", pages.partnership_list, name="list"),
    path("<slug:slug>/", pages.partnership_detail, name="detail"),
    path("<slug:slug>/edit/", edit.partnership_edit, name="edit"),
    path("<slug:slug>/history/", history.partnership_history, name="history"),
    path("<slug:slug>/members/add/", edit.membership_add, name="membership_add"),
    path(
        "<slug:slug>/members/<int:pk>/edit/",
        edit.membership_change,
        {"step": "edit"},
        name="membership_edit",
    ),
    path(
        "<slug:slug>/members/<int:pk>/end/",
        edit.membership_change,
        {"step": "end"},
        name="membership_end",
    ),
    path("<slug:slug>/groups/<slug:group_slug>/", pages.group_detail, name="group"),
    path("<slug:slug>/groups/<slug:group_slug>/edit/", edit.group_edit, name="group_edit"),
]
