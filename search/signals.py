"""Keep the search index current when the rows it projects change."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from events.models import Event
from partnerships.models import Membership, NetworkGroup, PartnerOrganisation, Partnership
from people.models import Person, PersonQualification, RoleAssignment
from schools.models import School
from schools.signals import schools_written
from search.index import index_object, index_schools, remove_object

INDEXED = (School, Person, Partnership, NetworkGroup, Event, PartnerOrganisation)


def _saved(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata restores rows as they were; `search_reindex` rebuilds afterwards.
        index_object(instance)


def _deleted(sender, instance, **kwargs):
    remove_object(instance)


for model in INDEXED:
    post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{model.__name__}")
    post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{model.__name__}")


@receiver(post_save, sender=RoleAssignment, dispatch_uid="search-role-save")
@receiver(post_delete, sender=RoleAssignment, dispatch_uid="search-role-delete")
@receiver(post_save, sender=PersonQualification, dispatch_uid="search-qualification-save")
@receiver(post_delete, sender=PersonQualification, dispatch_uid="search-qualification-delete")
def _role_changed(sender, instance, raw=False, **kwargs):
    """A person is found by their roles and qualifications, so a change to either re-indexes
    the person."""
    if raw:
        return
    person = Person.objects.filter(pk=instance.person_id).select_related("school").first()
    if person is not None:
        index_object(person)


@receiver(post_save, sender=Membership, dispatch_uid="search-membership-save")
@receiver(post_delete, sender=Membership, dispatch_uid="search-membership-delete")
def _membership_changed(sender, instance, raw=False, **kwargs):
    """A school is found by its partnerships."""
    if raw:
        return
    school = School.objects.filter(pk=instance.school_id).first()
    if school is not None:
        index_object(school)


@receiver(schools_written, dispatch_uid="search-schools-written")
def _schools_written(sender, pks, **kwargs):
    """Schools written in bulk (the register's import) are indexed in bulk."""
    index_schools(pks)


@receiver(pre_save, sender=NetworkGroup, dispatch_uid="search-group-chair-before")
def _chair_before(sender, instance, raw=False, **kwargs):
    """Note who chaired the group before this save: they are no longer found as its chair."""
    if raw or instance.pk is None:
        instance._chair_before = None
        return
    instance._chair_before = (
        NetworkGroup.objects.filter(pk=instance.pk).values_list("chair_id", flat=True).first()
    )


@receiver(post_save, sender=NetworkGroup, dispatch_uid="search-group-chair-save")
@receiver(post_delete, sender=NetworkGroup, dispatch_uid="search-group-chair-delete")
def _chair_changed(sender, instance, raw=False, **kwargs):
    """A person is found as the chair of their groups ("Chair of SEND network")."""
    if raw:
        return
    chairs = {instance.chair_id, getattr(instance, "_chair_before", None)} - {None}
    for person in Person.objects.filter(pk__in=chairs).select_related("school"):
        index_object(person)
