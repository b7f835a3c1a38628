"""Forms coordinators use to keep their partnership's and group's pages true."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from alliance.lib.forms import PortalForm, PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from alliance.lib.widgets import DateInput
from partnerships.models import Membership, NetworkGroup, Partnership, Statement
from people.models import Person
from schools.models import School


class PartnershipPageForm(PortalModelForm):
    class Meta:
        model = Partnership
        fields = ["description"]
        help_texts = {
            "description": "What the partnership is and what its schools do together. "
            + MARKDOWN_HELP
        }


class StatementForm(PortalForm):
    text = forms.CharField(
        max_length=Statement._meta.get_field("text").max_length,
        error_messages={"required": "Write the text, or tick Delete to remove this line."},
    )


StatementFormSet = forms.formset_factory(
    StatementForm, extra=2, can_order=True, can_delete=True, max_num=50, validate_max=True
)


def statement_formset(
    partnership: Partnership, kind: str, data=None, statements=()
) -> forms.BaseFormSet:
    """A formset for the partnership's aims or commitments, one form per line, in order."""
    initial = [
        {"text": s.text, "ORDER": number}
        for number, s in enumerate((s for s in statements if s.kind == kind), start=1)
    ]
    formset = StatementFormSet(data, initial=initial, prefix=f"{kind}s")
    noun = Statement.Kind(kind).label
    for number, form in enumerate(formset.forms, start=1):
        # "Aim 2" rather than "Text", here and in the error summary.
        form.fields["text"].label = f"{noun} {number}"
        form.fields["ORDER"].label = f"Position of {noun.lower()} {number}"
    return formset


def ordered_texts(formset: forms.BaseFormSet) -> list[str]:
    """The lines a valid formset keeps, in the order the coordinator gave."""
    return [form.cleaned_data["text"].strip() for form in formset.ordered_forms]


class MembershipAddForm(PortalModelForm):
    """Add a school to the partnership. `instance` must carry the partnership."""

    class Meta:
        model = Membership
        fields = ["school", "role", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}
        help_texts = {"left_on": "Leave empty while the school is a member."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.order_by("name").only("id", "name")


class MembershipEditForm(PortalModelForm):
    """Change a school's role, coordinator and dates in the partnership."""

    class Meta:
        model = Membership
        fields = ["role", "coordinator", "joined_on", "left_on"]
        widgets = {"joined_on": DateInput(), "left_on": DateInput()}
        help_texts = {
            "coordinator": "A member of staff at the school.",
            "left_on": "Leave empty while the school is a member.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = (
            Person.objects.active()
            .filter(school_id=self.instance.school_id)
            .order_by("last_name", "first_name")
        )


class MembershipEndForm(PortalModelForm):
    """End a membership: the school moves to past members the day after `left_on`."""

    class Meta:
        model = Membership
        fields = ["left_on"]
        widgets = {"left_on": DateInput()}
        labels = {"left_on": "Last day of membership"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].required = True
        self.fields["left_on"].initial = timezone.localdate()


class GroupForm(PortalModelForm):
    class Meta:
        model = NetworkGroup
        fields = ["description", "cadence", "members"]
        help_texts = {
            "description": MARKDOWN_HELP,
            "members": "Staff of the partnership's member schools and partner organisations.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group: NetworkGroup = self.instance
        partnership = group.partnership
        current_schools = partnership.memberships.current().values("school_id")
        organisations = partnership.partner_organisations.values("id")
        self.fields["members"].queryset = (
            Person.objects.active()
            .filter(
                Q(school_id__in=current_schools)
                | Q(organisation_id__in=organisations)
                | Q(network_groups=group)
            )
            .distinct()
            .select_related("school", "organisation")
            .order_by("last_name", "first_name")
        )
        self.fields["members"].label_from_instance = _person_label


def _person_label(person: Person) -> str:
    workplace = person.workplace
    return f"{person.display_name} ({workplace})" if workplace else person.display_name
