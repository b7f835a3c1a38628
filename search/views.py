from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.lib.pagecache import public_page
from search.backends import exact_match, search
from search.models import Kind


@public_page
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """/search/?q=: the whole page, or only its results for htmx search-as-you-type."""
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    if query and not request.htmx:
        match = exact_match(query, request.user)
        if match is not None:
            return HttpResponseRedirect(match.url)
    results = search(query, user=request.user, kind=kind)
    context = {"query": query, "kind": kind, "kinds": Kind.choices, "results": results}
    template = "search/page.html#results" if request.htmx else "search/page.html"
    return render(request, template, context)
