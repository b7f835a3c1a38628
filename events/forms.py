"""Forms for events: validate and normalise; saving is the services' job."""

from __future__ import annotations

import functools

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.choices import CallableChoiceIterator

from alliance.lib.forms import PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from alliance.lib.widgets import ISO_DATETIME_LOCAL, DateTimeLocalInput
from alliance.permissions import is_admin, person_of
from events.documents import ACCEPT, validate_document
from events.models import Event, EventDocument
from events.rules import can_organise_event
from partnerships.models import Membership, NetworkGroup, Partnership
from people.models import Person
from schools.models import School


def organised_partnerships(user):
    """The partnerships `user` may organise events for (all of them for admins)."""
    if is_admin(user):
        return Partnership.objects.all()
    person = person_of(user)
    if person is None:
        return Partnership.objects.none()
    return Partnership.objects.filter(
        pk__in=Membership.objects.current().filter(coordinator=person).values("partnership_id")
    )


def organised_groups(user):
    """The network groups `user` chairs or whose partnership they coordinate."""
    groups = NetworkGroup.objects.select_related("partnership")
    if is_admin(user):
        return groups
    person = person_of(user)
    if person is None:
        return groups.none()
    return groups.filter(
        Q(chair=person) | Q(partnership_id__in=organised_partnerships(user).values("pk"))
    )


class GroupChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: NetworkGroup) -> str:
        return f"{obj.partnership.name}: {obj.name}"


def person_label(person: Person) -> str:
    """A person with their school (or organisation), so two Ann Examples can be told apart."""
    where = person.school or person.organisation
    return f"{person.display_name} ({where.name})" if where else person.display_name


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


def _person_choices(people) -> list[tuple[int | str, str]]:
    return [("", "---------"), *((person.pk, person_label(person)) for person in people)]


OUTSIDE_SCHOOLS = (
    "Choose someone from the schools of the event's partnership, network group or host school."
)
SCOPE = ("partnership", "network_group", "host_school")


def _id(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


class EventForm(PortalModelForm):
    """Create or edit one event, for an organiser of its partnership or group."""

    network_group = GroupChoiceField(
        queryset=NetworkGroup.objects.none(), required=False, label="Network group"
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "kind",
            "partnership",
            "network_group",
            "starts_at",
            "ends_at",
            "host_school",
            "venue",
            "chair",
            "minute_taker",
            "capacity",
            "description",
            "agenda",
            "is_published",
        ]
        field_classes = {"chair": PersonChoiceField, "minute_taker": PersonChoiceField}
        error_messages = {
            "chair": {"invalid_choice": OUTSIDE_SCHOOLS},
            "minute_taker": {"invalid_choice": OUTSIDE_SCHOOLS},
        }
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}
        labels = {"starts_at": "Starts", "ends_at": "Ends", "is_published": "Public"}
        help_texts = {
            "starts_at": "UK time.",
            "is_published": "Public events show to visitors who are not signed in.",
            "description": MARKDOWN_HELP,
            "agenda": MARKDOWN_HELP,
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        partnerships = organised_partnerships(user)
        groups = organised_groups(user)
        self.fields["partnership"].queryset = partnerships
        self.fields["network_group"].queryset = groups
        # Hosts come from the member schools of what the user organises, plus whatever the
        # event already names (a school that has since left, say).
        reach = Q(memberships__partnership__in=partnerships.values("pk")) | Q(
            memberships__partnership__network_groups__in=groups.values("pk")
        )
        event = self.instance
        schools = School.objects.filter(reach | Q(pk=event.host_school_id)).distinct()
        self.fields["host_school"].queryset = schools
        people = self._chair_choices(schools, partnerships, groups)
        # Both menus list the same people: read them once (validation still asks `people`).
        listed = CallableChoiceIterator(functools.cache(lambda: _person_choices(people)))
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = people
            self.fields[name].choices = listed
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [ISO_DATETIME_LOCAL, "%Y-%m-%d %H:%M"]

    def _scope(self) -> tuple[int | None, int | None, int | None]:
        """The partnership, network group and host school the event is for, as ids: those
        submitted when the form is bound, else the event's own."""
        if not self.is_bound:
            event = self.instance
            initial = self.initial
            return (
                event.partnership_id or initial.get("partnership"),
                event.network_group_id or initial.get("network_group"),
                event.host_school_id or initial.get("host_school"),
            )
        return tuple(_id(self.data.get(self.add_prefix(name))) for name in SCOPE)

    def _chair_choices(self, schools, partnerships, groups):
        """Who may chair or take the minutes: the people of the event's member schools (its
        partnership's, or its network group's partnership's) and of its host school; the
        people of every school the user organises for while the event names none of these.
        Whoever the event already names stays. Each reads with their school: one query."""
        partnership_id, group_id, host_id = self._scope()
        relevant = Q()
        if partnership_id or group_id:
            members = Membership.objects.current().filter(
                Q(partnership__in=partnerships.filter(pk=partnership_id or 0))
                | Q(partnership__network_groups__in=groups.filter(pk=group_id or 0))
            )
            relevant = Q(pk__in=members.values("school_id"))
        if host_id:
            relevant |= Q(pk=host_id)
        in_scope = Q(school__in=schools.filter(relevant).values("pk"))
        named = [pk for pk in (self.instance.chair_id, self.instance.minute_taker_id) if pk]
        return (
            Person.objects.active()
            .filter(in_scope | Q(pk__in=named))
            .select_related("school", "organisation")
        )

    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The end must be after the start.")
        group, partnership = data.get("network_group"), data.get("partnership")
        if group and not partnership:
            data["partnership"] = partnership = group.partnership
            self.instance.partnership = partnership
        if group and partnership and group.partnership_id != partnership.pk:
            self.add_error("network_group", f"{group.name} is not a group of {partnership.name}.")
        if not group and not partnership:
            self.add_error("partnership", "Choose the partnership or network group it is for.")
        chair, minute_taker = data.get("chair"), data.get("minute_taker")
        if chair and minute_taker and chair == minute_taker:
            self.add_error("minute_taker", "Someone other than the chair takes the minutes.")
        if not self.errors:
            candidate = Event(partnership=partnership, network_group=group)
            if not can_organise_event(self.user, candidate):
                raise ValidationError("You do not organise events for this partnership or group.")
        return data

    def _post_clean(self) -> None:
        # The form already said "the end must be after the start" next to the field; the
        # model's check constraint would repeat it at the top.
        if "ends_at" in self.errors:
            return
        super()._post_clean()


class DocumentForm(PortalModelForm):
    """An agenda or minutes document: PDF, DOCX, ODT or plain text, checked by content."""

    class Meta:
        model = EventDocument
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}
        help_texts = {"file": "PDF, Word (.docx), OpenDocument (.odt) or text; up to 10 MB."}

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.instance.content_type = validate_document(uploaded)
        self.instance.original_name = uploaded.name[:255]
        self.instance.size = uploaded.size
        return uploaded
