"""school_update: one save, one history entry, refused when someone saved in between."""

import pytest

from schools.models import FactSource, School, UpdatedByRole
from schools.services import SchoolEditConflict, school_update
from tests.factories import PersonFactory


def test_update_saves_changes_bumps_the_version_and_marks_register_facts(head, school):
    changed = school_update(
        school=school,
        values={"website": "https://north.example", "ethos": "Curious.", "email": ""},
        expected_version=1,
        by=head.user,
    )
    assert changed == ["website", "ethos"]
    school.refresh_from_db()
    assert (school.website, school.ethos, school.version) == (
        "https://north.example",
        "Curious.",
        2,
    )
    assert school.updated_by_role == UpdatedByRole.HEADTEACHER
    assert school.school_set_fields == ["website"]
    assert school.fact_source("website") == FactSource.SCHOOL


@pytest.mark.parametrize("field", ["urn", "phase", "ofsted_grade", "town"])
def test_update_refuses_register_facts(head, school, field):
    with pytest.raises(ValueError, match="read-only"):
        school_update(school=school, values={field: "x"}, expected_version=1, by=head.user)
    school.refresh_from_db()
    assert school.version == 1


def test_update_without_changes_writes_nothing(head, school):
    before = school.history.count()
    assert (
        school_update(
            school=school, values={"ethos": school.ethos}, expected_version=1, by=head.user
        )
        == []
    )
    school.refresh_from_db()
    assert school.version == 1
    assert school.history.count() == before


def test_stale_version_is_refused_and_nothing_is_written(head, editor, school):
    school_update(school=school, values={"ethos": "Kind."}, expected_version=1, by=head.user)
    with pytest.raises(SchoolEditConflict) as refused:
        school_update(
            school=school, values={"ethos": "Gentle."}, expected_version=1, by=editor.user
        )
    assert refused.value.code == "edit_conflict"
    assert [(f.field, f.theirs, f.yours) for f in refused.value.fields] == [
        ("ethos", "Kind.", "Gentle.")
    ]
    school.refresh_from_db()
    assert (school.ethos, school.version) == ("Kind.", 2)


def test_the_version_check_holds_when_the_row_was_read_before_a_save(head, editor, school):
    # The editor's request read the school at version 1; the head saves before the editor's
    # write. The conditional UPDATE notices, whatever the editor's copy says.
    stale_copy = School.objects.get(pk=school.pk)
    school_update(school=school, values={"ethos": "Kind."}, expected_version=1, by=head.user)
    with pytest.raises(SchoolEditConflict):
        school_update(
            school=stale_copy, values={"ethos": "Gentle."}, expected_version=1, by=editor.user
        )


def test_editors_and_fields_are_one_history_entry(head, school):
    teacher = PersonFactory(school=school)
    before = school.history.count()
    school_update(
        school=school,
        values={"editors": [teacher], "eal_percent": 12},
        expected_version=1,
        by=head.user,
    )
    assert list(school.editors.all()) == [teacher]
    assert school.history.count() == before + 1
    latest = school.history.latest()
    assert latest.version == 2
    assert [row.person for row in latest.editors.all()] == [teacher]


def test_conflict_on_editors_shows_names(head, editor, school):
    teacher = PersonFactory(school=school, first_name="Tess", last_name="Teacher")
    school_update(school=school, values={"editors": [teacher]}, expected_version=1, by=head.user)
    with pytest.raises(SchoolEditConflict) as refused:
        school_update(school=school, values={"editors": []}, expected_version=1, by=head.user)
    assert [(f.label, f.theirs, f.yours) for f in refused.value.fields] == [
        ("Editors", "Tess Teacher", "(nobody)")
    ]
