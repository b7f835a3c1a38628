"""Finding, through Django's app registry, every table that names a person, and its rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models

from people.models import Person
from privacy.registry import Link, link_for


@dataclass(frozen=True)
class Found:
    """One field of one model that points at a person (or their account)."""

    model: type[models.Model]
    field: models.Field
    link: Link | None  # None: not in the registry yet (the registry's test fails).

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field.name}"

    @property
    def to_user(self) -> bool:
        return self.field.related_model is apps.get_model(settings.AUTH_USER_MODEL)

    @property
    def title(self) -> str:
        if self.link is not None and self.link.title:
            return self.link.title
        return f"{self.model._meta.verbose_name_plural} ({self.field.verbose_name})"

    def rows(self, person: Person, user) -> models.QuerySet:
        """The rows that name `person` (or `user`, their account, or None) through this field."""
        target = user if self.to_user else person
        if target is None:
            return self.model._default_manager.none()
        return self.model._default_manager.filter(**{self.field.name: target})


def person_fields() -> Iterator[Found]:
    """Every concrete key or many-to-many field of every installed model that points at a
    Person or a User, in the app registry's order."""
    targets = {Person, apps.get_model(settings.AUTH_USER_MODEL)}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model in targets:
                yield Found(model, field, link_for(model._meta.label, field.name))


def text_columns() -> Iterator[tuple[type[models.Model], models.Field]]:
    """Every text and JSON column of every table (many-to-many tables included): where a name,
    an address or a telephone number may have been written."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field
