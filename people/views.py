from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from alliance.permissions import can_edit_person, can_see_contacts
from people.models import Person


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    people = Person.objects.for_directory()
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    rows = [(person, can_see_contacts(request.user, person)) for person in page]
    return render(request, "people/list.html", {"page_obj": page, "rows": rows})


@login_required
@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.for_directory(), pk=pk)
    context = {
        "person": person,
        "show_contacts": can_see_contacts(request.user, person),
        "can_edit": can_edit_person(request.user, person),
    }
    return render(request, "people/detail.html", context)
