"""The programme's forms: slots, sessions (with presenters among the staff of the event's
member schools) and session documents (checked by content as event documents are)."""

from __future__ import annotations

import datetime

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from alliance.lib.forms import PortalModelForm
from alliance.lib.markdown import MARKDOWN_HELP
from events.documents import ACCEPT, validate_document
from events.models import Event
from people.models import Person
from programme.models import Session, SessionDocument, Slot


class SlotForm(PortalModelForm):
    """A slot on the event's day: a date and two times, read in UK time."""

    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="Starts", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="Ends", widget=forms.TimeInput(attrs={"type": "time"}))

    class Meta:
        model = Slot
        fields = ["title"]
        help_texts = {"title": "For example “Opening keynote”, “Workshops 1” or “Lunch”."}

    def __init__(self, *args, event: Event, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.event = event
        if self.instance.pk:
            self.initial.update(
                day=timezone.localtime(self.instance.starts_at).date(),
                starts=timezone.localtime(self.instance.starts_at).time(),
                ends=timezone.localtime(self.instance.ends_at).time(),
            )
        else:
            self.initial.setdefault("day", timezone.localtime(event.starts_at).date())

    def clean(self):
        cleaned = super().clean()
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            zone = timezone.get_current_timezone()
            self.instance.starts_at = datetime.datetime.combine(day, starts, tzinfo=zone)
            self.instance.ends_at = datetime.datetime.combine(day, ends, tzinfo=zone)
            if ends <= starts:
                self.add_error("ends", "The slot ends after it starts.")
        return cleaned


def presenter_choices(event: Event) -> QuerySet[Person]:
    """The staff of the event's partnership's current member schools (of any school when the
    event has no partnership), with their school for the label: one query for the menu."""
    people = Person.objects.active().filter(school__isnull=False)
    partnership_id = event.partnership_id or (
        event.network_group.partnership_id if event.network_group_id else None
    )
    if partnership_id is not None:
        current = Q(school__memberships__left_on__isnull=True) | Q(
            school__memberships__left_on__gte=timezone.localdate()
        )
        people = people.filter(current, school__memberships__partnership_id=partnership_id)
    return people.select_related("school").order_by("last_name", "first_name", "pk").distinct()


class PresenterField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.display_name}, {obj.school.name}" if obj.school else obj.display_name


class SessionForm(PortalModelForm):
    class Meta:
        model = Session
        fields = ["title", "kind", "strand", "room", "capacity", "description", "presenters"]
        help_texts = {"description": MARKDOWN_HELP}
        field_classes = {"presenters": PresenterField}
        widgets = {"presenters": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, slot: Slot, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.slot = slot
        self.fields["presenters"].queryset = presenter_choices(slot.event)
        self.fields[
            "presenters"
        ].help_text = "Staff of the member schools; hold Ctrl (or Cmd) to choose several."


class SessionDocumentForm(PortalModelForm):
    """Slides or a handout: PDF, DOCX, ODT or plain text, checked by content."""

    class Meta:
        model = SessionDocument
        fields = ["title", "file"]
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ACCEPT})}
        help_texts = {"file": "PDF, Word (.docx), OpenDocument (.odt) or text; up to 10 MB."}

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        self.instance.content_type = validate_document(uploaded)
        self.instance.original_name = uploaded.name[:255]
        self.instance.size = uploaded.size
        return uploaded
