"""Pages that answer htmx's requests with a part of themselves."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page_or_results(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """The whole page, or for search as you type (an htmx request) only its `htmx_results`
    partial: the results and, out of band, the announced count. Going back in the browser's
    history asks for the whole page again. Varies on HX-Request, so no cache serves one for
    the other."""
    fragment = request.htmx and not request.htmx.history_restore_request
    response = render(request, f"{template}#htmx_results" if fragment else template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
