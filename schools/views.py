from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alliance.permissions import can_edit_school, can_view_school
from schools.models import School


def get_school_for_user(request: HttpRequest, slug: str) -> School:
    """The school, or 404 when this user may not see it."""
    school = get_object_or_404(School.objects.select_related("headteacher"), slug=slug)
    if not can_view_school(request.user, school):
        raise Http404("No such school.")
    return school


@require_GET
def school_list(request: HttpRequest) -> HttpResponse:
    schools = School.objects.visible_to(request.user).for_directory()
    page = Paginator(schools, 25).get_page(request.GET.get("page"))
    return render(request, "schools/list.html", {"page_obj": page})


@require_GET
def school_detail(request: HttpRequest, slug: str) -> HttpResponse:
    school = get_school_for_user(request, slug)
    context = {"school": school, "can_edit": can_edit_school(request.user, school)}
    return render(request, "schools/detail.html", context)
