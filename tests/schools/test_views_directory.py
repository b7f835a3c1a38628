"""The school directory: filter, search, sort and page, with the filters kept in the URL."""

import re

import pytest

from schools.models import Designation, EstablishmentType, OfstedGrade, Phase
from tests.factories import MembershipFactory, PartnershipFactory, SchoolFactory


def names(response) -> list[str]:
    return [school.name for school in response.context["schools"]]


@pytest.fixture
def schools(db):
    return {
        "abbey": SchoolFactory(
            name="Abbey Primary",
            urn="100001",
            postcode="EB1 1AA",
            town="Eastbridge",
            local_authority="Eastshire",
            pupils_on_roll=210,
        ),
        "brook": SchoolFactory(
            name="Brook High",
            urn="100002",
            phase=Phase.SECONDARY,
            establishment_type=EstablishmentType.ACADEMY_CONVERTER,
            postcode="EB2 3CD",
            town="Westbridge",
            local_authority="Westshire",
            pupils_on_roll=1100,
            ofsted_grade=OfstedGrade.GOOD,
            designation=Designation.TEACHING_SCHOOL_HUB,
        ),
        "castle": SchoolFactory(
            name="Castle Infants",
            urn="100003",
            postcode="EB12 9ZZ",
            town="Eastbridge",
            local_authority="Eastshire",
            pupils_on_roll=None,
        ),
    }


def test_lists_every_school_by_name(anonymous, schools):
    response = anonymous.get("/schools/")
    assert response.status_code == 200
    assert names(response) == ["Abbey Primary", "Brook High", "Castle Infants"]
    assert (
        '<p id="result-count" class="result-count" role="status" tabindex="-1">'
        "Showing 1-3 of 3 schools</p>" in (response.content.decode())
    )


def test_public_sees_only_published_schools(anonymous, staff, schools):
    SchoolFactory(name="Hidden School", is_published=False)
    assert "Hidden School" not in names(anonymous.get("/schools/"))
    assert "Hidden School" in names(staff.get("/schools/"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("phase=secondary", ["Brook High"]),
        ("establishment_type=academy_converter", ["Brook High"]),
        ("local_authority=Eastshire", ["Abbey Primary", "Castle Infants"]),
        ("town=east", ["Abbey Primary", "Castle Infants"]),
        ("ofsted_grade=good", ["Brook High"]),
        ("designation=teaching_school_hub", ["Brook High"]),
        ("q=castle", ["Castle Infants"]),
        ("q=westbr", ["Brook High"]),  # the town, typed in part
        ("q=bridge", ["Abbey Primary", "Brook High", "Castle Infants"]),
        ("q=100002", ["Brook High"]),
        ("q=eb23cd", ["Brook High"]),
        ("q=EB1", ["Abbey Primary"]),
        ("q=eb12+9zz", ["Castle Infants"]),
        ("phase=primary&town=Eastbridge&q=abbey", ["Abbey Primary"]),
    ],
)
def test_filters_and_search(anonymous, schools, query, expected):
    assert names(anonymous.get(f"/schools/?{query}")) == expected


def test_partnership_filter_lists_current_members_once(anonymous, schools):
    partnership = PartnershipFactory(name="North Cluster", slug="north-cluster")
    MembershipFactory(school=schools["abbey"], partnership=partnership)
    MembershipFactory(
        school=schools["abbey"],
        partnership=partnership,
        joined_on="2017-09-01",
        left_on="2019-07-20",
    )  # an old membership (before the current one: PostgreSQL refuses overlaps) is not a twin
    MembershipFactory(school=schools["brook"], partnership=partnership, left_on="2021-07-20")
    response = anonymous.get("/schools/?partnership=north-cluster")
    assert names(response) == ["Abbey Primary"]


def test_partnership_is_typed_in_and_finds_by_part_of_its_name(anonymous, schools):
    partnership = PartnershipFactory(name="North Cluster", slug="north-cluster")
    MembershipFactory(school=schools["abbey"], partnership=partnership)
    other = PartnershipFactory(name="Northgate Trust", slug="northgate")
    MembershipFactory(school=schools["brook"], partnership=other)
    assert names(anonymous.get("/schools/?partnership=cluster")) == ["Abbey Primary"]
    # Part of a name may name several partnerships: their members together.
    assert names(anonymous.get("/schools/?partnership=north")) == ["Abbey Primary", "Brook High"]
    html = anonymous.get("/schools/?partnership=cluster").content.decode()
    assert "<option" not in html.split('id="id_partnership"')[1].split(">")[0]
    assert "Partnership: cluster" in " ".join(html.split())


def test_partnership_filter_keeps_unpublished_partnerships_from_the_public(
    anonymous, staff, schools
):
    private = PartnershipFactory(name="Private Trust", slug="private-trust", is_published=False)
    MembershipFactory(school=schools["abbey"], partnership=private)
    assert names(anonymous.get("/schools/?partnership=private")) == []
    assert names(staff.get("/schools/?partnership=private")) == ["Abbey Primary"]


def test_no_filter_lists_every_partnership_or_authority(anonymous, schools):
    """A national directory would otherwise send thousands of options with every page."""
    for n in range(30):
        PartnershipFactory(name=f"Partnership {n}")
    html = anonymous.get("/schools/").content.decode()
    assert "Partnership 7" not in html
    assert "Westshire" not in html.split("<table")[0]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("name", ["Abbey Primary", "Brook High", "Castle Infants"]),
        ("-name", ["Castle Infants", "Brook High", "Abbey Primary"]),
        ("town", ["Abbey Primary", "Castle Infants", "Brook High"]),
        ("pupils", ["Abbey Primary", "Brook High", "Castle Infants"]),
        ("-pupils", ["Brook High", "Abbey Primary", "Castle Infants"]),
    ],
)
def test_sort(anonymous, schools, sort, expected):
    assert names(anonymous.get(f"/schools/?sort={sort}")) == expected


