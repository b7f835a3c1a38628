"""How a person's contacts are shown, everywhere a page lists them: one rule (the person's own
choice, people.rules.can_see_contacts), asked for the viewer of this request."""

from __future__ import annotations

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from alliance.lib.fragments import remembered
from people.rules import can_see_contacts

register = template.Library()


@register.simple_tag(takes_context=True)
def contacts_shown(context: template.Context, person) -> bool:
    """Whether this request's user may see `person`'s e-mail and telephone:
    `{% contacts_shown person as show %}`."""
    request = context.get("request")
    return request is not None and can_see_contacts(request.user, person)


NOT_SHARED = mark_safe('<span class="meta">Not shared</span>')


@register.simple_tag(takes_context=True)
def contact_links(context: template.Context, person) -> SafeString:
    """`person`'s e-mail and telephone as mailto:/tel: links, or "Not shared", for this
    request's user. The links are kept by the e-mail and number they show (formatting a
    number costs more than the rest of the row), the choice is made for every request."""
    if not contacts_shown(context, person):
        return NOT_SHARED
    telephone = person.__dict__.get("telephone", "")  # as stored, before it is parsed
    return remembered(
        ("people/_contact_links.html", person.email, str(telephone)),
        lambda: render_to_string("people/_contact_links.html", {"person": person}),
    )
