"""Helpers used by more than one app."""
