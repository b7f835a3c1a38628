"""Two people editing the same profile: the second save is refused, never a silent overwrite."""

from django.test import Client

from schools.models import School
from tests.schools.helpers import edit_data


def edit_url(school: School) -> str:
    return f"/schools/{school.slug}/edit/"


def test_second_concurrent_save_is_refused_with_what_changed(head, editor, school):
    # Both open the form at version 1.
    head_form = edit_data(school)
    editor_form = edit_data(school)

    first = head.post(edit_url(school), {**head_form, "website": "https://north.example"})
    assert first.status_code == 302

    second = editor.post(edit_url(school), {**editor_form, "website": "https://south.example"})
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else saved this profile while you were editing it" in html
    assert "Your changes have not been saved" in html
    assert "It was saved by the headteacher" in html
    conflict = second.context["conflict"]
    assert [(c.label, c.theirs, c.yours) for c in conflict.fields] == [
        ("Website", "https://north.example", "https://south.example")
    ]
    assert (
        '<th scope="row">Website</th><td data-label="Their value (saved now)">'
        'https://north.example</td><td data-label="Your value">https://south.example</td>'
    ) in html
    school.refresh_from_db()
    assert school.website == "https://north.example"
    assert school.version == 2


def test_refused_form_keeps_your_values_and_a_second_save_is_deliberate(head, editor, school):
    stale = edit_data(school)
    head.post(edit_url(school), {**edit_data(school), "ethos": "Theirs."})

    refused = editor.post(edit_url(school), {**stale, "ethos": "Mine."})
    assert refused.status_code == 409
    form = refused.context["form"]
    assert form["ethos"].value() == "Mine."
    assert form["version"].value() == "2"

    # Having seen their change, the editor saves again on top of version 2.
    again = editor.post(edit_url(school), {**stale, "ethos": "Mine.", "version": "2"})
    assert again.status_code == 302
    school.refresh_from_db()
    assert school.ethos == "Mine."
    assert school.version == 3


def test_conflict_lists_only_the_fields_the_other_person_changed(head, editor, school):
    stale = edit_data(school)
    head.post(
        edit_url(school),
        {**edit_data(school), "website": "https://north.example", "eal_percent": "12.5"},
    )
    refused = editor.post(edit_url(school), {**stale, "ethos": "Ours."})
    assert refused.status_code == 409
    labels = {c.label: (c.theirs, c.yours) for c in refused.context["conflict"].fields}
    assert labels == {
        "Website": ("https://north.example", "(empty)"),
        "Pupils with English as an additional language (%)": ("12.5", "(empty)"),
    }
    school.refresh_from_db()
    assert school.ethos == ""


def test_a_save_in_django_admin_also_refuses_a_stale_portal_save(admin, head, school):
    stale = edit_data(school)
    admin_client: Client = admin
    response = admin_client.post(
        f"/admin/schools/school/{school.pk}/change/",
        {
            "name": school.name,
            "slug": school.slug,
            "is_published": "on",
            "phase": school.phase,
            "status": school.status,
            "town": "Adminbridge",
            "designation": "",
            "establishment_type": school.establishment_type,
            "postcode": school.postcode,
            "local_authority": school.local_authority,
            "urn": school.urn,
            "headteacher": str(head.person.pk),
            # The school's partnerships inline: none to change.
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    refused = head.post(edit_url(school), {**stale, "ethos": "Headbridge"})
    assert refused.status_code == 409
    school.refresh_from_db()
    assert school.town == "Adminbridge"
