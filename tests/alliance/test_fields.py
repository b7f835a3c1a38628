"""Telephone numbers are parsed when read, not when their row is loaded (alliance/lib/fields.py)."""

import phonenumbers
import pytest
from phonenumber_field.phonenumber import PhoneNumber

from people.models import Person
from tests.factories import PersonFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def test_a_loaded_number_is_parsed_on_first_read_and_then_kept():
    PersonFactory(telephone="020 7946 0123")
    person = Person.objects.get()
    # As stored: nothing parsed yet.
    assert type(person.__dict__["telephone"]) is str
    assert person.__dict__["telephone"] == "+442079460123"
    number = person.telephone
    assert isinstance(number, PhoneNumber)
    assert number.as_national == "020 7946 0123"
    assert person.telephone is number


def test_blank_numbers_stay_blank_and_assignments_save_as_before():
    person = PersonFactory(telephone="")
    person.refresh_from_db()
    assert person.telephone == ""
    person.telephone = "0161 496 0000"  # as typed, in the national format
    person.save()
    person.refresh_from_db()
    assert person.telephone.as_e164 == "+441614960000"
    person.telephone = PhoneNumber.from_string("+44 113 496 0000")
    person.save()
    assert Person.objects.filter(telephone="+441134960000").exists()


def test_school_numbers_read_the_same_way():
    school = SchoolFactory(telephone="0113 496 0999")
    school.refresh_from_db()
    assert school.telephone.as_national == "0113 496 0999"


def test_values_and_exports_read_the_stored_text():
    PersonFactory(telephone="020 7946 0123")
    assert list(Person.objects.values_list("telephone", flat=True)) == ["+442079460123"]


def test_a_number_is_true_without_being_formatted(monkeypatch):
    PersonFactory(telephone="020 7946 0123")
    person = Person.objects.get()
    formatted = []
    original = phonenumbers.format_number
    monkeypatch.setattr(
        phonenumbers, "format_number", lambda *args: formatted.append(args) or original(*args)
    )
    assert person.telephone
    assert formatted == []
    assert person.telephone.as_national == "020 7946 0123"
    assert len(formatted) == 1


def test_a_stored_number_that_does_not_parse_is_still_shown_as_stored():
    PersonFactory()
    Person.objects.update(telephone="not a number")
    number = Person.objects.get().telephone
    assert number
    assert str(number) == "not a number"
    assert not number.is_valid()
