"""The profile form normalises what people type."""

from schools.forms import SchoolForm
from tests.schools.helpers import edit_data


def test_urn_spaces_are_removed_and_postcode_normalised(school):
    data = edit_data(school, urn=" 123 456 ", postcode="ec1a1bb")
    form = SchoolForm(data, instance=school, can_manage=True)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["urn"] == "123456"
    assert form.cleaned_data["postcode"] == "EC1A 1BB"


def test_editor_form_has_no_management_fields(school):
    form = SchoolForm(instance=school, can_manage=False)
    assert not {"headteacher", "editors", "is_published", "slug"} & set(form.fields)
    legends = [legend for legend, _ in form.sections()]
    assert "Who keeps this profile" not in legends


def test_headteacher_choices_are_the_schools_staff(school, other_school, head):
    form = SchoolForm(instance=school, can_manage=True)
    people = list(form.fields["headteacher"].queryset)
    assert head.person in people
    assert all(person.school_id == school.pk for person in people)