def test_there_is_no_sort_by_ofsted_grade(anonymous, schools):
    response = anonymous.get("/schools/?sort=ofsted_grade")
    assert response.status_code == 200
    assert names(response) == ["Abbey Primary", "Brook High", "Castle Infants"]
    assert "ofsted" not in str(response.context["filter"].form.fields["sort"].choices).lower()


def test_pagination_keeps_the_filters(anonymous, db):
    SchoolFactory.create_batch(45, phase=Phase.PRIMARY)
    SchoolFactory.create_batch(3, phase=Phase.SECONDARY)
    response = anonymous.get("/schools/?phase=primary&page=2")
    html = response.content.decode()
    assert "Showing 21-40 of 45 schools" in html
    assert 'href="?phase=primary&amp;page=3#result-count" rel="next"' in html
    assert 'href="?phase=primary&amp;page=1#result-count" rel="prev"' in html
    assert len(names(response)) == 20


def test_filter_tags_remove_one_filter_each_and_clear_all(anonymous, schools):
    html = anonymous.get("/schools/?phase=primary&town=East&page=2&sort=-name").content.decode()
    assert 'href="?town=East&amp;sort=-name#result-count" class="filter-tag">Phase: Primary' in html
    assert 'href="?phase=primary&amp;sort=-name#result-count" class="filter-tag">Town: East' in html
    assert '<a href="/schools/#result-count">Clear filters</a>' in html


def test_empty_result_explains_what_to_do(anonymous, schools):
    html = anonymous.get("/schools/?q=nowhere").content.decode()
    assert (
        '<p id="result-count" class="result-count" role="status" tabindex="-1">No schools found</p>'
        in html
    )
    assert "No school matches this filter." in html
    assert "clear filters</a> to see every school" in html


def test_empty_directory_tells_an_admin_how_to_add_a_school(admin):
    html = admin.get("/schools/").content.decode()
    assert "There are no schools in the directory yet." in html
    assert "/admin/schools/school/add/" in html


def test_invalid_filter_value_is_ignored_not_an_error(anonymous, schools):
    response = anonymous.get("/schools/?phase=wizardry&page=abc")
    assert response.status_code == 200
    assert len(names(response)) == 3


def test_export_link_carries_the_filters(anonymous, schools):
    html = anonymous.get("/schools/?phase=secondary&page=1").content.decode()
    assert 'href="/schools/export.csv?phase=secondary" download' in html


def test_directory_refuses_post(staff, db):
    assert staff.post("/schools/").status_code == 405


def test_directory_queries_do_not_grow_with_rows(staff, monkeypatch, django_assert_num_queries):
    """Prevents an N+1 per row (a deferred field or a relation read in the table): session,
    user, count, rows, whether 1 or 30 rows are shown (no query fills a filter's menu)."""
    monkeypatch.setattr("schools.views.directory.PAGE_SIZE", 50)
    with django_assert_num_queries(4):
        response = staff.get("/schools/?phase=primary&sort=-pupils")
    assert len(response.context["schools"]) == 1  # the persona's school
    SchoolFactory.create_batch(29, local_authority="Eastshire", pupils_on_roll=100)
    with django_assert_num_queries(4):
        response = staff.get("/schools/?phase=primary&sort=-pupils")
    assert len(response.context["schools"]) == 30


def test_directory_rows_link_to_school_pages(anonymous, schools):
    html = anonymous.get("/schools/").content.decode()
    assert re.search(r'<th scope="row"><a href="/schools/abbey-primary/">Abbey Primary</a>', html)


def test_typing_in_the_search_box_returns_only_the_results(anonymous, schools):
    response = anonymous.get("/schools/?q=castle", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="results">')
    assert ">Castle Infants</a>" in html
    # The count is swapped into the page's live region, so screen readers announce it.
    assert '<p id="result-count" hx-swap-oob="innerHTML">Showing 1-1 of 1 school</p>' in html
    assert "HX-Request" in response["Vary"]


def test_going_back_in_history_gets_the_whole_page(anonymous, schools):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    html = anonymous.get("/schools/?q=castle", headers=headers).content.decode()
    assert "<html" in html


def test_search_works_without_javascript(anonymous, schools):
    html = anonymous.get("/schools/?q=castle").content.decode()
    assert '<form method="get" action="/schools/"' in html
    assert '<input type="search" name="q" value="castle"' in html
    assert "/static/django_htmx/htmx-2.min.js" in html


def test_links_leave_out_empty_filters(anonymous, db):
    SchoolFactory.create_batch(25)
    html = anonymous.get("/schools/?q=&phase=primary&town=&sort=name").content.decode()
    assert 'href="?phase=primary&amp;sort=name&amp;page=2#result-count" rel="next"' in html
    assert 'href="/schools/export.csv?phase=primary&amp;sort=name"' in html


def test_directory_caps_its_count_at_national_scale(staff, settings, monkeypatch):
    """Beyond the cap the page says "N+" and never counts or pages over every school."""
    import alliance.lib.paging as paging
    from tests.factories import SchoolFactory

    monkeypatch.setattr(paging, "DEFAULT_CAP", 25)
    monkeypatch.setattr(
        paging.CappedPaginator.__init__,
        "__kwdefaults__",
        {**paging.CappedPaginator.__init__.__kwdefaults__, "cap": 25},
    )
    SchoolFactory.create_batch(30)
    html = staff.get("/schools/").content.decode()
    assert "of 25+ schools" in html
    last = staff.get("/schools/", {"page": 99})
    assert last.context["page_obj"].number == 2
    assert len(last.context["schools"]) == 5
