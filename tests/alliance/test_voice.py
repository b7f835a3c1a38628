"""Error messages in the portal's voice: every form users fill in names the field and says
what to do, instead of Django's "This field is required." and "Ensure this value has at most
200 characters (it has 5000)."; a message a form chose itself is kept."""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.apps import apps
from django.conf import settings

from alliance.lib.forms import PortalForm, PortalModelForm
from events.forms import EventForm
from schools.forms import CorrectionRequestForm
from schools.models import School


def portal_form_classes():
    """The forms defined in the portal's own apps, admin modules aside (the admin speaks
    Django's voice throughout)."""
    found = set()
    for config in apps.get_app_configs():
        if "site-packages" in config.path or not config.path.startswith(str(settings.BASE_DIR)):
            continue  # a library's app
        package = importlib.import_module(config.name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{config.name}."):
            name = module_info.name
            if "migrations" in name or name.rsplit(".", 1)[-1] == "admin":
                continue
            module = importlib.import_module(name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                    found.add(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


def test_the_portals_forms_are_found():
    names = {cls.__name__ for cls in portal_form_classes()}
    assert {"SchoolForm", "PersonForm", "EventForm", "SeriesForm", "CommentForm"} <= names


@pytest.mark.parametrize("form_class", portal_form_classes(), ids=lambda cls: cls.__name__)
def test_every_form_users_fill_in_speaks_in_the_portals_voice(form_class):
    assert issubclass(form_class, (PortalForm, PortalModelForm))


class Example(PortalForm):
    title = forms.CharField(max_length=200)
    email = forms.EmailField(label="Work e-mail")
    urn = forms.CharField(label="URN", required=True)
    share = forms.DecimalField(label="Pupils with EAL (%)", max_value=100, required=False)
    phase = forms.ChoiceField(choices=[("primary", "Primary")])
    postcode = forms.CharField(required=False, error_messages={"required": "Ours."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["added"] = forms.IntegerField(label="Number of meetings", required=False)


def errors(**data) -> dict[str, list[str]]:
    form = Example({"title": "T", "email": "a@example.org", "urn": "1", "phase": "primary"} | data)
    assert not form.is_valid()
    return form.errors


def test_a_too_long_value_says_the_limit_and_its_length():
    assert errors(title="x" * 5000)["title"] == [
        "Title must be 200 characters or fewer (it has 5000)."
    ]


def test_a_missing_value_names_the_field():
    assert errors(title="")["title"] == ["Enter title."]
    assert errors(urn="")["urn"] == ["Enter URN."]  # an acronym keeps its capitals
    assert errors(phase="")["phase"] == ["Choose phase."]


def test_a_wrong_value_says_what_a_right_one_looks_like():
    assert errors(email="office-at-school")["email"] == [
        "Enter an e-mail address in the right form, e.g. name@example.org."
    ]
    assert errors(phase="tertiary")["phase"] == ["Choose one of the options offered for “Phase”."]
    assert errors(share="101")["share"] == ["Pupils with EAL (%) must be 100 or less."]


def test_fields_a_form_adds_as_it_is_built_speak_too():
    assert errors(added="many")["added"] == ["Enter number of meetings as a whole number, e.g. 12."]


def test_a_message_the_form_chose_is_kept():
    form = Example({"postcode": ""})
    form.fields["postcode"].required = True
    assert not form.is_valid()
    assert form.errors["postcode"] == ["Ours."]
    postcode = CorrectionRequestForm(school=School(), field="postcode").fields["value"]
    assert "Enter a UK postcode" in str(postcode.error_messages)


def test_a_model_form_speaks_in_the_portals_voice(coordinator):
    form = EventForm(data={"title": "x" * 300}, user=coordinator.user)
    form.is_valid()
    assert "Title must be 200 characters or fewer (it has 300)." in form.errors["title"]
