"""`{% load formatting %}`: text that members write, shown as formatted text.

    {{ event.agenda|markdown }}      headings in the text start at h3, under the page's h2
    {{ group.description|markdown:2 }}   start at h2 (a section of the page with no heading)

The filter only calls alliance.lib.markdown.render, where the rules for what is safe live.
"""

from django import template

from alliance.lib.markdown import TOP_HEADING, plain_text, render

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text, top=TOP_HEADING):
    try:
        top = int(top)
    except (TypeError, ValueError):
        top = TOP_HEADING
    return render(text, top=top)


@register.filter(name="markdown_text")
def markdown_text_filter(text):
    """The words of a Markdown text without its markup (previews in lists)."""
    return plain_text(text)
