"""Error messages in the portal's voice, for every field a user fills in.

Django's own messages are generic ("This field is required.", "Ensure this value has at most
200 characters (it has 5000)."): they do not name the field, and the error summary lists them
apart from their fields. `speak(fields)` rewrites each message still at Django's (or a
library's) default into one that names the field and says what to do; a message a form or
model chose for a field is kept. The portal's form base classes (alliance.lib.forms) call it
before they validate, so every form, and every field a form adds as it is built, speaks so.
"""

from __future__ import annotations

from django import forms
from django.forms.utils import pretty_name
from phonenumber_field.formfields import PhoneNumberField

# Messages a field gets from its validators rather than its class: voiced where the field has
# no message of its own for them.
_LENGTH = {
    "max_length": "{Label} must be %(limit_value)d characters or fewer (it has %(show_value)d).",
    "min_length": "{Label} must be at least %(limit_value)d characters (it has %(show_value)d).",
}
_NUMBER = {
    "max_value": "{Label} must be %(limit_value)s or less.",
    "min_value": "{Label} must be %(limit_value)s or more.",
    "step_size": "{Label} must be a multiple of %(limit_value)s.",
    "max_digits": "{Label} must have no more than %(max)s digits.",
    "max_decimal_places": "{Label} must have no more than %(max)s decimal places.",
    "max_whole_digits": "{Label} must have no more than %(max)s digits before the point.",
}
_INVALID = [
    # (field class, message where it is not a proper value); the first that fits is used.
    (forms.EmailField, "Enter an e-mail address in the right form, e.g. name@example.org."),
    (forms.URLField, "Enter a web address, e.g. https://www.example.org."),
    (forms.DateTimeField, "Enter a real date and time for “{Label}”, e.g. 14/09/2026 09:30."),
    (forms.DateField, "Enter a real date for “{Label}”, e.g. 14/09/2026."),
    (forms.TimeField, "Enter a time for “{Label}”, e.g. 09:30."),
    (forms.IntegerField, "Enter {label} as a whole number, e.g. 12."),
    (forms.DecimalField, "Enter {label} as a number, e.g. 2.5."),
    (forms.FloatField, "Enter {label} as a number, e.g. 2.5."),
    (PhoneNumberField, "Enter a telephone number, e.g. 020 7946 0123, or one starting with +."),
    (forms.FileField, "Choose a file to upload for “{Label}”."),
]
_CHOICE = {
    "invalid_choice": "Choose one of the options offered for “{Label}”.",
    "invalid_list": "Choose one or more of the options offered for “{Label}”.",
    "invalid_pk_value": "Choose one of the options offered for “{Label}”.",
}
_FILE = {
    "missing": "Choose a file to upload for “{Label}”.",
    "empty": "The file chosen for “{Label}” is empty: choose another.",
    "max_length": "The file's name must be %(max)d characters or fewer (it has %(length)d).",
    "contradiction": "Either choose a new file for “{Label}” or tick to remove it, not both.",
    "invalid_image": "Choose a photo or picture (JPEG, PNG or WebP) for “{Label}”.",
}
_CHOOSE = (forms.ChoiceField, forms.ModelChoiceField, forms.FileField)


def _required(field: forms.Field, label: str) -> str:
    if isinstance(field, forms.BooleanField):
        return f"Tick “{label}” to go on."
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        return f"Enter a date for “{label}”."
    if isinstance(field, forms.TimeField):
        return f"Enter a time for “{label}”."
    verb = "Choose" if isinstance(field, _CHOOSE) else "Enter"
    return f"{verb} {_lower(label)}."


def _lower(label: str) -> str:
    """ "School name" reads "school name" mid-sentence; "URN" and "SLE maths" stay as they are."""
    first = label.split(" ", 1)[0]
    return label if first[1:2].isupper() else label[:1].lower() + label[1:]


def _defaults(field: forms.Field) -> dict[str, str]:
    """The messages the field's classes give it, as Field.__init__ merges them."""
    messages: dict[str, str] = {}
    for cls in reversed(type(field).__mro__):
        messages.update(getattr(cls, "default_error_messages", {}))
    return {code: str(message) for code, message in messages.items()}


def _is_default(field: forms.Field, code: str, defaults: dict[str, str]) -> bool:
    message = field.error_messages.get(code)
    if message is None:
        return True
    if isinstance(field, PhoneNumberField) and code == "invalid":
        return str(message).startswith("Enter a valid phone number")
    return str(message) == defaults.get(code)


def voiced(field: forms.Field, label: str) -> dict[str, str]:
    """The portal's messages for `field`, shown under `label`: only those a field of its kind
    can give."""
    messages = {"required": _required(field, label)}
    if isinstance(field, forms.FileField):
        messages.update(_FILE)
    elif isinstance(field, forms.CharField):
        messages.update(_LENGTH)
    if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        messages.update(_NUMBER)
    if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
        messages.update(_CHOICE)
    for cls, message in _INVALID:
        if isinstance(field, cls):
            messages["invalid"] = message
            break
    return {code: _named(message, label) for code, message in messages.items()}


def _named(message: str, label: str) -> str:
    if "%(" in message:  # formatted with the error's values: a "%" in the label stays one
        label = label.replace("%", "%%")
    return message.replace("{Label}", label).replace("{label}", _lower(label))


def speak(fields: dict[str, forms.Field]) -> None:
    """Give each field the portal's message for every code still at its default."""
    for name, field in fields.items():
        if getattr(field, "_voiced", False):
            continue
        label = str(field.label or pretty_name(name))
        defaults = _defaults(field)
        for code, message in voiced(field, label).items():
            if _is_default(field, code, defaults):
                field.error_messages[code] = message
        field._voiced = True
