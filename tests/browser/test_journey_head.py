"""A headteacher keeps the school's profile true: signs in with two factors, edits the
profile (keyboard alone, errors summarised and linked), sees the change and its history."""

import re

from playwright.sync_api import expect

from schools.models import School
from tests.browser.conftest import (
    check_page,
    password_prompts,
    sign_in_with_code,
    tab_through,
    verified_login,
    with_authenticator,
)


def test_head_edits_the_profile_and_sees_the_change_and_its_history(page, head, school):
    email = verified_login(head)
    sign_in_with_code(page, email, with_authenticator(head))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_page(page, "home-head")

    page.get_by_role("region", name="My school").get_by_role("link", name=school.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(school.name)
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("link", name="Schools")).to_be_visible()
    check_page(page, "school")

    page.get_by_role("link", name="Edit this profile").click()
    expect(page).to_have_title(re.compile(f"^Edit {school.name} - "))
    check_page(page, "school-edit")
    reached = tab_through(page, "form.school-form")
    assert "eal_percent" in reached and "ethos" in reached

    # A mistake: the summary at the top says what and where, and its link moves focus there.
    page.get_by_label("Pupils with English as an additional language (%)").fill("150")
    page.get_by_role("button", name="Save the profile").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("nothing was saved")
    check_page(page, "school-edit-error")
    summary.get_by_role("link", name=re.compile("English as an additional language")).click()
    assert page.evaluate("document.activeElement.id") == "id_eal_percent"
    expect(page.get_by_label("Pupils with English as an additional language (%)")).to_be_focused()

    page.get_by_label("Pupils with English as an additional language (%)").fill("23.5")
    page.get_by_label("Ethos").fill("Every child reads by seven.")
    page.get_by_role("button", name="Save the profile").click()
    expect(page.get_by_role("status")).to_contain_text(f"Saved. The profile of {school.name}")
    expect(page.get_by_text("Every child reads by seven.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^23\.5% of pupils"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Last updated .* by the headteacher"))).to_be_visible()
    check_page(page, "school-saved")
    assert School.objects.get(pk=school.pk).ethos == "Every child reads by seven."

    # On paper the fact sheet keeps the facts and drops the navigation and the buttons.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("link", name="Edit this profile")).to_be_hidden()
    expect(page.get_by_role("heading", name="Facts")).to_be_visible()
    page.emulate_media(media="screen")

    page.get_by_role("link", name="History of changes").click()
    expect(page.get_by_role("status")).to_contain_text(re.compile(r"Showing changes 1-\d+ of"))
    newest = page.get_by_role("article").first
    expect(newest.get_by_role("heading")).to_contain_text("by")
    row = newest.get_by_role("row", name=re.compile("^Ethos"))
    expect(row).to_contain_text("Every child reads by seven.")
    expect(
        newest.get_by_role("row", name=re.compile("English as an additional language"))
    ).to_contain_text("23.5")
    check_page(page, "school-history")
    assert len(password_prompts(page)) == 1
