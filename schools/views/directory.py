"""The school directory and its CSV export: the same filters, search and sort."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from alliance.lib.fragments import form_html, row_html
from alliance.lib.htmx import render_page_or_results
from alliance.lib.pagecache import public_page
from alliance.lib.paging import CappedPaginator
from schools.filters import SchoolFilter, filter_tags, query_without_page
from schools.models import School

PAGE_SIZE = 20
# What a directory row shows (templates/schools/_directory_row.html), and so remembers it by.
ROW_FIELDS = (
    "slug",
    "name",
    "status",
    "closed_on",
    "phase",
    "establishment_type",
    "town",
    "local_authority",
    "urn",
    "pupils_on_roll",
)


@public_page
@require_GET
def school_list(request: HttpRequest) -> HttpResponse:
    """Filter, search, sort and page the schools this user may see. A fixed number of queries:
    the count and the page's rows (every filter is a text box or a short fixed list, so no
    query fills a menu). An htmx request (typing in the search box) gets the results fragment
    only."""
    filterset = SchoolFilter(
        request.GET,
        queryset=School.objects.visible_to(request.user).for_directory(),
        request=request,
    )
    # Counts stop at 1,000 and pages stay within them, so a national directory never
    # counts or skips over every school.
    page = CappedPaginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    tags = filter_tags(filterset, request.GET)
    schools = list(page)
    context = {
        "filter": filterset,
        "filter_fields": form_html("_filter_fields.html", filterset.form),
        "page_obj": page,
        "schools": schools,
        "rows": [row_html("schools/_directory_row.html", ROW_FIELDS, school) for school in schools],
        "tags": tags,
        "unknown_place": filterset.unknown_place,
        "query_string": query_without_page(request.GET),
    }
    return render_page_or_results(request, "schools/list.html", context)


EXPORT_HEADER = [
    "URN",
    "LAESTAB",
    "Name",
    "Phase",
    "Type of establishment",
    "Status",
    "Street",
    "Locality",
    "Address line 3",
    "Town",
    "Local authority",
    "Postcode",
    "Telephone",
    "E-mail",
    "Website",
    "Headteacher",
    "Youngest age",
    "Oldest age",
    "Pupils on roll",
    "Capacity",
    "FSM %",
    "EAL %",
    "Ofsted last inspected",
    "Ofsted outcome as published",
    "Ofsted grade (inspections before September 2024)",
    "Ofsted report",
    "Designation",
    "Page",
]


def _export_row(request: HttpRequest, school: School) -> list[object]:
    # Names of people are for signed-in users only, as on the pages.
    headteacher = (
        school.headteacher.display_name
        if school.headteacher and request.user.is_authenticated
        else ""
    )
    inspected = school.ofsted_inspection_date
    return [
        school.urn,
        school.laestab,
        school.name,
        school.get_phase_display(),
        school.get_establishment_type_display(),
        school.get_status_display(),
        school.address_line1,
        school.address_line2,
        school.address_line3,
        school.town,
        school.local_authority,
        school.postcode,
        school.telephone.as_national if school.telephone else "",
        school.email,
        school.website,
        headteacher,
        school.statutory_low_age,
        school.statutory_high_age,
        school.pupils_on_roll,
        school.capacity,
        school.fsm_percent,
        school.eal_percent,
        inspected.isoformat() if inspected else "",
        school.ofsted_outcome,
        # An old grade only with its date.
        school.get_ofsted_grade_display() if school.has_single_word_grade else "",
        school.ofsted_report_url,
        school.get_designation_display() if school.designation else "",
        request.build_absolute_uri(school.get_absolute_url()),
    ]


@require_GET
def school_export(request: HttpRequest) -> StreamingHttpResponse:
    """The directory as filtered and sorted, every page of it, as CSV (UTF-8 with BOM).

    Streamed in chunks from one query with the headteacher joined, whatever the number of rows.
    """
    filterset = SchoolFilter(
        request.GET,
        queryset=School.objects.visible_to(request.user).for_export(),
        request=request,
    )
    rows = (_export_row(request, school) for school in filterset.qs.iterator(chunk_size=2000))
    filename = f"schools-{timezone.localdate().isoformat()}.csv"
    security_log(
        kind="export",
        user=request.user,
        request=request,
        what="schools",
        query=request.GET.urlencode(),
    )
    return csv_response(filename=filename, header=EXPORT_HEADER, rows=rows)
