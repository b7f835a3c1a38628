"""Partials other apps' pages include: `{% load registers %}` then
`{% register_sources school %}` (which fact came from where) and
`{% schools_near_list school 5 %}` (schools within 5 km, nearest first)."""

from django import template

from registers.gias import REGISTER_FIELDS, as_text
from registers.models import RegisterLink, RegisterRecord
from schools.nearby import schools_near

register = template.Library()


@register.inclusion_tag("registers/_register_sources.html")
def register_sources(school) -> dict:
    """Each register-fed fact with its source. 2 queries: the record and the links."""
    record = RegisterRecord.objects.filter(school=school).first()
    facts = []
    for name in REGISTER_FIELDS:
        value = getattr(school, name)
        shown = as_text(value)
        if shown == "":
            continue
        from_register = record is not None and record.values.get(name) == shown
        display = getattr(school, f"get_{name}_display", None)
        facts.append(
            {
                "label": school._meta.get_field(name).verbose_name,
                "value": display() if display else shown,
                "source": "register" if from_register else "school",
            }
        )
    links = RegisterLink.objects.filter(predecessor=school) | RegisterLink.objects.filter(
        successor=school
    )
    links = links.select_related("predecessor", "successor")
    return {"school": school, "record": record, "facts": facts, "links": list(links)}


@register.inclusion_tag("registers/_schools_near.html")
def schools_near_list(school, km=5) -> dict:
    """Schools within `km` of `school`, nearest first: 1 query."""
    return {"school": school, "km": km, "nearby": schools_near(school, float(km))}
