"""Every table that names a person says how subject access and erasure treat it."""

from django.apps import apps

from privacy.links import person_fields
from privacy.registry import PERSON_LINKS


def test_every_field_that_points_at_a_person_or_account_is_in_the_registry():
    """A model that adds a key to Person or User (a poll answer, a review report...) gets a
    line in privacy.registry.PERSON_LINKS before it ships."""
    missing = [found.key for found in person_fields() if found.link is None]
    assert missing == [], f"Add these to privacy.registry.PERSON_LINKS: {missing}"


def test_every_line_of_the_registry_names_a_real_field():
    """No stale lines: each names a field of an installed model (apps not installed here, such
    as allauth's social accounts, are allowed: their line is ready for when they are)."""
    found = {f.key for f in person_fields()}
    for key in PERSON_LINKS:
        app_label = key.split(".")[0]
        if apps.is_installed(f"allauth.{app_label}") or app_label in {
            config.label for config in apps.get_app_configs()
        }:
            assert key in found, key
