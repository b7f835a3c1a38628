"""The resource hub: files and links schools share, with comments, uses and network pins."""

from __future__ import annotations

import os
import uuid

from django.db import models
from django.db.models import Count, Q
from django.urls import reverse

from schools.models import Phase


class KeyStage(models.TextChoices):
    EYFS = "eyfs", "Early years (EYFS)"
    KS1 = "ks1", "Key stage 1"
    KS2 = "ks2", "Key stage 2"
    KS3 = "ks3", "Key stage 3"
    KS4 = "ks4", "Key stage 4"
    KS5 = "ks5", "Key stage 5 (16 to 19)"
    ALL = "all", "All key stages"


class Sharing(models.TextChoices):
    ALLIANCE = "alliance", "The whole alliance (everyone signed in)"
    PARTNERSHIP = "partnership", "One partnership only"


def resource_upload_to(instance: Resource, filename: str) -> str:
    """A random name: the uploader's file name is kept on the row, never on disk."""
    extension = os.path.splitext(filename)[1].lower()[:10]
    return f"resources/{uuid.uuid4().hex}{extension}"


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResourceQuerySet(models.QuerySet["Resource"]):
    def visible_to(self, user) -> ResourceQuerySet:
        """Who sees a resource, the one definition (resources.rules.can_view_resource asks it
        for one row). Public: nothing."""
        from alliance.permissions import is_admin, person_of
        from partnerships.models import Membership
        from schools.models import School

        if not user.is_authenticated:
            return self.none()
        if is_admin(user):
            return self
        person = person_of(user)
        if person is None:
            return self.filter(sharing=Sharing.ALLIANCE)
        mine = School.objects.filter(Q(headteacher=person) | Q(editors=person)).values("pk")
        visible = Q(sharing=Sharing.ALLIANCE) | Q(author=person) | Q(source_school__in=mine)
        if person.school_id:
            member_of = (
                Membership.objects.current()
                .filter(school_id=person.school_id)
                .values("partnership")
            )
            visible |= Q(partnership__in=member_of)
        return self.filter(visible)

    def for_list(self) -> ResourceQuerySet:
        """List rows with source school, specialism, tags and the number of uses: two queries
        (plus the paginator's count)."""
        return (
            self.select_related("source_school", "specialism", "partnership")
            .prefetch_related("tags")
            .annotate(use_count=Count("uses", distinct=True))
            .order_by("-created_at", "-id")
        )


class Resource(models.Model):
    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=3000)
    specialism = models.ForeignKey(
        "people.Specialism",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name="subject or specialism",
    )
    phase = models.CharField(max_length=20, choices=Phase, blank=True)
    key_stage = models.CharField(max_length=10, choices=KeyStage, blank=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="resources")
    source_school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name="the school it comes from",
    )
    author = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
        editable=False,
    )
    file = models.FileField(upload_to=resource_upload_to, blank=True, max_length=200)
    file_name = models.CharField(max_length=200, blank=True, editable=False)
    file_type = models.CharField(max_length=20, blank=True, editable=False)
    file_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    url = models.URLField("link", blank=True, max_length=500)
    sharing = models.CharField(max_length=20, choices=Sharing, default=Sharing.ALLIANCE)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="resources",
        help_text="For resources shared with one partnership only.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""), name="resource_has_file_or_link"
            ),
            models.CheckConstraint(
                condition=Q(sharing="alliance") | Q(partnership__isnull=False),
                name="resource_partnership_sharing_names_partnership",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("resources:detail", kwargs={"pk": self.pk})


class Comment(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="resource_comments"
    )
    body = models.TextField("comment", max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.resource}"


class Use(models.Model):
    """A person says they used a resource: once each."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="uses")
    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="resource_uses"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "person"], name="resource_use_once")
        ]

    def __str__(self) -> str:
        return f"{self.person} used {self.resource}"


class Pin(models.Model):
    """A network group pins a resource for its members."""

    group = models.ForeignKey(
        "partnerships.NetworkGroup", on_delete=models.CASCADE, related_name="resource_pins"
    )
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="pins")
    pinned_by = models.ForeignKey(
        "people.Person", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group__name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "resource"], name="resource_pin_once")
        ]

    def __str__(self) -> str:
        return f"{self.resource} pinned in {self.group}"
