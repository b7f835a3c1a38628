"""People: staff profiles, the alliance roles they hold, and who may see their contacts."""

from __future__ import annotations

import datetime
import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Trim
from django.db.models.lookups import Exact
from django.utils import timezone

from alliance.lib.fields import PhoneNumberField
from alliance.lib.history import ChangesOnlyHistory
from alliance.lib.urls import reverse_row


class ContactVisibility(models.TextChoices):
    """Who may see a person's e-mail and telephone. The public never does."""

    ALLIANCE = "alliance", "Everyone signed in to the alliance"
    SCHOOL = "school", "Only people at my own school"
    ADMINS = "admins", "Nobody but alliance admins"


class RoleType(models.Model):
    """A vocabulary of alliance roles (SLE, SBM, SENCo...), extended by admins."""

    name = models.CharField(max_length=100, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    is_system_leader = models.BooleanField(
        default=False, help_text="System leaders can be deployed to support other schools."
    )
    ordering = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class Specialism(models.Model):
    """A vocabulary of areas of expertise (maths, SEND, early years...), extended by admins."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


PHOTO_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}


# What a person is called where they have no name to show. The database refuses such a row
# (person_named below); this covers a name read before the row is saved, or only in part.
UNNAMED = "Unnamed person"


def person_photo_path(instance: Person, filename: str) -> str:
    """A random, unguessable name: photos are served without a permission check."""
    extension = PurePath(filename).suffix.lower()
    if extension not in PHOTO_EXTENSIONS:
        extension = ".jpg"
    return f"people/photos/{uuid.uuid4().hex}{extension}"


DIRECTORY_FIELDS = [
    "first_name",
    "last_name",
    "preferred_name",
    "pronouns",
    "job_title",
    "email",
    "telephone",
    "contact_visibility",
    "erased_at",
    "school__name",
    "school__slug",
    "organisation__name",
]
DIRECTORY_ROLE_FIELDS = [
    "person",
    "starts_on",
    "ends_on",
    "specialism",
    "role_type__name",
    "role_type__abbreviation",
    "specialism__name",
]


class PersonQuerySet(models.QuerySet["Person"]):
    def active(self) -> PersonQuerySet:
        return self.filter(erased_at__isnull=True)

    def for_directory(self) -> PersonQuerySet:
        """The people directory's rows with their school and current roles.

        Two queries for any number of rows: the people (with school and organisation joined)
        and their current roles (with role type and specialism joined), as `current_roles`,
        each read as far as its label (str(role)) needs.
        """
        today = timezone.localdate()
        return (
            self.active()
            .select_related("school", "organisation")
            # Only what a row shows: a school row alone has some fifty columns.
            .only(*DIRECTORY_FIELDS)
            .prefetch_related(
                models.Prefetch(
                    "role_assignments",
                    queryset=RoleAssignment.objects.current(today)
                    .select_related("role_type", "specialism")
                    # A row names each role and its specialism, nothing more.
                    .only(*DIRECTORY_ROLE_FIELDS),
                    to_attr="current_roles",
                )
            )
            .order_by("last_name", "first_name", "pk")
        )

    def for_profile(self) -> PersonQuerySet:
        """A person page: the person, workplace and every role they held. Two queries."""
        return self.select_related("school", "organisation", "updated_by").prefetch_related(
            models.Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.select_related(
                    "role_type", "specialism", "partnership"
                ).order_by("-ends_on", "role_type__ordering", "-starts_on", "pk"),
                to_attr="all_roles",
            )
        )


class Person(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)
    job_title = models.CharField(max_length=150, blank=True)
    school = models.ForeignKey(
        "schools.School",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    organisation = models.ForeignKey(
        "partnerships.PartnerOrganisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text="For people who work for a partner organisation rather than a school.",
    )
    email = models.EmailField("work e-mail", blank=True)
    telephone = PhoneNumberField("work telephone", blank=True)
    bio = models.TextField("short bio", blank=True, max_length=2000)
    expertise = models.TextField("areas of expertise", blank=True, max_length=1000)
    photo = models.ImageField(
        upload_to=person_photo_path,
        blank=True,
        help_text="Optional. A JPEG, PNG or WebP image of up to 2 MB.",
    )
    contact_visibility = models.CharField(
        "who may see my e-mail and telephone",
        max_length=20,
        choices=ContactVisibility,
        default=ContactVisibility.ALLIANCE,
    )
    erased_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Set when personal data was erased."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    # Who changed what, field by field (/people/<id>/history/); erasure scrubs these rows too.
    history = ChangesOnlyHistory(
        excluded_fields=["created_at", "updated_at"], bookkeeping=("updated_by",)
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name_idx"),
            # The directory's order, for the people it lists, read from the index alone: a
            # filter on a common role walks it in name order and stops at the page cap.
            models.Index(
                fields=["last_name", "first_name", "id"],
                condition=Q(erased_at__isnull=True),
                name="person_directory_idx",
            ),
            # On PostgreSQL also person_id_names_idx, the same by person (people migration
            # 0009).
        ]
        constraints = [
            # Every person has a first and a last name, whoever saves the row (a form, the
            # admin, an import). The one row without them is what erasure leaves: it keeps
            # "Former member of staff" and nothing else.
            models.CheckConstraint(
                condition=Q(erased_at__isnull=False)
                | (~Q(Exact(Trim("first_name"), "")) & ~Q(Exact(Trim("last_name"), ""))),
                name="person_named",
                violation_error_message="A person needs a first name and a last name.",
            )
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_absolute_url(self) -> str:
        return reverse_row("people:detail", pk=self.pk)

    @property
    def display_name(self) -> str:
        """The name every page shows (links, headings, titles): never empty."""
        if self.erased_at:
            return "Former member of staff"
        name = f"{self.preferred_name or self.first_name} {self.last_name}".strip()
        return name or UNNAMED

    @property
    def workplace(self):
        return self.school or self.organisation

    @property
    def updated_by_label(self) -> str:
        """Who last changed the profile, as a role rather than a name."""
        user = self.updated_by
        if user is None:
            return ""
        if user.pk == self.user_id:
            return "them"
        if user.is_alliance_admin:
            return "an alliance admin"
        return "their school"

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def roles_split(self, on: datetime.date | None = None) -> tuple[list, list]:
        """(current and upcoming, past) from the `all_roles` that for_profile() prefetched."""
        on = on or timezone.localdate()
        current, past = [], []
        for role in self.all_roles:
            (past if role.ended_by(on) else current).append(role)
        return current, past


class RoleAssignmentQuerySet(models.QuerySet["RoleAssignment"]):
    """A role is held from `starts_on` up to, but not including, `ends_on`.

    So a role ended today is a past role from today: ending a role moves it to "past roles"
    at once, and the row stays as history.
    """

    def current(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(starts_on__isnull=True) | Q(starts_on__lte=on)).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gt=on)
        )

    def past(self, on: datetime.date | None = None) -> RoleAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(ends_on__lte=on)


class RoleAssignment(models.Model):
    """A person holds a role (with an optional specialism, within an optional partnership)."""

    # Indexed by role_person_idx below, which starts with the person.
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="role_assignments", db_index=False
    )
    role_type = models.ForeignKey(RoleType, on_delete=models.PROTECT, related_name="assignments")
    specialism = models.ForeignKey(
        Specialism,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="role_assignments",
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the role ended. Empty while the person still holds it.",
    )

    history = ChangesOnlyHistory()

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["role_type__ordering", "-starts_on"]
        indexes = [
            # "SLEs for maths": the holders of a role (with a specialism) read from the index
            # alone, dates included, instead of every role row with that specialism.
            models.Index(
                fields=["role_type", "specialism", "person", "starts_on", "ends_on"],
                name="role_holders_idx",
            ),
            # A person's roles, and "does this person hold that role now?" answered from the
            # index alone (the directory filtered on a role held by tens of thousands).
            models.Index(
                fields=["person", "role_type", "specialism", "starts_on", "ends_on"],
                name="role_person_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="role_assignment_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        label = str(self.role_type)
        if self.specialism_id:
            label = f"{label} ({self.specialism})"
        return label

    def ended_by(self, on: datetime.date) -> bool:
        return self.ends_on is not None and self.ends_on <= on

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        started = self.starts_on is None or self.starts_on <= today
        return started and not self.ended_by(today)

    @property
    def is_upcoming(self) -> bool:
        return self.starts_on is not None and self.starts_on > timezone.localdate()
