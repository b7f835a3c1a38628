"""Django admin's erasure of a person is the full one: every table, not only the profile."""

from django.contrib import admin
from django.http import HttpRequest

from people.admin import PersonAdmin
from people.models import Person
from privacy.services import person_erase_everywhere


class PrivacyPersonAdmin(PersonAdmin):
    def erase(self, request: HttpRequest, person: Person) -> None:
        person_erase_everywhere(person=person, by=request.user)


# The people app registers its admin first (INSTALLED_APPS order); this one takes its place.
admin.site.unregister(Person)
admin.site.register(Person, PrivacyPersonAdmin)
