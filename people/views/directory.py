"""The people directory and its CSV export: same filters, same privacy."""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from alliance.lib.fragments import form_html, values_html
from alliance.lib.htmx import render_page_or_results
from alliance.lib.paging import DEFAULT_CAP, CappedPaginator
from alliance.lib.querystring import query_without
from people.filters import PersonFilter
from people.models import Person
from people.rules import can_see_contacts

PAGE_SIZE = 20
COUNT_CAP = DEFAULT_CAP
EXPORT_HEADER = [
    "Name",
    "Pronouns",
    "Job title",
    "School or organisation",
    "Current roles",
    "E-mail",
    "Telephone",
]


def _row_cells(person: Person) -> str:
    """A row's cells but the contacts: what every member sees of the person alike."""
    values = {
        "pk": person.pk,
        "name": person.display_name,
        "pronouns": person.pronouns,
        "job_title": person.job_title,
        "workplace": str(person.workplace or ""),
        "roles": tuple(str(role) for role in person.current_roles),
    }
    return values_html("people/_directory_row.html", values)


@login_required
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    """The directory: filters in the URL, 20 a page, a fixed number of queries per page.

    An htmx request (typing in the search box) gets the results fragment and the count only.
    """
    directory = Person.objects.for_directory()
    people = PersonFilter(request.GET, queryset=directory)
    # Counts stop at 1,000 and pages stay within them: a national directory never counts or
    # skips over every member of staff. The page's twenty rows are read by key alone: a name
    # or role filter is not worth running twice.
    matching = people.qs  # filtering first: it tells whether a role has many holders
    paginator = CappedPaginator(
        matching, PAGE_SIZE, cap=COUNT_CAP, rows=directory, count_apart=people.many_holders
    )
    page = paginator.get_page(request.GET.get("page"))
    tags = [
        {"label": label, "value": value, "remove_query": query, "remove_url": f"?{query}"}
        for name, label, value in people.active_filters()
        for query in [query_without(request.GET, name)]
    ]
    context = {
        "filter": people,
        "page_obj": page,
        "filter_fields": form_html("_filter_fields.html", people.form, people.vocabulary_version),
        "rows": list(page),
        "row_cells": [(person, _row_cells(person)) for person in page],
        "tags": tags,
        "query_string": query_without(request.GET),
    }
    return render_page_or_results(request, "people/list.html", context)


def _export_rows(request: HttpRequest, people) -> Iterator[list[str]]:
    for person in people.iterator(chunk_size=500):
        show = can_see_contacts(request.user, person)
        yield [
            person.display_name,
            person.pronouns,
            person.job_title,
            str(person.workplace or ""),
            "; ".join(str(role) for role in person.current_roles),
            person.email if show else "",
            person.telephone.as_national if show and person.telephone else "",
        ]


@login_required
@require_GET
def person_export(request: HttpRequest) -> StreamingHttpResponse:
    """The directory as filtered, as CSV: contacts only where the viewer may see them.

    Streams in chunks of 500 people, two queries a chunk.
    """
    people = PersonFilter(request.GET, queryset=Person.objects.for_directory())
    filename = f"people-{timezone.localdate():%Y-%m-%d}.csv"
    security_log(
        kind="export",
        user=request.user,
        request=request,
        what="people",
        query=request.GET.urlencode(),
    )
    return csv_response(
        filename=filename, header=EXPORT_HEADER, rows=_export_rows(request, people.qs)
    )
