"""How a person's contacts are shown, everywhere a page lists them: one rule (the person's own
choice, alliance.permissions.can_see_contacts), asked for the viewer of this request."""

from __future__ import annotations

from django import template

from alliance.permissions import can_see_contacts

register = template.Library()


@register.simple_tag(takes_context=True)
def contacts_shown(context: template.Context, person) -> bool:
    """Whether this request's user may see `person`'s e-mail and telephone:
    `{% contacts_shown person as show %}`."""
    request = context.get("request")
    return request is not None and can_see_contacts(request.user, person)


@register.inclusion_tag("people/_contact_links.html", takes_context=True)
def contact_links(context: template.Context, person) -> dict:
    """`person`'s e-mail and telephone as mailto:/tel: links, or "Not shared", for this
    request's user."""
    return {"person": person, "show": contacts_shown(context, person)}
