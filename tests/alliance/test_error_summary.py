"""After a failed submit every form shows the one error summary: it takes the focus as the page
loads and the title begins "Error: ", on sign-in as on every form page."""

import re

from django import forms
from django.template.loader import render_to_string

from tests.factories import UserFactory


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)


def summary(response) -> str:
    found = re.search(r'<div class="error-summary"[^>]*>', response.content.decode())
    assert found, "no error summary"
    return found.group(0)


def test_a_failed_sign_in_is_announced(anonymous, db):
    UserFactory(email="member@example.org")
    response = anonymous.post(
        "/accounts/login/", {"login": "member@example.org", "password": "wrong"}
    )
    assert title(response).startswith("Error: Sign in - ")
    assert "autofocus" in summary(response) and 'tabindex="-1"' in summary(response)


def test_a_failed_form_is_announced(staff):
    person = staff.person
    response = staff.post(f"/people/{person.pk}/edit/", {"first_name": "", "last_name": ""})
    assert title(response).startswith("Error: ")
    assert "autofocus" in summary(response)
    assert title(staff.get(f"/people/{person.pk}/edit/")).startswith("Edit")


def test_a_failed_page_with_formsets_is_announced(coordinator, partnership):
    response = coordinator.post(
        f"/partnerships/{partnership.slug}/edit/",
        {
            "description": "x",
            "aims-TOTAL_FORMS": "1",
            "aims-INITIAL_FORMS": "0",
            "aims-0-text": "x" * 501,
            "commitments-TOTAL_FORMS": "0",
            "commitments-INITIAL_FORMS": "0",
        },
    )
    assert title(response).startswith("Error: ")


def test_a_summary_link_names_its_field_when_the_message_does_not():
    class Example(forms.Form):
        fsm = forms.IntegerField(
            label="Pupils eligible for free school meals (%)",
            error_messages={"invalid": "Enter a percentage."},
        )
        title = forms.CharField(error_messages={"required": "Enter the title."})

    html = render_to_string("_error_summary.html", {"form": Example({"fsm": "x", "title": ""})})
    assert "Pupils eligible for free school meals (%): Enter a percentage." in html
    assert ">Enter the title.</a>" in html


def test_the_summarys_focus_ring_is_the_sites_dark_and_yellow_one(settings):
    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()
    rule = re.search(r"([^}]*\.error-summary:focus[^{]*)\{([^}]*)\}", css)
    assert rule and "var(--focus)" in rule.group(2) and "var(--ink)" in rule.group(2)
    assert ".error-summary:focus { outline: 3px solid var(--focus); }" not in css
