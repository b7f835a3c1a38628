"""System leadership support: a school asks for help, coordinators deploy system leaders.

Time is agreed and logged either in days or in hours (one unit per deployment); reports and
capacity convert hours to days at settings.SUPPORT_HOURS_PER_DAY.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone


def to_days(amount: Decimal, unit: str) -> Decimal:
    """An amount of time in `unit` (days or hours) as days, to two decimal places."""
    if unit == TimeUnit.HOURS:
        return (Decimal(amount) / Decimal(settings.SUPPORT_HOURS_PER_DAY)).quantize(Decimal("0.01"))
    return Decimal(amount)


class TimeUnit(models.TextChoices):
    DAYS = "days", "Days"
    HOURS = "hours", "Hours"


class RequestStatus(models.TextChoices):
    OPEN = "open", "Open"
    MET = "met", "Support deployed"
    CLOSED = "closed", "Closed"


def _editable_schools(person) -> Q:
    """Schools the person heads or edits, as a filter on a `school` relation's id."""
    return Q(headteacher=person) | Q(editors=person)


class SupportRequestQuerySet(models.QuerySet["SupportRequest"]):
    def visible_to(self, user) -> SupportRequestQuerySet:
        """Admins see all; a school's head and editors see its requests; coordinators see the
        requests of every school in a partnership they coordinate. The public sees nothing."""
        from alliance.permissions import is_admin, person_of
        from partnerships.models import Membership
        from schools.models import School

        if is_admin(user):
            return self
        person = person_of(user)
        if person is None:
            return self.none()
        mine = School.objects.filter(_editable_schools(person)).values("pk")
        coordinated = Membership.objects.current().filter(coordinator=person).values("partnership")
        in_coordinated = (
            Membership.objects.current().filter(partnership__in=coordinated).values("school")
        )
        return self.filter(Q(school__in=mine) | Q(school__in=in_coordinated))

    def open(self) -> SupportRequestQuerySet:
        return self.filter(status=RequestStatus.OPEN)

    def for_list(self) -> SupportRequestQuerySet:
        """Rows of a request list with their school and specialism: one query."""
        return (
            self.select_related("school", "specialism")
            .annotate(deployment_count=models.Count("deployments"))
            .order_by("-created_at", "-id")
        )


class SupportRequest(models.Model):
    school = models.ForeignKey(
        "schools.School", on_delete=models.CASCADE, related_name="support_requests"
    )
    specialism = models.ForeignKey(
        "people.Specialism", on_delete=models.PROTECT, related_name="support_requests"
    )
    needs = models.TextField("what the school needs", max_length=4000)
    wanted_from = models.DateField("support wanted from")
    wanted_until = models.DateField("support wanted until", null=True, blank=True)
    status = models.CharField(max_length=20, choices=RequestStatus, default=RequestStatus.OPEN)
    requested_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests_made",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SupportRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(wanted_until__isnull=True)
                | Q(wanted_until__gte=models.F("wanted_from")),
                name="support_request_dates_ordered",
            )
        ]
        indexes = [models.Index(fields=["status"], name="support_request_status_idx")]

    def __str__(self) -> str:
        return f"{self.specialism} support for {self.school}"

    def get_absolute_url(self) -> str:
        return reverse("support:request", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == RequestStatus.OPEN


class DeploymentQuerySet(models.QuerySet["Deployment"]):
    def visible_to(self, user) -> DeploymentQuerySet:
        """Admins; the system leader; the head and editors of the supported school and of the
        leader's school; the coordinators of the partnership it runs under."""
        from alliance.permissions import is_admin, person_of
        from partnerships.models import Membership
        from schools.models import School

        if is_admin(user):
            return self
        person = person_of(user)
        if person is None:
            return self.none()
        mine = School.objects.filter(_editable_schools(person)).values("pk")
        coordinated = Membership.objects.current().filter(coordinator=person).values("partnership")
        return self.filter(
            Q(system_leader=person)
            | Q(supported_school__in=mine)
            | Q(system_leader__school__in=mine)
            | Q(partnership__in=coordinated)
        )

    def current(self, on: datetime.date | None = None) -> DeploymentQuerySet:
        """Deployments not yet finished: they still take up the leader's capacity."""
        on = on or timezone.localdate()
        return self.filter(ends_on__gte=on, completed_at__isnull=True)

    def overlapping(self, start: datetime.date, end: datetime.date) -> DeploymentQuerySet:
        return self.filter(starts_on__lte=end, ends_on__gte=start)

    def for_list(self) -> DeploymentQuerySet:
        """Rows of a deployment list: leader, schools, partnership, specialism and the time
        given so far, in one query."""
        return (
            self.select_related(
                "system_leader__school", "supported_school", "partnership", "specialism"
            )
            .annotate(time_given=models.Sum("visits__amount"))
            .order_by("-starts_on", "-id")
        )


class Deployment(models.Model):
    request = models.ForeignKey(
        SupportRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deployments",
    )
    system_leader = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="deployments"
    )
    supported_school = models.ForeignKey(
        "schools.School", on_delete=models.PROTECT, related_name="support_received"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        on_delete=models.PROTECT,
        related_name="deployments",
        help_text="The partnership the support runs under.",
    )
    specialism = models.ForeignKey(
        "people.Specialism", on_delete=models.PROTECT, related_name="deployments"
    )
    focus = models.CharField(max_length=300, help_text="What the improvement project is about.")
    starts_on = models.DateField()
    ends_on = models.DateField()
    time_unit = models.CharField(max_length=10, choices=TimeUnit, default=TimeUnit.DAYS)
    time_agreed = models.DecimalField(
        max_digits=6, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    outcome = models.TextField("outcome and impact", blank=True, max_length=6000)
    completed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="deployment_dates_ordered"
            ),
            models.CheckConstraint(
                condition=Q(time_agreed__gt=0), name="deployment_time_agreed_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system_leader} at {self.supported_school}: {self.focus}"

    def get_absolute_url(self) -> str:
        return reverse("support:deployment", kwargs={"pk": self.pk})

    @property
    def days_agreed(self) -> Decimal:
        return to_days(self.time_agreed, self.time_unit)

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class Visit(models.Model):
    """One visit (or remote session) of a deployment, in the deployment's unit of time."""

    deployment = models.ForeignKey(Deployment, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField("date")
    amount = models.DecimalField(
        "time given",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    note = models.TextField(blank=True, max_length=2000)
    logged_by = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["visited_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="visit_amount_positive")
        ]

    def __str__(self) -> str:
        return f"Visit on {self.visited_on:%d %B %Y}"
