from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from alliance.lib.pagecache import public_page
from search.backends import exact_match, search
from search.models import Kind

HEADER_TARGET = "site-search-results"


@public_page
@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    """/search/?q=: the whole page, or for htmx only its results (the search page's, or the
    header box's list) with the count for the page's one status region.

    `as_typed=1` searches the words as typed, without correcting their spelling.
    """
    query = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    as_typed = request.GET.get("as_typed") == "1"
    if query and not request.htmx:
        match = exact_match(query, request.user)
        if match is not None:
            return HttpResponseRedirect(match.url)
    results = search(query, user=request.user, kind=kind, correct=not as_typed)
    context = {"query": query, "kind": kind, "kinds": Kind.choices, "results": results}
    if not request.htmx:
        template = "search/page.html"
    elif request.htmx.target == HEADER_TARGET:
        template = "search/page.html#header_results"
    else:
        template = "search/page.html#htmx_results"
    # The page and its htmx fragment share a URL: a browser must not answer one with the other.
    return patch_vary(render(request, template, context))


def patch_vary(response: HttpResponse) -> HttpResponse:
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response
