"""Links to rows' pages without resolving the URLconf once per row.

Django's `reverse()` walks the URL resolver on every call: some 40 microseconds on a 2-core
machine, and a list page links every row (twenty people, a month of events), which made it a
twentieth of the people directory's time. `reverse_row()` reverses a URL name once with
stand-in values, keeps the result as a template and fills it in for each row. The template is
kept per URLconf and script prefix, so it follows both as `reverse()` does; a value that is
not a plain number or slug goes through `reverse()` itself, which quotes it or refuses it.
"""

from __future__ import annotations

import re

from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")
_templates: dict[tuple, tuple[list[str], list[str]] | None] = {}


def _stand_in(index: int, value) -> str | int:
    # Numbers for int converters, words for slug and str ones; none can occur in a path.
    if isinstance(value, int):
        return 987654321012345 + index
    return f"zq{index}standinqz"


def _template(name: str, kwargs: dict) -> tuple[list[str], list[str]] | None:
    """The reversed URL cut at each stand-in: (texts between the values, the kwargs' order);
    None if a stand-in did not come out exactly once (a converter that rewrites its value)."""
    key = (get_urlconf(), get_script_prefix(), name, tuple((k, type(v)) for k, v in kwargs.items()))
    if key not in _templates:
        stand_ins = {k: _stand_in(i, v) for i, (k, v) in enumerate(kwargs.items())}
        try:
            url = reverse(name, kwargs=stand_ins)
        except NoReverseMatch:  # e.g. a number given as text for an int converter
            _templates[key] = None
            return None
        keys = {str(value): k for k, value in stand_ins.items()}
        parts = re.split("(" + "|".join(keys) + ")", url)
        order = [keys[part] for part in parts[1::2]]
        _templates[key] = (parts[::2], order) if sorted(order) == sorted(kwargs) else None
    return _templates[key]


def _plain(value) -> bool:
    if type(value) is int:
        return value >= 0
    return type(value) is str and _PLAIN.match(value) is not None


def reverse_row(name: str, **kwargs: int | str) -> str:
    """`reverse(name, kwargs=kwargs)`, for the links of a list's rows."""
    template = None
    for value in kwargs.values():
        if not _plain(value):
            break
    else:
        template = _template(name, kwargs)
    if template is None:
        return reverse(name, kwargs=kwargs)
    texts, order = template
    if len(order) == 1:
        return f"{texts[0]}{kwargs[order[0]]}{texts[1]}"
    pieces = [texts[0]]
    for key, text in zip(order, texts[1:], strict=True):
        pieces += [str(kwargs[key]), text]
    return "".join(pieces)
