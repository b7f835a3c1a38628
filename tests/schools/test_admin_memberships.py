"""A school's partnerships on its admin change page, and memberships found by the school's URN."""

import datetime

from partnerships.models import Membership
from tests.factories import MembershipFactory, PartnershipFactory, SchoolFactory


def _as_posted(response) -> dict:
    """The admin change form and its inlines as the browser would send them back unchanged."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or value == "" or name == "logo":
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list):
                value = [str(item) for item in value]
            data[form.add_prefix(name)] = value if isinstance(value, list) else str(value)
    return data


def change_url(school) -> str:
    return f"/admin/schools/school/{school.pk}/change/"


def test_school_change_page_lists_its_memberships(admin, school, partnership):
    response = admin.get(change_url(school))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Partnerships (memberships)" in html
    inline = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.partnership for form in inline.forms] == [partnership]


def test_school_change_page_adds_a_membership(admin, school, partnership):
    other = PartnershipFactory(name="Riverside Cluster")
    data = _as_posted(admin.get(change_url(school)))
    data |= {
        "memberships-TOTAL_FORMS": "2",
        "memberships-1-partnership": str(other.pk),
        "memberships-1-role": "member",
        "memberships-1-joined_on": "2025-09-01",
        "memberships-1-hosts_meetings": "on",
    }
    response = admin.post(change_url(school), data)
    assert response.status_code == 302, response.context["errors"]
    added = Membership.objects.get(school=school, partnership=other)
    assert added.joined_on == datetime.date(2025, 9, 1)


def test_school_change_page_refuses_two_overlapping_rows(admin, school):
    other = PartnershipFactory(name="Riverside Cluster")
    data = _as_posted(admin.get(change_url(school)))
    first = int(data["memberships-TOTAL_FORMS"])
    data["memberships-TOTAL_FORMS"] = str(first + 2)
    for index, joined in ((first, "2020-09-01"), (first + 1, "2021-09-01")):
        data |= {
            f"memberships-{index}-partnership": str(other.pk),
            f"memberships-{index}-role": "member",
            f"memberships-{index}-joined_on": joined,
        }
    response = admin.post(change_url(school), data)
    assert response.status_code == 200
    assert "is already a member of Riverside Cluster" in response.content.decode()
    assert not Membership.objects.filter(partnership=other).exists()


def test_memberships_are_found_by_the_schools_urn(admin, partnership):
    wanted = MembershipFactory(
        school=SchoolFactory(name="Eastbridge Primary", urn="654321"), partnership=partnership
    )
    MembershipFactory(school=SchoolFactory(name="Westfield Primary", urn="123456"))
    response = admin.get("/admin/partnerships/membership/?q=654321")
    assert list(response.context["cl"].result_list) == [wanted]
    assert "Eastbridge Primary" in response.content.decode()
