"""A school's support received and given, a leader's deployments, the partnership report."""

import csv
import datetime
import io

import pytest

from alliance.lib.csv import safe_cell
from tests.factories import (
    DeploymentFactory,
    SchoolFactory,
    SpecialismFactory,
    SupportRequestFactory,
    VisitFactory,
)


@pytest.fixture
def given(head, school, partnership, leader_school):
    """A teacher of `school` deployed to Castle Mead."""
    from tests.factories import PersonFactory

    return DeploymentFactory(
        system_leader=PersonFactory(school=school),
        supported_school=leader_school,
        partnership=partnership,
        specialism=SpecialismFactory(name="Reading", slug="reading"),
        focus="Phonics in Reception",
    )


# A school's support ---------------------------------------------------------------------------


def test_head_sees_support_received_and_given(head, school, deployment, given):
    html = head.get(f"/support/schools/{school.slug}/").content.decode()
    received_at = html.index("Support received")
    given_at = html.index("Support given")
    assert received_at < html.index("Fractions in Year 4") < given_at
    assert html.index("Phonics in Reception") > given_at


def test_coordinator_sees_a_member_schools_support(coordinator, school, deployment):
    assert coordinator.get(f"/support/schools/{school.slug}/").status_code == 200


@pytest.mark.parametrize("persona", ["staff", "outsider"])
def test_others_may_not_see_a_schools_support(request, persona, school, deployment):
    client = request.getfixturevalue(persona)
    assert client.get(f"/support/schools/{school.slug}/").status_code == 403


def test_anonymous_is_sent_to_sign_in_for_a_schools_support(anonymous, school):
    assert anonymous.get(f"/support/schools/{school.slug}/").status_code == 302


@pytest.mark.parametrize("rows", [1, 30])
def test_school_support_queries_do_not_grow_with_rows(
    head, school, partnership, maths, django_assert_num_queries, rows
):
    """Deployment rows bring their leader, schools and time given in the one list query."""
    for _ in range(rows):
        SupportRequestFactory(school=school, specialism=maths)
        DeploymentFactory(supported_school=school, partnership=partnership, specialism=maths)
        DeploymentFactory(system_leader__school=school, partnership=partnership, specialism=maths)
    with django_assert_num_queries(6):
        response = head.get(f"/support/schools/{school.slug}/")
    assert response.status_code == 200


# A leader's deployments -----------------------------------------------------------------------


def test_leader_sees_their_deployments_and_committed_days(leader, deployment):
    html = leader.get(f"/support/leaders/{leader.person.pk}/").content.decode()
    assert "Fractions in Year 4" in html
    assert "5 days agreed in current deployments" in html


def test_coordinator_sees_a_leaders_deployments(coordinator, leader, deployment):
    assert coordinator.get(f"/support/leaders/{leader.person.pk}/").status_code == 200


def test_outsider_may_not_see_a_leaders_deployments(outsider, leader, deployment):
    assert outsider.get(f"/support/leaders/{leader.person.pk}/").status_code == 403


@pytest.mark.parametrize("rows", [1, 30])
def test_leader_page_queries_do_not_grow_with_rows(
    leader, partnership, maths, django_assert_num_queries, rows
):
    """Each deployment's schools come with the list query."""
    for _ in range(rows):
        DeploymentFactory(system_leader=leader.person, partnership=partnership, specialism=maths)
    with django_assert_num_queries(5):
        response = leader.get(f"/support/leaders/{leader.person.pk}/")
    assert response.status_code == 200


# The partnership report -----------------------------------------------------------------------


def report_url(partnership, start="2025-09-01", end="2026-08-31", csv=False):
    page = "report.csv" if csv else "report/"
    return f"/support/partnerships/{partnership.slug}/{page}?start={start}&end={end}"


