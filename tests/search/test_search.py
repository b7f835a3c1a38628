"""The global search: ranked, typo-tolerant, within each user's rights, current on save."""

import pytest
from django.utils import timezone

from people.models import ContactVisibility
from search.models import SearchDocument
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    PersonFactory,
    RoleAssignmentFactory,
    RoleTypeFactory,
    SchoolFactory,
    SpecialismFactory,
)


@pytest.fixture
def alliance(school, partnership):
    """A maths SLE at `school`, a second school, a group and an event."""
    sle = RoleTypeFactory(name="Specialist Leader of Education", abbreviation="SLE")
    maths = SpecialismFactory(name="Maths")
    teacher = PersonFactory(
        school=school,
        first_name="Priya",
        last_name="Marsden",
        email="priya.marsden@abbeyfield.example.org",
        contact_visibility=ContactVisibility.ADMINS,
    )
    RoleAssignmentFactory(person=teacher, role_type=sle, specialism=maths)
    stockport = SchoolFactory(
        name="Stockport Road Primary", town="Stockport", urn="987654", postcode="SK4 1AA"
    )
    group = NetworkGroupFactory(partnership=partnership, name="SEND network", slug="send")
    EventFactory(title="Moderation afternoon", host_school=school, partnership=partnership)
    return {"teacher": teacher, "stockport": stockport, "group": group}


def titles(response) -> list[str]:
    return [doc.title for doc in response.context["results"].documents]


def test_finds_a_school_by_a_partial_word(anonymous, alliance):
    response = anonymous.get("/search/", {"q": "Stockp"})
    assert response.status_code == 200
    assert "Stockport Road Primary" in titles(response)


def test_finds_a_person_by_role_and_specialism_despite_a_typo(staff, alliance):
    response = staff.get("/search/", {"q": "mathss"})
    assert "Priya Marsden" in titles(response)
    response = staff.get("/search/", {"q": "SLE maths"})
    assert titles(response)[0] == "Priya Marsden"


def test_finds_groups_partnerships_and_events(staff, alliance):
    assert "SEND network" in titles(staff.get("/search/", {"q": "send"}))
    assert "Testbridge Alliance" in titles(staff.get("/search/", {"q": "testbridge alliance"}))
    assert "Moderation afternoon" in titles(staff.get("/search/", {"q": "moderation"}))


def test_urn_typed_alone_goes_straight_to_the_school(anonymous, alliance):
    response = anonymous.get("/search/", {"q": "987654"})
    assert response.status_code == 302
    assert response["Location"] == alliance["stockport"].get_absolute_url()


def test_postcode_typed_alone_goes_straight_to_the_school(anonymous, alliance):
    response = anonymous.get("/search/", {"q": "sk4 1aa"})
    assert response.status_code == 302
    assert response["Location"] == alliance["stockport"].get_absolute_url()


def test_postcode_shared_by_two_schools_lists_both(anonymous, alliance):
    SchoolFactory(name="Stockport Road Infants", postcode="SK4 1AA")
    response = anonymous.get("/search/", {"q": "SK4 1AA"})
    assert response.status_code == 200
    assert {"Stockport Road Primary", "Stockport Road Infants"} <= set(titles(response))


def test_public_never_finds_people_or_unpublished_things(anonymous, alliance):
    SchoolFactory(name="Hidden Vale School", is_published=False)
    assert titles(anonymous.get("/search/", {"q": "Priya"})) == []
    assert titles(anonymous.get("/search/", {"q": "Hidden Vale"})) == []
    assert titles(anonymous.get("/search/", {"q": "maths", "kind": "person"})) == []


def test_hidden_contacts_are_neither_shown_nor_searchable(staff, alliance):
    response = staff.get("/search/", {"q": "Priya"})
    assert "priya.marsden@abbeyfield" not in response.content.decode()
    assert titles(staff.get("/search/", {"q": "priya.marsden@abbeyfield.example.org"})) == []
    assert not SearchDocument.objects.filter(text__contains="example.org").exists()


def test_index_follows_saves_roles_and_erasure(staff, alliance, school):
    school.name = "Abbeyfield Church Primary"
    school.save()
    assert "Abbeyfield Church Primary" in titles(staff.get("/search/", {"q": "church"}))

    newcomer = PersonFactory(school=school, first_name="Tobias", last_name="Quill")
    assert "Tobias Quill" not in titles(staff.get("/search/", {"q": "SENCo"}))
    RoleAssignmentFactory(person=newcomer, role_type=RoleTypeFactory(name="SENCo"))
    assert "Tobias Quill" in titles(staff.get("/search/", {"q": "senco"}))

    newcomer.erased_at = timezone.now()
    newcomer.save()
    assert titles(staff.get("/search/", {"q": "Quill"})) == []


