"""A vCard per person: contacts only when the viewer may see them."""

from people.models import ContactVisibility
from tests.factories import PersonFactory


def test_vcard_carries_the_card_and_contacts(staff, school):
    person = PersonFactory(
        school=school,
        first_name="Ada",
        last_name="Lovelace",
        preferred_name="Addie",
        job_title="Maths lead, KS2",
        email="ada@example.org",
        telephone="020 7946 0123",
    )
    response = staff.get(f"/people/{person.pk}/vcard.vcf")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="addie-lovelace.vcf"'
    card = response.content.decode()
    assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert card.endswith("END:VCARD\r\n")
    assert "N:Lovelace;Ada;;;\r\n" in card
    assert "FN:Addie Lovelace\r\n" in card
    assert "TITLE:Maths lead\\, KS2\r\n" in card
    assert f"ORG:{school.name}\r\n" in card
    assert "EMAIL;TYPE=INTERNET,WORK:ada@example.org\r\n" in card
    assert "TEL;TYPE=WORK,VOICE:+442079460123\r\n" in card
    assert f"URL:http://testserver/people/{person.pk}/\r\n" in card


def test_vcard_leaves_out_contacts_the_person_hid(outsider, school):
    person = PersonFactory(
        school=school, email="hidden@example.org", contact_visibility=ContactVisibility.SCHOOL
    )
    card = outsider.get(f"/people/{person.pk}/vcard.vcf").content.decode()
    assert "FN:" in card
    assert "EMAIL" not in card and "TEL" not in card


def test_vcard_folds_long_lines(staff, school):
    person = PersonFactory(school=school, job_title="Ä" * 80)
    card = staff.get(f"/people/{person.pk}/vcard.vcf").content.decode()
    assert all(len(line.encode()) <= 75 for line in card.split("\r\n"))
    assert "TITLE:" + "Ä" * 80 in card.replace("\r\n ", "")


def test_erased_person_has_no_vcard(staff, school):
    from people.services import person_erase

    person = PersonFactory(school=school)
    person_erase(person=person, by=None)
    assert staff.get(f"/people/{person.pk}/vcard.vcf").status_code == 404
