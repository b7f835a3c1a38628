"""Every account page (allauth's: sign-in, sign-out, password reset and change, e-mail, two-factor,
connected accounts) is a page of the portal: the base layout, a "<page> - <portal>" title, one h1,
headings, buttons and labels in sentence case, and no "Are you sure?"."""

import html as htmllib
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core import mail
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from tests.accounts.test_mfa import sign_in
from tests.alliance.test_layout import assert_base_layout
from tests.factories import UserFactory
from tests.totp import current_code

# The portal's name and the providers' are proper nouns; anything else capitalised after a
# heading's first word is Title Case ("Sign Out", "Activate Authenticator App").
PROPER_NOUNS = {"Alliance", "Portal", "Microsoft", "Google", "I"}
TEXTS = re.compile(r"<(title|h[1-6]|button|label|legend)\b[^>]*>(.*?)</\1>", re.S)


def visible_texts(html: str) -> list[str]:
    """The page's title, headings, buttons, labels and legends, as a person reads them."""
    texts = []
    for _, inner in TEXTS.findall(html):
        text = " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", inner)).split())
        texts.append(text.removesuffix(" - Alliance Portal").removeprefix("Error: "))
    return [text for text in texts if text]


def title_case_words(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)[1:]
    return [
        word
        for word in words
        if word[0].isupper() and not word.isupper() and word not in PROPER_NOUNS
    ]


def assert_account_page(html: str, title: str) -> None:
    assert_base_layout(html, title)
    assert len(re.findall(r"<h1\b", html)) == 1
    assert "Are you sure" not in html
    title_case = {text: title_case_words(text) for text in visible_texts(html)}
    assert {text: words for text, words in title_case.items() if words} == {}


def test_the_sentence_case_check_catches_title_case():
    html = "<h1>Activate Authenticator App</h1><button>Sign Out</button><h2>Sign in</h2>"
    assert [title_case_words(text) for text in visible_texts(html)] == [
        ["Authenticator", "App"],
        ["Out"],
        [],
    ]


def verified(client: Client) -> Client:
    user = client.user
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return client


def signed_in_with_code(persona) -> Client:
    """A fresh browser that signed in with a password and a code from the authenticator app."""
    secret = generate_totp_secret()
    TOTP.activate(persona.user, secret)
    RecoveryCodes.activate(persona.user)
    client = sign_in(persona)
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    return client


def reset_link(client: Client, email: str) -> str:
    client.post("/accounts/password/reset/", {"email": email})
    return re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", mail.outbox[-1].body)[
        1
    ]


SIGNED_OUT_PAGES = {
    "/accounts/login/": "Sign in",
    "/accounts/password/reset/": "Reset your password",
    "/accounts/password/reset/done/": "Check your e-mail",
    "/accounts/password/reset/key/1-not-a-key/": "This link no longer works",
    "/accounts/password/reset/key/done/": "Password changed",
    "/accounts/confirm-email/": "Confirm your e-mail address",
    "/accounts/confirm-email/not-a-key/": "Confirm your e-mail address",
    "/accounts/signup/": "Accounts are by invitation",
    "/accounts/inactive/": "Account closed",
}


@pytest.mark.parametrize("url", SIGNED_OUT_PAGES)
def test_signed_out_account_page_is_a_portal_page(anonymous, db, url):
    response = anonymous.get(url)
    assert response.status_code == 200
    assert_account_page(response.content.decode(), SIGNED_OUT_PAGES[url])


SIGNED_IN_PAGES = {
    "/accounts/logout/": "Sign out",
    "/accounts/password/change/": "Change your password",
    "/accounts/email/": "E-mail addresses",
    "/accounts/2fa/": "Two-factor sign-in",
}


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_account_page_is_a_portal_page(staff, url):
    response = verified(staff).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert_account_page(html, SIGNED_IN_PAGES[url])
    # The account pages link to one another, marking the one shown.
    assert '<nav class="account-settings" aria-label="Your account">' in html
    assert re.search(rf'<a href="{url}" aria-current="page">', html)


def test_password_again_page_is_a_portal_page(staff):
    """Asked long after signing in, before a change such as turning off the authenticator."""
    response = verified(staff).get("/accounts/reauthenticate/")
    assert response.status_code == 200
    assert_account_page(response.content.decode(), "Confirm it is you")


def test_sign_out_is_one_button_without_are_you_sure(staff):
    html = staff.get("/accounts/logout/").content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    assert re.findall(r"<button[^>]*>(.*?)</button>", main) == ["Sign out"]
    response = staff.post("/accounts/logout/")
    assert response.status_code == 302
    assert staff.get("/people/").status_code == 302


def test_choosing_a_new_password_from_the_link(anonymous, staff):
    verified(staff)
    response = anonymous.get(reset_link(anonymous, staff.user.email), follow=True)
    assert_account_page(response.content.decode(), "Choose a new password")
    assert "New password (again)" in response.content.decode()


