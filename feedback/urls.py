from django.urls import path

from feedback.views import evaluation, results

app_name = "feedback"
urlpatterns = [
    path("event/<int:pk>/", evaluation.evaluation_form, name="form"),
    path("event/<int:pk>/certificate/", evaluation.certificate, name="certificate"),
    path("event/<int:pk>/questions/", results.questions, name="questions"),
    path("event/<int:pk>/results/", results.results, name="results"),
    path("event/<int:pk>/results.csv", results.results_export, name="results_csv"),
]
