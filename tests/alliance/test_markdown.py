"""Formatted text (alliance.lib.markdown): what members write renders as Markdown, and nothing
in it can run script, load something from elsewhere, or break the page's headings."""

import re

import pytest
from django.utils import timezone

from alliance.lib.markdown import MARKDOWN_HELP, plain_text, render
from tests.factories import (
    EventFactory,
    NetworkGroupFactory,
    PartnershipFactory,
    ResourceFactory,
)

HOSTILE = [
    "<script>alert('x')</script>",
    '<p onclick="alert(1)">click</p>',
    '<a href="https://example.org" onmouseover="alert(1)">over</a>',
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![pic](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
    "![pic](https://example.org/x.png)",
    '<img src="x" onerror="alert(1)">',
    '<iframe src="https://example.org"></iframe>',
    '<div style="position:fixed">cover</div>',
    "<a href='javascript:alert(1)'>raw link</a>",
    "[x](vbscript:msgbox(1))",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_script_handlers_and_foreign_urls_are_neutralised(source):
    html = str(render(source))
    # No element the source wrote survives: raw HTML shows as its text.
    assert not re.search(r"<(script|img|iframe|div|svg|b)\b", html, re.I)
    for tag in re.findall(r"<[a-z][^>]*>", html):
        names = re.findall(r"\s([\w-]+)=", tag)
        assert not [name for name in names if name.startswith("on") or name in ("style", "src")]
        for href in re.findall(r'href="([^"]*)"', tag):
            assert href.startswith("https://")


def test_raw_html_is_shown_as_text():
    html = str(render("Press <b>here</b> & <script>x()</script>"))
    assert "&lt;b&gt;here&lt;/b&gt;" in html
    assert "&lt;script&gt;" in html
    assert "<b>" not in html and "<script" not in html


def test_headings_lists_links_and_emphasis_render():
    html = str(
        render(
            "# Agenda\n\n## Items\n\n1. Welcome\n2. **Reading** and *writing*\n\n"
            "- one\n- two\n\n[The portal](https://example.org/page)"
        )
    )
    # The page keeps its h1 and h2: the text's headings start at h3.
    assert "<h3>Agenda</h3>" in html and "<h4>Items</h4>" in html
    assert "<h1" not in html and "<h2" not in html
    assert "<ol>" in html and "<li>Welcome</li>" in html
    assert "<strong>Reading</strong>" in html and "<em>writing</em>" in html
    assert "<ul>" in html and "<li>two</li>" in html
    assert '<a href="https://example.org/page" rel="nofollow noopener">The portal</a>' in html


def test_headings_may_start_at_h2_and_never_go_past_h6():
    html = str(render("# Top\n\n###### Deep", top=2))
    assert "<h2>Top</h2>" in html and "<h6>Deep</h6>" in html
    assert "<h1" not in str(render("# Top", top=1))


def test_a_single_line_break_stays_a_line_break():
    """Agendas written before Markdown put one item on each line."""
    assert str(render("Welcome\nMinutes of last meeting")) == (
        "<p>Welcome<br>\nMinutes of last meeting</p>\n"
    )


def test_mail_and_phone_links_are_kept():
    html = str(render("[Write](mailto:office@example.org) or [ring](tel:02079460000)"))
    assert 'href="mailto:office@example.org"' in html and 'href="tel:02079460000"' in html


def test_plain_text_keeps_the_words_without_the_markup():
    assert plain_text("## Maths\n\n**KT** leads *fractions*\n\n- [Hub](https://example.org)") == (
        "Maths KT leads fractions Hub"
    )
    assert plain_text("") == ""


def test_event_page_shows_formatted_agenda_and_minutes_safely(staff, partnership):
    event = EventFactory(
        partnership=partnership,
        description="Bring **your data**.",
        agenda="# Agenda\n1. Welcome\n2. <script>alert(1)</script>",
        minutes="Actions: [see notes](javascript:alert(1))",
        minutes_published_at=timezone.now(),  # a draft would be for its organisers alone
    )
    html = staff.get(event.get_absolute_url()).content.decode()
    assert "<strong>your data</strong>" in html
    assert "<h3>Agenda</h3>" in html and "<li>Welcome</li>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "see notes" in html and 'href="javascript' not in html
    assert html.count("<h1") == 1
    assert "**" not in html


def test_partnership_group_and_resource_descriptions_are_formatted(anonymous, staff):
    partnership = PartnershipFactory(description="We **share** practice.", is_published=True)
    html = anonymous.get(partnership.get_absolute_url()).content.decode()
    assert "<strong>share</strong>" in html
    group = NetworkGroupFactory(partnership=partnership, description="- Phonics\n- Fluency")
    html = anonymous.get(group.get_absolute_url()).content.decode()
    assert "<li>Phonics</li>" in html
    resource = ResourceFactory(summary="A *fractions* sequence.\n\n# Big heading")
    html = staff.get(resource.get_absolute_url()).content.decode()
    assert "<em>fractions</em>" in html and "<h2>Big heading</h2>" in html
    assert html.count("<h1") == 1


def test_forms_with_formatted_text_say_markdown_may_be_used(coordinator):
    html = coordinator.get("/events/new/").content.decode()
    assert html.count("You can use Markdown") == 2  # description and agenda
    # The minutes are written on their own page (events.views.meetings.minutes_edit).
    event = EventFactory(partnership=coordinator.person.school.memberships.get().partnership)
    html = coordinator.get(f"/events/{event.pk}/minutes/").content.decode()
    assert html.count("You can use Markdown") == 1
    assert MARKDOWN_HELP.startswith("You can use Markdown")


def test_search_documents_hold_the_words_not_the_markup(db):
    from search.models import SearchDocument

    event = EventFactory(
        description="## Fractions\n\n**Bar models** with [the hub](https://example.org/hub)"
    )
    doc = SearchDocument.objects.get(object_id=event.pk, kind="event")
    assert "Fractions Bar models with the hub" in doc.body
    assert "**" not in doc.body and "##" not in doc.body and "https://" not in doc.body


def test_a_support_requests_needs_are_formatted(head, school):
    from tests.factories import SupportRequestFactory

    request = SupportRequestFactory(school=school, needs="Help with **fractions** in Year 5")
    html = head.get(request.get_absolute_url()).content.decode()
    assert "<strong>fractions</strong>" in html
