"""The form renderer: Django's own widget templates rendered by Jinja2, with a fallback.

Rendering a form field through the Django template language costs about half a millisecond:
a directory's filter form (a dozen fields, menus of options) was half of each directory
page's server time. Django ships the same widget and field templates for Jinja2, which
renders them several times faster (bench/run.py: the school directory went from 18 to 12 ms).
Templates that exist only for the Django template language (Django admin's widget wrappers,
a library's own widgets) still render through it. alliance/jinja2/ comes first: it holds the
few widget templates we render faster than Django's own, with the same output.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.forms.renderers import BaseRenderer, DjangoTemplates, Jinja2
from django.template import TemplateDoesNotExist
from django.utils.functional import cached_property

from alliance.lib.voice import speak

OUR_TEMPLATES = Path(__file__).resolve().parent.parent / "jinja2"
DJANGO_TEMPLATES = Path(django.forms.__file__).resolve().parent / "jinja2"


class _Jinja2(Jinja2):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [OUR_TEMPLATES, DJANGO_TEMPLATES],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )


class FormRenderer(BaseRenderer):
    def __init__(self) -> None:
        self.jinja2 = _Jinja2()
        self.django = DjangoTemplates()

    def get_template(self, template_name: str):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)


class PortalForm(django.forms.Form):
    """The base of every form the portal's users fill in: its messages in the portal's voice
    (alliance.lib.voice), including those of fields added as the form is built."""

    def full_clean(self) -> None:
        speak(self.fields)
        super().full_clean()


class PortalModelForm(django.forms.ModelForm):
    """PortalForm for a model's form."""

    def full_clean(self) -> None:
        speak(self.fields)
        super().full_clean()
