"""HTML fragments that are the same for every viewer, remembered by exactly what they show.

A list page renders its rows and its filter form again and again from the same values: the
Django template language spends most of a directory page's time on them. A fragment here is
rendered from plain values (a row's columns as the page read them, the filters as typed) and
remembered under those values, so:

- a changed row or a newly typed filter is a new key: nothing is ever stale, and nothing
  needs invalidating;
- nothing about who is looking can enter a fragment: its template sees the values of its key
  and nothing else (no request, no user). What differs by viewer (a person's contacts, an
  edit button) is rendered around the fragment, for the request, every time.

Each process keeps the FRAGMENTS_KEPT most recently used fragments (about 1 KB each).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

FRAGMENTS_KEPT = 20_000

_kept: OrderedDict[tuple, SafeString] = OrderedDict()
_lock = threading.Lock()


def remembered(key: tuple[Hashable, ...], render: Callable[[], str]) -> SafeString:
    """`render()`'s HTML, remembered under `key`: a tuple of exactly what it shows (and which
    fragment it is), plain hashable values."""
    with _lock:
        html = _kept.get(key)
        if html is not None:
            _kept.move_to_end(key)
            return html
    html = mark_safe(render())
    with _lock:
        _kept[key] = html
        if len(_kept) > FRAGMENTS_KEPT:
            _kept.popitem(last=False)
    return html


def values_html(template_name: str, values: dict[str, Hashable]) -> SafeString:
    """`template_name` rendered with `row`, the dict `values` and nothing else."""
    key = (template_name, *values.items())
    return remembered(key, lambda: get_template(template_name).render({"row": values}))


def row_html(template_name: str, fields: tuple[str, ...], row) -> SafeString:
    """A list row rendered by `template_name` from `fields` of `row` alone: the template gets
    `row` as a dict of those fields (a field's label, `<field>_label`, comes with a
    `get_<field>_display`), so it can show nothing its key does not hold."""
    values = tuple(getattr(row, name) for name in fields)

    def render() -> str:
        context = dict(zip(fields, values, strict=True))
        for name in fields:
            display = getattr(row, f"get_{name}_display", None)
            if display is not None:
                context[f"{name}_label"] = display()
        return get_template(template_name).render({"row": context})

    return remembered((template_name, *values), render)


def form_html(template_name: str, form, *versions: Hashable) -> SafeString:
    """A filter form rendered by `template_name` (as `form`), remembered by the values typed in
    its fields and `versions` (what else it shows: its menus' vocabulary, say). Static choices
    need no version: they are the same in every request of a release."""
    data = form.data if form.is_bound else {}
    typed = tuple(
        (name, tuple(data.getlist(name)) if hasattr(data, "getlist") else data.get(name))
        for name in form.fields
    )
    key = (template_name, type(form).__qualname__, typed, *versions)
    return remembered(key, lambda: get_template(template_name).render({"form": form}))


def clear() -> None:
    """Forget every fragment (tests)."""
    with _lock:
        _kept.clear()
