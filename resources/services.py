"""Resource hub writes: share, edit, comment, say you used it, pin for a group."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from partnerships.models import NetworkGroup
from people.models import Person
from resources.models import Comment, Pin, Resource, Tag, Use


def _set_tags(resource: Resource, names: list[str]) -> None:
    existing = {t.name: t for t in Tag.objects.filter(name__in=names)}
    tags = [existing.get(name) or Tag.objects.create(name=name) for name in names]
    resource.tags.set(tags)


@transaction.atomic
def resource_save(
    *, resource: Resource, tags: list[str], author: Person | None, file_kind=None
) -> Resource:
    """Save a new or edited resource (built by the form) with its tags and file facts."""
    if resource.pk is None:
        resource.author = author
    upload = resource.file if resource.file and not resource.file._committed else None
    if upload is not None:
        resource.file_name = upload.name.rsplit("/", 1)[-1][:200]
        resource.file_size = upload.size
        resource.file_type = file_kind.code if file_kind else ""
    elif not resource.file:
        resource.file_name, resource.file_size, resource.file_type = "", None, ""
    resource.full_clean(exclude=["file"])
    resource.save()
    _set_tags(resource, tags)
    return resource


@transaction.atomic
def comment_add(*, resource: Resource, author: Person, body: str) -> Comment:
    comment = Comment(resource=resource, author=author, body=body)
    comment.full_clean()
    comment.save()
    return comment


def use_record(*, resource: Resource, person: Person) -> bool:
    """Record that `person` used `resource`. False when they had already said so."""
    try:
        with transaction.atomic():
            _, created = Use.objects.get_or_create(resource=resource, person=person)
    except IntegrityError:  # Two clicks at once: the constraint keeps one.
        return False
    return created


@transaction.atomic
def pin_add(*, resource: Resource, group: NetworkGroup, pinned_by: Person | None) -> Pin:
    pin, _ = Pin.objects.get_or_create(
        resource=resource, group=group, defaults={"pinned_by": pinned_by}
    )
    return pin


@transaction.atomic
def pin_remove(*, resource: Resource, group: NetworkGroup) -> None:
    Pin.objects.filter(resource=resource, group=group).delete()
