"""Each person chooses who sees their e-mail and telephone; every page, export and search
result honours the choice, for every kind of viewer. The public never sees contacts."""

import pytest

from people.models import ContactVisibility
from tests.conftest import sign_in
from tests.people.conftest import TARGET_EMAIL, TARGET_PHONE_E164, TARGET_PHONE_NATIONAL

ALLIANCE, SCHOOL, ADMINS = (
    ContactVisibility.ALLIANCE,
    ContactVisibility.SCHOOL,
    ContactVisibility.ADMINS,
)

# Who sees the target's contacts, for each choice the target can make.
EXPECTED = {
    ("anonymous", ALLIANCE): False,
    ("anonymous", SCHOOL): False,
    ("anonymous", ADMINS): False,
    ("themself", ALLIANCE): True,
    ("themself", SCHOOL): True,
    ("themself", ADMINS): True,
    ("colleague", ALLIANCE): True,
    ("colleague", SCHOOL): True,
    ("colleague", ADMINS): False,
    ("outsider", ALLIANCE): True,
    ("outsider", SCHOOL): False,
    ("outsider", ADMINS): False,
    ("no_profile", ALLIANCE): True,
    ("no_profile", SCHOOL): False,
    ("no_profile", ADMINS): False,
    ("admin", ALLIANCE): True,
    ("admin", SCHOOL): True,
    ("admin", ADMINS): True,
}


def body(response) -> str:
    return response.getvalue().decode("utf-8")


def surfaces(target) -> dict[str, str]:
    """Every place a person's contacts could appear, by name."""
    return {
        "person page": target.get_absolute_url(),
        "directory": "/people/",
        "directory search": "/people/?q=Robin+Target",
        "directory filtered by school": f"/people/?school={target.school.slug}",
        "CSV export": "/people/export.csv",
        "CSV export of a search": "/people/export.csv?q=target",
        "vCard": f"/people/{target.pk}/vcard.vcf",
    }


@pytest.fixture
def viewer(request, target, staff, outsider, admin, anonymous):
    kind = request.param
    if kind == "themself":
        return sign_in(target)
    if kind == "colleague":
        return staff
    if kind == "no_profile":
        return sign_in(None)
    return {"anonymous": anonymous, "outsider": outsider, "admin": admin}[kind]


@pytest.mark.parametrize(
    ("viewer", "visibility"),
    [(kind, visibility) for kind, visibility in EXPECTED],
    indirect=["viewer"],
)
def test_contacts_follow_the_persons_choice_everywhere(request, viewer, visibility, target):
    target.contact_visibility = visibility
    target.save()
    kind = request.node.callspec.id.split("-")[0]
    allowed = EXPECTED[(kind, visibility)]
    for surface, url in surfaces(target).items():
        response = viewer.get(url)
        if kind == "anonymous":
            assert response.status_code == 302, surface
            assert response["Location"].startswith("/accounts/login/"), surface
            continue
        assert response.status_code == 200, surface
        text = body(response)
        # The person is listed everywhere; only their contacts come and go.
        assert "Target" in text, surface
        shows_email = TARGET_EMAIL in text
        shows_phone = TARGET_PHONE_NATIONAL in text or TARGET_PHONE_E164 in text
        assert shows_email is allowed, f"{surface}: e-mail for {kind}/{visibility}"
        assert shows_phone is allowed, f"{surface}: telephone for {kind}/{visibility}"


def test_searching_by_a_hidden_email_finds_nobody(outsider, target):
    target.contact_visibility = ADMINS
    target.save()
    html = body(outsider.get("/people/", {"q": TARGET_EMAIL}))
    assert "Robin Target" not in html
    assert "No people found" in html
    csv_text = body(outsider.get("/people/export.csv", {"q": "robin.target"}))
    assert "Target" not in csv_text


def test_partner_organisation_colleagues_share_own_school_contacts(db):
    from tests.factories import PartnerOrganisationFactory, PersonFactory

    university = PartnerOrganisationFactory(name="University of Testbridge")
    tutor = PersonFactory(
        school=None,
        organisation=university,
        email="tutor@example.org",
        contact_visibility=SCHOOL,
    )
    colleague = sign_in(PersonFactory(school=None, organisation=university))
    stranger = sign_in(PersonFactory(school=None, organisation=PartnerOrganisationFactory()))
    assert "tutor@example.org" in body(colleague.get(tutor.get_absolute_url()))
    assert "tutor@example.org" not in body(stranger.get(tutor.get_absolute_url()))


def test_person_pages_are_for_signed_in_users_only(anonymous, target):
    for url in (
        target.get_absolute_url(),
        "/people/",
        "/people/export.csv",
        f"/people/{target.pk}/vcard.vcf",
        "/people/me/",
    ):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
