"""Forms for events: validate and normalise; saving is the services' job."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q

from alliance.lib.forms import PortalModelForm
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
            "minutes",
            "is_published",
        ]
        widgets = {"starts_at": DateTimeLocalInput(), "ends_at": DateTimeLocalInput()}
        labels = {"starts_at": "Starts", "ends_at": "Ends", "is_published": "Public"}
        help_texts = {
            "starts_at": "UK time.",
            "is_published": "Public events show to visitors who are not signed in.",
        }

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        partnerships = organised_partnerships(user)
        groups = organised_groups(user)
        self.fields["partnership"].queryset = partnerships
        self.fields["network_group"].queryset = groups
        # Hosts and people come from the member schools of what the user organises, plus
        # whatever the event already names (a school that has since left, say).
        reach = Q(memberships__partnership__in=partnerships.values("pk")) | Q(
            memberships__partnership__network_groups__in=groups.values("pk")
        )
        event = self.instance
        schools = School.objects.filter(reach | Q(pk=event.host_school_id)).distinct()
        self.fields["host_school"].queryset = schools
        people = (
            Person.objects.active()
            .filter(
                Q(school__in=schools.values("pk"))
                | Q(pk__in=[pk for pk in (event.chair_id, event.minute_taker_id) if pk])
            )
            .select_related("school")
        )
        self.fields["chair"].queryset = people
        self.fields["minute_taker"].queryset = people
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = [ISO_DATETIME_LOCAL, "%Y-%m-%d %H:%M"]

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
