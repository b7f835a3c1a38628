"""Test settings and the personas every test speaks through.

Personas: anonymous, staff (a member of staff at `school`), head (its headteacher), editor
(an editor it appointed), coordinator (coordinator of `partnership`, which `school` belongs to),
outsider (staff at another school) and admin (an alliance admin).
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import get_resolver

from tests.factories import (
    MembershipFactory,
    PartnershipFactory,
    PersonFactory,
    SchoolFactory,
    UserFactory,
)


@pytest.fixture(scope="session", autouse=True)
def _url_map_as_configured(django_test_environment) -> None:
    """Read the URL map once, before any test changes DEBUG: the routes alliance.urls adds
    with DEBUG on (serving uploads) are there whichever test a worker happens to run first."""
    get_resolver().url_patterns  # noqa: B018 (imports the URLconf)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Serve static files from the source folders: tests never run collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Each test starts with an empty cache: nothing cached by an earlier test's rolled-back rows.
    cache.clear()


def sign_in(person=None, *, admin: bool = False) -> Client:
    """A client signed in as `person` (or as an account without a profile when None), with
    the person's e-mail as the account's; an alliance admin when `admin`."""
    user = UserFactory(email=person.email) if person is not None else UserFactory()
    if admin:
        user.is_staff = user.is_superuser = True
        user.save()
    if person is not None:
        person.user = user
        person.save(update_fields=["user"])
    client = Client()
    client.force_login(user)
    client.person = person
    client.user = user
    return client


@pytest.fixture
def school(db):
    return SchoolFactory(name="Abbeyfield Primary School", slug="abbeyfield-primary-school")


@pytest.fixture
def other_school(db):
    return SchoolFactory(name="Brookside Primary School", slug="brookside-primary-school")


@pytest.fixture
def partnership(db, school):
    partnership = PartnershipFactory(name="Testbridge Alliance", slug="testbridge-alliance")
    MembershipFactory(school=school, partnership=partnership)
    return partnership


@pytest.fixture
def anonymous() -> Client:
    return Client()


@pytest.fixture
def staff(school) -> Client:
    return sign_in(PersonFactory(school=school, job_title="Class teacher"))


@pytest.fixture
def head(school) -> Client:
    client = sign_in(PersonFactory(school=school, job_title="Headteacher"))
    school.headteacher = client.person
    school.save(update_fields=["headteacher"])
    return client


@pytest.fixture
def editor(school) -> Client:
    client = sign_in(PersonFactory(school=school, job_title="Office manager"))
    school.editors.add(client.person)
    return client


@pytest.fixture
def coordinator(partnership, school) -> Client:
    client = sign_in(PersonFactory(school=school, job_title="Deputy headteacher"))
    membership = partnership.memberships.get(school=school)
    membership.coordinator = client.person
    membership.save(update_fields=["coordinator"])
    return client


@pytest.fixture
def outsider(other_school) -> Client:
    return sign_in(PersonFactory(school=other_school, job_title="Class teacher"))


@pytest.fixture
def admin(db) -> Client:
    return sign_in(PersonFactory(school=None, job_title="Alliance administrator"), admin=True)


@pytest.fixture
def chair(partnership, school) -> Client:
    """The chair of the partnership's SEND network (a member of staff at `school`)."""
    from tests.factories import NetworkGroupFactory

    client = sign_in(PersonFactory(school=school, job_title="SENCo"))
    client.group = NetworkGroupFactory(
        partnership=partnership, name="SEND network", slug="send-network", chair=client.person
    )
    return client


# N+1 detection: no page runs the same query once per row ------------------------------------

NPLUSONE_LIMIT = 5


@pytest.fixture(autouse=True)
def _no_n_plus_one(monkeypatch):
    """Fail any GET request that runs the same SELECT (parameters aside) more than
    NPLUSONE_LIMIT times: the signature of a query per row, in a view or a template."""
    import re as _re
    from collections import Counter

    from django.core.handlers.base import BaseHandler
    from django.db import connection

    original = BaseHandler.get_response

    def get_response(self, request):
        # Django admin's own pages (inlines, change forms) are not the portal's pages.
        if request.method != "GET" or request.path.startswith("/admin/"):
            return original(self, request)
        shapes = Counter()

        def count(execute, sql, params, many, context):
            # allauth's MFA pages ask "has an authenticator?" a few times per request: its
            # own internals, not a query per row.
            if sql.lstrip().upper().startswith("SELECT") and "mfa_authenticator" not in sql:
                shapes[_re.sub(r"\b\d+\b", "?", sql)] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = original(self, request)
        repeated = {sql[:160]: n for sql, n in shapes.items() if n > NPLUSONE_LIMIT}
        assert not repeated, f"N+1 queries on GET {request.path}: {repeated}"
        return response

    monkeypatch.setattr(BaseHandler, "get_response", get_response)
