"""The form renderer draws widgets with Jinja2 and our faster select template, and the HTML is
the same as Django's own Jinja2 widget templates give."""

from django import forms
from django.forms.renderers import Jinja2

from alliance.lib.forms import FormRenderer


class Choices(forms.Form):
    phase = forms.ChoiceField(
        choices=[("", "Any phase"), ("primary", "Primary"), ("secondary", 'Secondary & "16"')],
        required=False,
    )
    grouped = forms.ChoiceField(
        choices=[("Roles", [("sle", "SLE"), ("senco", "SENCo")]), ("other", "Other")],
        widget=forms.Select(attrs={"class": "wide", "data-x": True}),
    )
    several = forms.MultipleChoiceField(choices=[("a", "A"), ("b", "B"), ("c", "C")])


def render(renderer, data):
    form = Choices(data, renderer=renderer)
    return "".join(str(form[name]) for name in form.fields)


def test_select_menus_render_as_django_renders_them():
    data = {"phase": "secondary", "grouped": "senco", "several": ["a", "c"]}
    ours = render(FormRenderer(), data)
    assert ours == render(Jinja2(), data)
    assert '<option value="senco" selected>SENCo</option>' in ours
    assert '<optgroup label="Roles">' in ours
    assert "Secondary &amp; &#34;16&#34;" in ours or "Secondary &amp; &quot;16&quot;" in ours


def test_a_select_template_of_our_own_is_used():
    template = FormRenderer().get_template("django/forms/widgets/select.html")
    assert "alliance/jinja2" in template.template.filename