def test_htmx_request_gets_only_the_results(staff, alliance):
    """The results, and the count for the page's status region: a status region of its own
    in every answer would be a new region at each keystroke, which screen readers ignore."""
    response = staff.get("/search/", {"q": "Stockp"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Stockport Road Primary" in html
    assert 'role="status"' not in html
    assert '<p id="search-status" hx-swap-oob="innerHTML">1 result</p>' in html
    assert "HX-Request" in response["Vary"]


def test_plain_form_works_without_javascript(anonymous, alliance):
    html = anonymous.get("/").content.decode()
    assert 'action="/search/"' in html and 'name="q"' in html
    response = anonymous.get("/search/", {"q": "Stockport"})
    assert "<html" in response.content.decode()
    assert "Stockport Road Primary" in response.content.decode()


def test_empty_and_unmatched_queries_are_answered_helpfully(anonymous, db):
    assert anonymous.get("/search/").status_code == 200
    html = anonymous.get("/search/", {"q": "zzzqqq"}).content.decode()
    assert "Nothing found" in html
    assert anonymous.get("/search/", {"q": "%%%' OR 1=1 --"}).status_code == 200


def test_query_count_does_not_grow_with_results(staff, django_assert_num_queries, school):
    """One query for the results whatever their number (plus session and user; on
    PostgreSQL one more for the indexed words the typed word begins)."""
    expected = 4 if _postgres() else 3
    SchoolFactory(name="Ashgrove Primary")
    staff.get("/search/", {"q": "primary"})  # warm the session
    with django_assert_num_queries(expected):
        one = staff.get("/search/", {"q": "ashgrove"})
    assert len(titles(one)) == 1
    for n in range(30):
        SchoolFactory(name=f"Ashgrove Academy {n}")
    with django_assert_num_queries(expected):
        many = staff.get("/search/", {"q": "ashgrove"})
    assert len(titles(many)) == 20
    assert many.context["results"].has_more


def _postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def test_reindex_rebuilds_everything(db, alliance):
    from django.core.management import call_command

    SearchDocument.objects.all().delete()
    call_command("search_reindex", stdout=__import__("io").StringIO())
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == {"school", "person", "partnership", "group", "event"}


def test_unpublished_partnership_hides_its_groups_from_the_public(anonymous, db):
    hidden = PartnershipFactory(name="Quiet Cluster", is_published=False)
    NetworkGroupFactory(partnership=hidden, name="Quiet SEND group", slug="quiet")
    assert titles(anonymous.get("/search/", {"q": "quiet"})) == []


def test_every_word_may_be_typed_in_part(anonymous, alliance):
    assert "Stockport Road Primary" in titles(anonymous.get("/search/", {"q": "stockp roa"}))


def test_a_word_begun_by_many_indexed_words_still_finds_them_all(staff, db):
    """Past the completions named in the query, the prefix itself does the matching."""
    for n in range(25):
        SchoolFactory(name=f"Woodland{chr(ord('a') + n)} Primary")
    results = staff.get("/search/", {"q": "woodla"}).context["results"]
    assert len(results.documents) == 20
    assert results.has_more


@pytest.mark.skipif(not _postgres(), reason="ranking: PostgreSQL (CI runs it)")
def test_the_best_match_comes_first_and_equal_matches_by_name(anonymous, db):
    """Ranked among the candidates: a school named for the word before the schools in the
    town of that name, made first; equal matches by title, then as made."""
    for n in range(25):
        SchoolFactory(name=f"Hollin Lane School {n:02}", town="Ashgrove")
    SchoolFactory(name="Ashgrove Academy", town="Leeds")
    found = titles(anonymous.get("/search/", {"q": "ashgrove"}))
    assert found[0] == "Ashgrove Academy"
    assert found[1:] == [f"Hollin Lane School {n:02}" for n in range(19)]


@pytest.mark.skipif(not _postgres(), reason="partial GIN index: PostgreSQL (CI runs it)")
def test_a_visitors_search_can_read_the_public_documents_index(db):
    """Visitors never find people, so their searches need not recheck the people's documents:
    the search's own conditions match the partial index's (search migration 0005). The index
    over every document is set aside for the test (the transaction rolls it back): on a nearly
    empty table the planner may take either, and only the partial one proves the match."""
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from search.backends import visible_documents

    query = SearchQuery("maths", search_type="raw", config="simple")
    public = visible_documents(AnonymousUser()).filter(search_vector=query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("DROP INDEX search_document_vector_gin")
    assert "search_public_vector_gin" in public.explain()
