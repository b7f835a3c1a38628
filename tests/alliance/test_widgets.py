"""Every date, time and date-and-time box in the portal is the browser's picker, given ISO.

Django renders a date in the locale's format (06/12/2026), which <input type="date"> cannot
read: the box showed empty and saving said "This field is required". The forms are found by
walking the apps, so a form added later is checked too.
"""

import datetime
import importlib
import pkgutil

import django_filters
import pytest
from django import forms

from alliance.lib.widgets import DateInput, DateTimeLocalInput, TimeInput

# Forms that read the cells of an uploaded CSV file: never rendered as a page.
NOT_RENDERED = {"registers.membership_rows", "registers.people_rows"}
APPS = [
    "accounts",
    "alliance",
    "events",
    "partnerships",
    "people",
    "registers",
    "resources",
    "schools",
    "search",
    "support",
]
WANTED = {
    forms.DateTimeField: (
        "datetime-local",
        datetime.datetime(2026, 12, 6, 9, 30),
        "2026-12-06T09:30",
    ),
    forms.DateField: ("date", datetime.date(2026, 12, 6), "2026-12-06"),
    forms.TimeField: ("time", datetime.time(9, 30), "09:30"),
}


def _import_apps() -> None:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if ".migrations" not in module.name and ".management" not in module.name:
                importlib.import_module(module.name)


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *_subclasses(sub)}
    return found


def _ours(cls: type) -> bool:
    return cls.__module__.split(".")[0] in APPS and cls.__module__ not in NOT_RENDERED


def _date_fields():
    _import_apps()
    for form in sorted(filter(_ours, _subclasses(forms.BaseForm)), key=str):
        for name, field in getattr(form, "base_fields", {}).items():
            for kind in WANTED:
                if isinstance(field, kind):
                    yield f"{form.__module__}.{form.__name__}.{name}", kind, field.widget
                    break
    for filterset in sorted(filter(_ours, _subclasses(django_filters.FilterSet)), key=str):
        for name, flt in filterset.base_filters.items():
            for kind in WANTED:
                if issubclass(flt.field_class, kind):
                    widget = flt.extra.get("widget") or kind.widget
                    if isinstance(widget, type):
                        widget = widget()
                    yield f"{filterset.__module__}.{filterset.__name__}.{name}", kind, widget
                    break


DATE_FIELDS = list(_date_fields())


def test_the_portal_has_date_fields_to_check():
    assert len(DATE_FIELDS) > 20


@pytest.mark.parametrize(("where", "kind", "widget"), DATE_FIELDS, ids=[f[0] for f in DATE_FIELDS])
def test_every_date_box_is_a_picker_given_an_iso_value(where, kind, widget):
    input_type, value, iso = WANTED[kind]
    assert widget.input_type == input_type
    assert widget.format_value(value) == iso


@pytest.mark.parametrize("widget", [DateInput, TimeInput, DateTimeLocalInput])
def test_a_form_cannot_give_the_shared_widgets_another_format(widget):
    with pytest.raises(TypeError):
        widget(format="%d/%m/%Y")