@pytest.fixture
def year(partnership, maths, school):
    """Two maths deployments and one in reading in 2025-26; one in 2023 to be left out."""
    reading = SpecialismFactory(name="Reading", slug="reading")
    second = SchoolFactory(name="Dovecote Junior School")
    rows = [
        (school, maths, datetime.date(2025, 10, 1), "4", "days", ["1", "2"]),
        (second, maths, datetime.date(2026, 1, 10), "12", "hours", ["6"]),
        (second, reading, datetime.date(2026, 3, 2), "3", "days", ["0.5"]),
        (school, reading, datetime.date(2023, 1, 9), "9", "days", ["9"]),
    ]
    for supported, specialism, start, agreed, unit, visits in rows:
        deployment = DeploymentFactory(
            supported_school=supported,
            partnership=partnership,
            specialism=specialism,
            starts_on=start,
            ends_on=start + datetime.timedelta(days=60),
            time_agreed=agreed,
            time_unit=unit,
            focus=f'=HYPERLINK("x") {specialism.name}',
        )
        for step, amount in enumerate(visits):
            VisitFactory(
                deployment=deployment,
                visited_on=start + datetime.timedelta(days=7 * step),
                amount=amount,
            )


def test_coordinator_sees_counts_and_days_by_specialism_and_school(
    coordinator, partnership, year, settings
):
    settings.SUPPORT_HOURS_PER_DAY = 6
    response = coordinator.get(report_url(partnership))
    html = response.content.decode()
    assert response.status_code == 200
    # 4 + 2 (12 hours) + 3 days agreed; 3 + 1 (6 hours) + 0.5 days given.
    assert "3 deployments, 9 days agreed, 4.5 days given" in html
    assert (
        '<th scope="row">Maths</th><td data-label="Deployments">2</td>'
        '<td data-label="Days agreed">6</td><td data-label="Days given in period">4</td>'
    ) in html
    assert (
        '<th scope="row">Reading</th><td data-label="Deployments">1</td>'
        '<td data-label="Days agreed">3</td><td data-label="Days given in period">0.5</td>'
    ) in html
    assert (
        '<th scope="row">Dovecote Junior School</th><td data-label="Deployments">2</td>'
        '<td data-label="Days agreed">5</td><td data-label="Days given in period">1.5</td>'
    ) in html


def test_report_without_a_period_shows_this_academic_year(coordinator, partnership):
    html = coordinator.get(f"/support/partnerships/{partnership.slug}/report/").content.decode()
    today = datetime.date.today()
    start_year = today.year if today.month >= 9 else today.year - 1
    assert f"From 1 September {start_year} to 31 August {start_year + 1}" in html


def test_report_with_a_backwards_period_says_so(coordinator, partnership):
    response = coordinator.get(report_url(partnership, start="2026-08-31", end="2025-09-01"))
    assert "The end of the period must be after its start." in response.content.decode()


def test_report_exports_csv_with_bom_and_neutralised_formulas(coordinator, partnership, year):
    response = coordinator.get(report_url(partnership, csv=True))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.getvalue().decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "Supported school"
    assert len(rows) == 4
    assert all(row[4].startswith("'=HYPERLINK") for row in rows[1:])


def test_safe_cell_neutralises_formula_starts():
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("-2+1") == "'-2+1"
    assert safe_cell("-2") == "-2"  # a number, never a formula
    assert safe_cell("@SUM(A1)") == "'@SUM(A1)"
    assert safe_cell("Plain") == "Plain"
    assert safe_cell(None) == ""


@pytest.mark.parametrize("persona", ["head", "staff", "outsider", "leader"])
def test_only_coordinators_see_the_report(request, persona, partnership, year):
    client = request.getfixturevalue(persona)
    assert client.get(report_url(partnership)).status_code == 403
    assert client.get(report_url(partnership, csv=True)).status_code == 403


def test_anonymous_is_sent_to_sign_in_for_the_report(anonymous, partnership):
    assert anonymous.get(report_url(partnership)).status_code == 302
    assert anonymous.get(report_url(partnership, csv=True)).status_code == 302


@pytest.mark.parametrize("rows", [1, 30])
def test_report_queries_do_not_grow_with_deployments(
    coordinator, partnership, maths, django_assert_num_queries, rows
):
    """Days given come from one grouped query over the visits, not one per deployment."""
    for _ in range(rows):
        deployment = DeploymentFactory(
            partnership=partnership, specialism=maths, starts_on=datetime.date(2025, 10, 1)
        )
        VisitFactory(deployment=deployment)
    with django_assert_num_queries(6):
        response = coordinator.get(report_url(partnership))
    assert response.status_code == 200


def test_report_form_shows_the_period_it_reports(coordinator, partnership):
    html = coordinator.get(f"/support/partnerships/{partnership.slug}/report/").content.decode()
    today = datetime.date.today()
    start_year = today.year if today.month >= 9 else today.year - 1
    assert f'value="{start_year}-09-01"' in html
