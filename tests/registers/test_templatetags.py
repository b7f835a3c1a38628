"""The school page's "which is which" partial: register facts and the school's own."""

import pytest
from django.template import Context, Template

from registers.importer import import_register
from registers.links import import_links
from schools.models import School
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db
TEMPLATE = Template("{% load registers %}{% register_sources school %}")


def rows(html: str) -> dict[str, str]:
    import re

    found = re.findall(
        r'<th scope="row">(.*?)</th><td data-label="Value">(.*?)</td>'
        r'<td data-label="Source">(.*?)</td>',
        html,
    )
    return {label: source for label, _value, source in found}


def test_register_facts_and_the_schools_own_are_told_apart(sample_text):
    import_register(text=sample_text(), dry_run=False)
    school = School.objects.get(urn="990001")
    school.website = "https://abbey-fields.example.org/"
    school.save()
    html = TEMPLATE.render(Context({"school": school}))
    sources = rows(html)
    assert sources["Website"] == "The school"
    assert sources["Name"] == "Public register"
    assert sources["Postcode"] == "Public register"
    assert "last changed there on 2 October 2025" in html


def test_history_links_show_on_both_schools(sample_text, links_text, django_assert_num_queries):
    """Two queries (record, links with both schools) however many links there are."""
    import_register(text=sample_text(), dry_run=False)
    import_links(text=links_text(), dry_run=False)
    academy = School.objects.get(urn="990005")
    with django_assert_num_queries(2):
        html = TEMPLATE.render(Context({"school": academy}))
    assert "Succeeded <a" in html and "Elmridge School</a> on 1 September 2019" in html
    html = TEMPLATE.render(Context({"school": School.objects.get(urn="990104")}))
    assert "Succeeded by <a" in html and "Elmridge Academy</a>" in html


def test_school_not_from_the_register_says_so():
    html = TEMPLATE.render(Context({"school": SchoolFactory(name="Portal School")}))
    assert "not linked to the public register yet" in html
    assert rows(html)["Name"] == "The school"
