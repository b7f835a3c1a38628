"""Model fields of our own."""

from __future__ import annotations

from phonenumber_field import modelfields
from phonenumber_field.phonenumber import to_python


class LazyPhoneNumberDescriptor(modelfields.PhoneNumberDescriptor):
    """Parse a telephone number when it is first read, not when its row is loaded.

    Parsing costs about 0.1 ms a number: a directory page loads twenty people and shows the
    numbers of only those who share them with the viewer. Reading the attribute gives the same
    PhoneNumber (or "" when blank) as the library's own descriptor.
    """

    def __get__(self, instance, owner):
        if instance is None:
            return self
        value = super().__get__(instance, owner)
        if isinstance(value, str) and value:
            value = instance.__dict__[self.field.name] = to_python(value, region=self.field.region)
        return value

    def __set__(self, instance, value):
        if isinstance(value, str):
            instance.__dict__[self.field.name] = value
        else:
            super().__set__(instance, value)


class PhoneNumberField(modelfields.PhoneNumberField):
    """django-phonenumber-field's field, parsing on first read (LazyPhoneNumberDescriptor)."""

    descriptor_class = LazyPhoneNumberDescriptor

    def from_db_value(self, value, expression, connection):
        # The stored text as it is: the descriptor parses it when the attribute is read.
        return value
