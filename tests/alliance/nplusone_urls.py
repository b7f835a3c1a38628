"""A deliberately bad page for tests/alliance/test_nplusone.py."""

from django.http import HttpResponse
from django.urls import path

from schools.models import School


def one_query_per_row(request):
    names = [School.objects.get(pk=pk).name for pk in School.objects.values_list("pk", flat=True)]
    return HttpResponse(", ".join(names))


urlpatterns = [path("bad/", one_query_per_row)]
