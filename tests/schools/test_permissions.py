"""schools.rules, persona by persona."""

import pytest

from schools.rules import can_edit_school, can_manage_school, can_view_school_history


@pytest.mark.parametrize(
    ("persona", "edit", "manage", "history"),
    [
        ("head", True, True, True),
        ("editor", True, False, True),
        ("admin", True, True, True),
        ("staff", False, False, False),
        ("coordinator", False, False, False),
        ("outsider", False, False, False),
        ("anonymous", False, False, False),
    ],
)
def test_school_permissions(request, school, persona, edit, manage, history):
    client = request.getfixturevalue(persona)
    user = getattr(client, "user", None)
    if user is None:
        from django.contrib.auth.models import AnonymousUser

        user = AnonymousUser()
    assert can_edit_school(user, school) is edit
    assert can_manage_school(user, school) is manage
    assert can_view_school_history(user, school) is history
