"""Opening a poll: the partnership's coordinators and a group's chair, on 2-8 term-time dates."""

import datetime

import pytest
from django.utils import timezone

from polls.models import Poll
from schools.models import TermPeriod, TermPeriodKind
from tests.polls.conftest import term_tuesdays

URL = "/polls/new/{slug}/"


def form_data(*dates: datetime.datetime, **extra) -> dict:
    data = {"title": "Heads' spring meeting", "duration_minutes": "90", "venue": ""}
    for number, at in enumerate(dates, start=1):
        data[f"option_{number}"] = f"{timezone.localtime(at):%Y-%m-%dT%H:%M}"
    return {**data, **extra}


def test_coordinator_opens_a_poll_on_three_dates(coordinator, partnership):
    dates = term_tuesdays(3)
    response = coordinator.post(URL.format(slug=partnership.slug), form_data(*dates))
    poll = Poll.objects.get()
    assert response.status_code == 302
    assert response["Location"] == poll.get_absolute_url()
    assert poll.partnership == partnership and poll.network_group is None
    assert poll.created_by == coordinator.person
    assert [o.starts_at for o in poll.options.all()] == dates


def test_chair_opens_a_poll_for_their_group(chair, partnership):
    url = f"/polls/new/{partnership.slug}/{chair.group.slug}/"
    assert chair.get(url).status_code == 200
    response = chair.post(url, form_data(*term_tuesdays(2)))
    assert response.status_code == 302
    assert Poll.objects.get().network_group == chair.group


@pytest.mark.parametrize("persona", ["staff", "head", "outsider"])
def test_members_and_others_cannot_open_a_poll(persona, request, partnership):
    client = request.getfixturevalue(persona)
    url = URL.format(slug=partnership.slug)
    assert client.get(url).status_code == 403
    assert client.post(url, form_data(*term_tuesdays(2))).status_code == 403
    assert not Poll.objects.exists()


def test_visitor_is_sent_to_sign_in(anonymous, partnership):
    response = anonymous.get(URL.format(slug=partnership.slug))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_one_date_is_not_a_poll(coordinator, partnership):
    response = coordinator.post(URL.format(slug=partnership.slug), form_data(*term_tuesdays(1)))
    assert response.status_code == 400
    assert "Give at least 2 different dates." in response.content.decode()
    assert 'class="error-summary"' in response.content.decode()
    assert not Poll.objects.exists()


def test_a_date_in_the_christmas_holidays_is_refused_with_the_reason(coordinator, partnership):
    christmas = timezone.make_aware(datetime.datetime(timezone.localdate().year, 12, 27, 16, 0))
    if christmas <= timezone.now():
        christmas = christmas.replace(year=christmas.year + 1)
    response = coordinator.post(
        URL.format(slug=partnership.slug), form_data(*term_tuesdays(2), christmas)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert f"{christmas:%a %-d %b %Y} is in the school holidays: choose a term-time date." in body
    assert not Poll.objects.exists()


def test_an_inset_day_in_the_alliance_calendar_is_refused(coordinator, partnership):
    first, second = term_tuesdays(2)
    TermPeriod.objects.create(
        kind=TermPeriodKind.INSET, first_day=second.date(), last_day=second.date()
    )
    response = coordinator.post(URL.format(slug=partnership.slug), form_data(first, second))
    assert response.status_code == 400
    assert "is an INSET day" in response.content.decode()


def test_past_and_repeated_dates_are_refused(coordinator, partnership):
    first, second = term_tuesdays(2)
    past = timezone.now() - datetime.timedelta(days=3)
    response = coordinator.post(
        URL.format(slug=partnership.slug), form_data(first, second, first, past)
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "The same date and time is also number 1." in body
    assert "has passed: give a later date." in body
    assert not Poll.objects.exists()


def test_another_partnerships_group_is_not_found(chair, partnership):
    from tests.factories import NetworkGroupFactory, PartnershipFactory

    other = NetworkGroupFactory(partnership=PartnershipFactory())
    assert chair.get(f"/polls/new/{partnership.slug}/{other.slug}/").status_code == 404


@pytest.mark.parametrize("loaded", [0, 30])
def test_new_poll_page_costs_the_same_queries_whatever_the_term_dates(
    chair, partnership, django_assert_max_num_queries, loaded
):
    """The calendar's rows come in one query (schools.calendar). At most 6: session and user
    with their profile (2), the partnership with its lead school, the group, whether the user
    coordinates it (the chair: none), the term dates."""
    for week in range(loaded):
        day = datetime.date(2027, 1, 4) + datetime.timedelta(weeks=week)
        TermPeriod.objects.create(kind=TermPeriodKind.INSET, first_day=day, last_day=day)
    with django_assert_max_num_queries(6):
        response = chair.get(f"/polls/new/{partnership.slug}/{chair.group.slug}/")
    assert response.status_code == 200
