"""Finding resources: who sees what, search and filters, and a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import Sharing
from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    PinFactory,
    ResourceFactory,
    SpecialismFactory,
    TagFactory,
    UseFactory,
)

LIST = "/resources/"


def test_anonymous_is_sent_to_sign_in(anonymous, shared):
    response = anonymous.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_members_see_alliance_wide_resources(outsider, shared):
    html = outsider.get(LIST).content.decode()
    assert "Fractions on a number line" in html
    assert "Abbeyfield Primary School" in html


def test_partnership_resources_are_seen_only_by_its_member_schools(staff, outsider, private):
    assert "Moderation notes" in staff.get(LIST).content.decode()
    assert "Moderation notes" not in outsider.get(LIST).content.decode()


def test_a_school_that_left_the_partnership_no_longer_sees_its_resources(outsider, private):
    import datetime

    MembershipFactory(
        school=outsider.person.school,
        partnership=private.partnership,
        left_on=datetime.date(2024, 7, 31),
    )
    assert "Moderation notes" not in outsider.get(LIST).content.decode()


def test_search_finds_words_in_title_summary_and_tags(staff, shared):
    ResourceFactory(title="Phonics phase 3 games", summary="Sound games for Reception.")
    shared.tags.add(TagFactory(name="number line"))
    html = staff.get(LIST, {"q": "number"}).content.decode()
    assert "Fractions on a number line" in html and "Phonics" not in html
    html = staff.get(LIST, {"q": "reception"}).content.decode()
    assert "Phonics phase 3 games" in html and "Fractions" not in html


def test_a_search_of_eight_words_joins_no_tags_per_word(staff, shared):
    """Each word may be found anywhere (one in a tag, another in the title), and the tags are
    read in a subquery per word: a join per word had PostgreSQL spend seconds planning."""
    shared.tags.add(TagFactory(name="reasoning"))
    with CaptureQueriesContext(connection) as queries:
        html = staff.get(LIST, {"q": "number REASONING " + "line " * 6}).content.decode()
    assert "Fractions on a number line" in html
    count = next(query["sql"] for query in queries if "COUNT(" in query["sql"])
    assert 'JOIN "resources_resource_tags"' not in count


def test_filters_narrow_the_list_and_can_be_removed(staff, shared):
    maths = SpecialismFactory(name="Maths", slug="maths")
    shared.specialism = maths
    shared.key_stage = "ks2"
    shared.save()
    ResourceFactory(title="Phonics phase 3 games", key_stage="eyfs")
    html = staff.get(LIST, {"specialism": maths.pk, "key_stage": "ks2"}).content.decode()
    assert "Fractions on a number line" in html and "Phonics" not in html
    assert "Showing 1-1 of 1 resource" in html
    assert "Clear filters" in html and f'href="?specialism={maths.pk}"' in html


def test_tag_filter_matches_normalised_tags(staff, shared):
    shared.tags.add(TagFactory(name="reasoning"))
    ResourceFactory(title="Other")
    html = staff.get(LIST, {"tag": " Reasoning "}).content.decode()
    assert "Fractions on a number line" in html and ">Other<" not in html


def test_group_filter_lists_pinned_resources(staff, shared):
    pin = PinFactory(resource=shared)
    ResourceFactory(title="Not pinned")
    html = staff.get(LIST, {"group": pin.group.pk}).content.decode()
    assert "Fractions on a number line" in html and "Not pinned" not in html


def test_use_count_is_shown(staff, shared):
    UseFactory.create_batch(3, resource=shared)
    assert "Used by 3." in staff.get(LIST).content.decode()


def test_an_unknown_filter_value_does_not_break_the_page(staff, shared):
    response = staff.get(LIST, {"phase": "nonsense", "specialism": "x"})
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 30])
def test_list_queries_do_not_grow_with_rows(staff, school, django_assert_num_queries, rows):
    """Source school, specialism and partnership are joined, tags prefetched in one query and
    uses counted in the row query: no query per resource."""
    partnership = PartnershipFactory()
    MembershipFactory(school=school, partnership=partnership)
    tag = TagFactory(name="fractions")
    for index in range(rows):
        resource = ResourceFactory(
            source_school=school,
            specialism=SpecialismFactory(name=f"S{index}", slug=f"s{index}"),
            sharing=Sharing.PARTNERSHIP if index % 2 else Sharing.ALLIANCE,
            partnership=partnership if index % 2 else None,
        )
        resource.tags.add(tag)
        UseFactory(resource=resource)
    with django_assert_num_queries(6):
        response = staff.get(LIST)
    assert response.status_code == 200


def test_a_group_id_no_database_holds_lists_resources_as_unfiltered(staff, shared):
    # Past SQLite's 64-bit integers: it used to reach the database as a number and fail there.
    response = staff.get(LIST, {"group": "99999999999999999999"})
    assert response.status_code == 200
    assert "Fractions on a number line" in response.content.decode()
