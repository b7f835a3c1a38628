"""The forms of review days: naming reviewers, writing the report, sharing it."""

from __future__ import annotations

from django import forms
from django.db.models import Q

from alliance.lib.forms import PortalForm
from alliance.lib.markdown import MARKDOWN_HELP
from events.models import Event, Registration
from partnerships.models import Membership
from people.models import Person
from reviews.models import REPORT_MAX_LENGTH, Review


class PersonChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        where = obj.school.name if obj.school_id else ""
        return f"{obj.display_name}, {where}" if where else obj.display_name


class ReviewersForm(PortalForm):
    """The reviewers of a review day: heads of the partnership's schools and the people the
    rota registered for the day, never the reviewed school's own staff."""

    reviewers = PersonChoices(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="They alone, with the reviewed school's head, read and write the report.",
    )

    def __init__(self, *args, event: Event, school_id: int | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        candidates = Q(
            pk__in=Registration.objects.filter(
                event=event, status=Registration.Status.CONFIRMED
            ).values("person_id")
        )
        if event.partnership_id:
            members = Membership.objects.current().filter(partnership_id=event.partnership_id)
            candidates |= Q(headships__memberships__in=members)
        people = Person.objects.active().filter(candidates).select_related("school")
        if school_id:
            people = people.exclude(school_id=school_id)
        self.fields["reviewers"].queryset = people.distinct().order_by("last_name", "first_name")


class ReportForm(PortalForm):
    report = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16}),
        max_length=REPORT_MAX_LENGTH,
        required=False,
        help_text=MARKDOWN_HELP,
    )


class SharingForm(PortalForm):
    shared_with = PersonChoices(
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Colleagues who may read the report",
        help_text="Staff of your school. Nobody else sees the report.",
    )

    def __init__(self, *args, review: Review, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = (
            Person.objects.active()
            .filter(school_id=review.school_id)
            .exclude(pk=review.school.headteacher_id or 0)
            .select_related("school")
            .order_by("last_name", "first_name")
        )