def test_set_password_page_for_an_account_without_one(db):
    user = UserFactory()
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    response = client.get("/accounts/password/set/")
    assert response.status_code == 200
    assert_account_page(response.content.decode(), "Set a password")


def test_two_factor_code_page_is_a_portal_page(head):
    TOTP.activate(head.user, generate_totp_secret())
    client = sign_in(head)
    response = client.get("/accounts/2fa/authenticate/")
    assert_account_page(response.content.decode(), "Enter your code")


def test_authenticator_set_up_says_why_it_is_needed(head):
    client = sign_in(head)
    response = client.get("/accounts/2fa/totp/activate/")
    html = response.content.decode()
    assert_account_page(html, "Set up an authenticator app")
    assert "Why you need one" in html
    assert "other people's details" in htmllib.unescape(html)
    assert 'id="authenticator_secret"' in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/accounts/2fa/totp/deactivate/", "Turn off your authenticator app"),
        ("/accounts/2fa/recovery-codes/", "Your recovery codes"),
        ("/accounts/2fa/recovery-codes/generate/", "Generate new recovery codes"),
        ("/accounts/2fa/reauthenticate/", "Confirm it is you"),
    ],
)
def test_two_factor_page_is_a_portal_page(head, url, title):
    client = signed_in_with_code(head)
    response = client.get(url)
    assert response.status_code == 200
    assert_account_page(response.content.decode(), title)


def test_recovery_codes_page_continues_and_offers_download_and_new_codes(head):
    client = signed_in_with_code(head)
    html = client.get("/accounts/2fa/recovery-codes/").content.decode()
    codes = Authenticator.objects.get(user=head.user, type=Authenticator.Type.RECOVERY_CODES)
    assert all(code in html for code in codes.wrap().get_unused_codes())
    assert re.search(r'<a class="button" href="/">Continue</a>', html)
    links = {text: href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', html)}
    assert links["Download the codes as a text file"] == "/accounts/2fa/recovery-codes/download/"
    assert links["Generate new codes"] == "/accounts/2fa/recovery-codes/generate/"


def test_failed_sign_in_shows_the_error_summary(anonymous, db):
    response = anonymous.post("/accounts/login/", {"login": "", "password": ""})
    html = response.content.decode()
    assert_account_page(html, "Error: Sign in")
    assert '<div class="error-summary" role="alert"' in html
    assert '<a href="#id_login">' in html


def test_wrong_current_password_shows_the_error_summary(staff):
    response = staff.post(
        "/accounts/password/change/",
        {"oldpassword": "not-it", "password1": "x-new-pass-77", "password2": "x-new-pass-77"},
    )
    html = response.content.decode()
    assert '<div class="error-summary" role="alert"' in html
    assert '<a href="#id_oldpassword">' in html
    assert "Current password" in html


def test_remember_me_sits_on_the_line_of_its_label(anonymous, db):
    html = anonymous.get("/accounts/login/").content.decode()
    assert re.search(
        r'<div class="field checkbox">\s*<input type="checkbox" name="remember" id="id_remember">'
        r'\s*<label for="id_remember">Remember me</label>',
        html,
    )


def test_password_reset_names_who_to_contact(anonymous, db, settings):
    settings.ACCOUNT_HELP_CONTACT = "the alliance office (office@alliance.example.org)"
    for url in ("/accounts/password/reset/", "/accounts/password/reset/done/"):
        html = anonymous.get(url).content.decode()
        assert "contact the alliance office (office@alliance.example.org)" in html
        assert "Please contact us" not in html


def test_sign_in_page_has_a_place_for_single_sign_on(anonymous, db):
    """account/_sso.html, empty until a provider is enabled, sits above the password form."""
    html = anonymous.get("/accounts/login/").content.decode()
    assert html.index("by invitation") < html.index('<form method="post" action="/accounts/login/"')


def test_messages_after_signing_in_and_out_are_in_the_portals_voice(anonymous, staff):
    verified(staff)
    response = anonymous.post(
        "/accounts/login/",
        {"login": staff.user.email, "password": "correct-horse-battery"},
        follow=True,
    )
    html = response.content.decode()
    assert "Signed in as" in html
    assert "Successfully" not in html
    response = anonymous.post("/accounts/logout/", follow=True)
    assert "You have signed out." in response.content.decode()


# Single sign-on's pages: their URLs exist once allauth.socialaccount is installed, so here
# each template is rendered as its view renders it.


def render_page(template: str, context: dict) -> str:
    request = RequestFactory().get("/accounts/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return render_to_string(template, context, request=request)


class _Provider:
    name = "Microsoft"


@pytest.mark.parametrize(
    ("template", "context", "title"),
    [
        (
            "socialaccount/authentication_error.html",
            {},
            "Signing in with your school account did not work",
        ),
        ("socialaccount/login_cancelled.html", {}, "Sign-in cancelled"),
        (
            "socialaccount/login.html",
            {"provider": _Provider(), "process": "login"},
            "Sign in with Microsoft",
        ),
    ],
)
def test_single_sign_on_page_is_a_portal_page(db, template, context, title):
    assert_account_page(render_page(template, context), title)
