"""Formatted text that members write (agendas, minutes, descriptions): Markdown made safe.

markdown-it-py turns the Markdown into HTML, with raw HTML in the source shown as the text it
is; nh3 (the Rust sanitiser ammonia) then keeps only an allow-list of tags and attributes, so
what reaches the page cannot run script, load anything or carry a style attribute (the CSP
forbids inline styles). Headings are demoted so that a page keeps its one h1 and its own h2
sections: a "# Agenda" in the text becomes an h3 under the page's "Agenda" heading. Images
are shown as links to the picture: a picture from elsewhere would tell its server who reads
the page, and the CSP loads images from the portal only.

Rendering is a pure function of the text, the same for every viewer, so it is cached by the
text alone (`render` keeps the last few hundred in memory; a page renders a handful).
"""

from __future__ import annotations

import functools
import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

# Shown under every field that takes Markdown (plain text: help texts are escaped).
MARKDOWN_HELP = (
    "You can use Markdown: **bold**, *italic*, a line starting with - or 1. for a list, "
    "## for a heading and [link text](https://example.org) for a link."
)

# The top heading level a text's "#" becomes: the page's h1 is its title and h2 its sections.
TOP_HEADING = 3

_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "del",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_REL = "nofollow noopener"


def _parser() -> MarkdownIt:
    # CommonMark with tables and strikethrough; "breaks" keeps a single line break a line
    # break, as the texts written before Markdown (one agenda item a line) expect.
    md = MarkdownIt("commonmark", {"html": False, "breaks": True}).enable(
        ["table", "strikethrough"]
    )
    md.disable("image")
    return md


_MD = _parser()


def _demote(tokens, top: int) -> None:
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + top - 1, 6)
            token.tag = f"h{level}"


@functools.lru_cache(maxsize=512)
def _render(text: str, top: int) -> str:
    tokens = _MD.parse(text)
    _demote(tokens, top)
    html = _MD.renderer.render(tokens, _MD.options, {})
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


def render(text: str | None, *, top: int = TOP_HEADING) -> SafeString:
    """Markdown `text` as sanitised HTML, its headings starting at h`top` (2 to 6)."""
    if not text:
        return mark_safe("")
    top = min(max(top, 2), 6)
    return mark_safe(_render(str(text), top))  # noqa: S308 - cleaned by nh3 above


_TAG = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=512)
def plain_text(text: str | None) -> str:
    """The words of Markdown `text` without its markup, for search documents and previews.

    Raw HTML in the source is text to the parser (escaped in its output), so every tag in the
    output is one the parser made; each becomes a space, so that paragraphs keep apart."""
    if not text:
        return ""
    words = _TAG.sub(" ", _MD.render(str(text)))
    return " ".join(html.unescape(words).split())
