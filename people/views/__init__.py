"""The people app's pages, split by feature."""

from people.views.directory import person_export, person_list
from people.views.history import person_history
from people.views.profile import my_profile, person_detail, person_edit, person_vcard_view
from people.views.roles import role_add, role_end_view

__all__ = [
    "my_profile",
    "person_detail",
    "person_edit",
    "person_export",
    "person_history",
    "person_list",
    "person_vcard_view",
    "role_add",
    "role_end_view",
]
