from django.urls import path

from support.views import deployments, pages, requests

app_name = "support"
urlpatterns = [
    path("", pages.support_index, name="index"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/deploy/", requests.request_deploy, name="request_deploy"),
    path("requests/<int:pk>/close/", requests.request_close, name="request_close"),
    path("deployments/<int:pk>/", deployments.deployment_detail, name="deployment"),
    path("deployments/<int:pk>/visits/", deployments.visit_create, name="visit_create"),
    path("deployments/<int:pk>/outcome/", deployments.deployment_outcome, name="outcome"),
    path("schools/<slug:slug>/", pages.school_support, name="school"),
    path("leaders/<int:pk>/", pages.leader_deployments, name="leader"),
    path("partnerships/<slug:slug>/report/", pages.partnership_report, name="report"),
    path("partnerships/<slug:slug>/report.csv", pages.partnership_report_csv, name="report_csv"),
]
