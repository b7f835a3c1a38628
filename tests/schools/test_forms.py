"""The profile form normalises what people type."""

from schools.forms import SchoolForm


def test_the_form_holds_only_what_the_school_owns(school):
    """Contacts and the school's own words; the register's facts are not on the form."""
    form = SchoolForm(instance=school, can_manage=True)
    assert set(form.fields) == {
        "telephone", "email", "website", "ethos", "alliance_offer", "logo", "designation",
        "eal_percent", "headteacher", "editors", "is_published", "version",
    }  # fmt: skip


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
