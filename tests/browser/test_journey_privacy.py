"""A member of staff keeps their own data in hand: edits their profile, reads its history
field by field, and downloads everything the portal holds about them."""

import io
import json
import re
import zipfile
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import check_page, sign_in, verified_login


def test_staff_reads_their_history_and_downloads_their_data(page, staff):
    person = staff.person
    sign_in(page, verified_login(staff))
    page.goto(f"/people/{person.pk}/")
    check_page(page, "person-own")

    page.get_by_role("link", name="Edit my profile").click()
    page.get_by_label("Job title").fill("Reading lead")
    page.get_by_role("button", name=re.compile("^Save")).click()
    page.get_by_role("link", name="History").click()
    expect(page).to_have_title(re.compile(f"^History of {person.display_name} - "))
    newest = page.get_by_role("article").first
    expect(newest.get_by_role("row", name=re.compile("^Job title"))).to_contain_text("Reading lead")
    check_page(page, "person-history")

    page.goto(f"/people/{person.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    archive = zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))
    tables = json.loads(archive.read("archive.json"))
    assert tables["profile"][0]["job_title"] == "Reading lead"
    assert any(v["job_title"] == "Reading lead" for v in tables["profile history"])
