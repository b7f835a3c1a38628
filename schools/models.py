"""Schools: the public register's facts plus what each school says about itself."""

from __future__ import annotations

import re
import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from alliance.lib.fields import PhoneNumberField
from alliance.lib.urls import reverse_row
from alliance.lib.visibility import PublishedOrSignedIn
from schools.choices import (
    Designation,
    EstablishmentType,
    FactSource,
    OfstedGrade,
    Phase,
    Status,
    UpdatedByRole,
)
from schools.validators import validate_logo
from schools.versions import SchoolHistoryManager

urn_validator = RegexValidator(r"^\d{6}$", "A URN is the DfE's 6-digit number, e.g. 100000.")
laestab_validator = RegexValidator(
    r"^\d{7}$", "LAESTAB is the 3-digit LA code followed by the 4-digit establishment number."
)
percent_validators = [MinValueValidator(0), MaxValueValidator(100)]


# The facts the public register (Get Information About Schools) holds. The register's import
# writes them; a school asks for a correction instead of changing them (SchoolCorrection), except
# its contacts (SCHOOL_CONTACT_FIELDS), which it keeps itself: from its first change on, the
# school's value wins and an import leaves it alone (see School.school_set_fields).
REGISTER_FIELDS = (
    "name", "urn", "laestab", "phase", "establishment_type", "status", "address_line1",
    "address_line2", "address_line3", "town", "local_authority", "postcode", "telephone",
    "website", "headteacher", "head_name", "closed_on", "statutory_low_age",
    "statutory_high_age", "pupils_on_roll", "capacity", "fsm_percent", "ofsted_grade",
    "ofsted_outcome", "ofsted_inspection_date", "ofsted_report_url",
)  # fmt: skip
SCHOOL_CONTACT_FIELDS = ("telephone", "website")
# Register facts a school sees as text and may only ask to correct. (The headteacher is a
# person in the portal, handed over on the edit page.)
CORRECTABLE_FIELDS = tuple(
    name for name in REGISTER_FIELDS if name not in (*SCHOOL_CONTACT_FIELDS, "headteacher")
)
# Facts only the school gives.
SCHOOL_FIELDS = ("email", "eal_percent", "designation", "ethos", "alliance_offer", "logo")


def logo_upload_to(instance: School, filename: str) -> str:
    """A random name under schools/logos/, keeping only the (validated) extension."""
    suffix = PurePath(filename).suffix.lower()[:5]
    return f"schools/logos/{uuid.uuid4().hex}{suffix}"


# Who sees a school: the list filter and schools.rules.can_view_school both read this.
VISIBILITY = PublishedOrSignedIn("is_published")


class SchoolQuerySet(models.QuerySet["School"]):
    def published(self) -> SchoolQuerySet:
        return self.filter(is_published=True)

    def visible_to(self, user) -> SchoolQuerySet:
        """Signed-in members see every school; the public only published ones."""
        return VISIBILITY.filter(self, user)

    def search(self, text: str) -> SchoolQuerySet:
        """Name or town (any part), URN (exact) or postcode (full or the start of it)."""
        text = " ".join(text.split())
        if not text:
            return self
        match = Q(name__icontains=text) | Q(town__icontains=text)
        if text.isdigit():
            match |= Q(urn=text)
        postcode = normalise_postcode_query(text)
        if postcode:
            match |= Q(postcode__startswith=postcode)
        return self.filter(match)

    def in_partnership(self, partnerships) -> SchoolQuerySet:
        """Schools with a current membership of any of `partnerships` (a queryset), as an
        EXISTS, so no duplicates."""
        from partnerships.models import Membership

        current = Membership.objects.current().filter(
            school=models.OuterRef("pk"), partnership__in=partnerships
        )
        return self.filter(models.Exists(current))

    def for_export(self) -> SchoolQuerySet:
        """The CSV export's rows with their headteacher: one query, streamed."""
        return self.select_related("headteacher")

    def for_page(self) -> SchoolQuerySet:
        """The school page's row with the headteacher and who last saved it: one query."""
        return self.select_related("headteacher")

    def for_directory(self) -> SchoolQuerySet:
        """The school directory's rows: one query, whatever the number of rows."""
        return self.only(
            "id",
            "name",
            "slug",
            "urn",
            "phase",
            "establishment_type",
            "status",
            "closed_on",
            "town",
            "local_authority",
            "postcode",
            "ofsted_grade",
            "ofsted_inspection_date",
            "designation",
            "pupils_on_roll",
        )


class School(models.Model):
    # Identity and the public register's facts.
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    urn = models.CharField(
        "URN", max_length=6, blank=True, validators=[urn_validator], help_text="6 digits."
    )
    laestab = models.CharField(
        "LAESTAB (DfE number)", max_length=7, blank=True, validators=[laestab_validator]
    )
    phase = models.CharField(max_length=20, choices=Phase, default=Phase.PRIMARY)
    establishment_type = models.CharField(
        "type of establishment", max_length=40, choices=EstablishmentType, blank=True
    )
    status = models.CharField(max_length=30, choices=Status, default=Status.OPEN)
    closed_on = models.DateField("closed on", null=True, blank=True)
    address_line1 = models.CharField("street", max_length=200, blank=True)
    address_line2 = models.CharField("locality", max_length=200, blank=True)
    address_line3 = models.CharField("address line 3", max_length=200, blank=True)
    town = models.CharField(max_length=100, blank=True)
    local_authority = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    telephone = PhoneNumberField(blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = models.URLField(blank=True)
    headteacher = models.ForeignKey(
        "people.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="headships",
    )
    # The head as the register names them ("Mrs Jo Example"): text only. The headteacher link
    # above is a person in the portal and grants rights; this grants nothing.
    head_name = models.CharField(
        "headteacher (as the register names them)", max_length=200, blank=True
    )
    statutory_low_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    statutory_high_age = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MaxValueValidator(25)]
    )
    pupils_on_roll = models.PositiveIntegerField(null=True, blank=True)
    capacity = models.PositiveIntegerField(null=True, blank=True)
    fsm_percent = models.DecimalField(
        "pupils eligible for free school meals (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    eal_percent = models.DecimalField(
        "pupils with English as an additional language (%)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=percent_validators,
    )
    ofsted_grade = models.CharField(max_length=30, choices=OfstedGrade, blank=True)
    ofsted_outcome = models.CharField("Ofsted outcome as published", max_length=300, blank=True)
    ofsted_inspection_date = models.DateField("last inspected", null=True, blank=True)
    ofsted_report_url = models.URLField("Ofsted report", blank=True)
    designation = models.CharField(
        "designation", max_length=40, choices=Designation, blank=True, default=""
    )

    # The school's own words.
    ethos = models.TextField(blank=True)
    alliance_offer = models.TextField("what we offer the alliance", blank=True)
    logo = models.ImageField(
        upload_to=logo_upload_to,
        blank=True,
        validators=[validate_logo],
        help_text="PNG, JPEG or WebP, up to 1 MB.",
    )

    editors = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="edited_schools",
        help_text="People the school has appointed to keep its profile up to date.",
    )
    is_published = models.BooleanField(
        "published", default=True, help_text="Published schools have a public page."
    )
    # Incremented on every save through the edit page, so two editors cannot overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)
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
    updated_by_role = models.CharField(
        max_length=20, choices=UpdatedByRole, blank=True, editable=False
    )
    # Where each register fact came from: the register's import sets register_imported_at, and
    # a save through the edit page adds the register fields it changed to school_set_fields.
    register_imported_at = models.DateTimeField(null=True, blank=True, editable=False)
    # When the headteacher last said the profile is still right (the yearly check by e-mail).
    profile_confirmed_at = models.DateTimeField(
        "profile last confirmed", null=True, blank=True, editable=False
    )
    school_set_fields = models.JSONField(default=list, blank=True, editable=False)
    # The register facts an approved correction replaces, for the page's note without a query:
    # {field: {"register": the register's value as text, "on": ISO date approved}}. The
    # corrections themselves are SchoolCorrection rows.
    corrected_fields = models.JSONField(default=dict, blank=True, editable=False)

    # The version is kept in history so a refused save can be compared with the version the
    # editor started from.
    history = HistoricalRecords(
        excluded_fields=["updated_at", "created_at", "profile_confirmed_at"],
        m2m_fields=[editors],
        history_manager=SchoolHistoryManager,
    )

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["urn"], condition=~Q(urn=""), name="school_urn_unique_when_given"
            ),
            models.CheckConstraint(
                condition=Q(statutory_low_age__isnull=True)
                | Q(statutory_high_age__isnull=True)
                | Q(statutory_low_age__lte=models.F("statutory_high_age")),
                name="school_age_range_ordered",
            ),
            models.CheckConstraint(
                condition=Q(fsm_percent__isnull=True) | Q(fsm_percent__gte=0, fsm_percent__lte=100),
                name="school_fsm_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(eal_percent__isnull=True) | Q(eal_percent__gte=0, eal_percent__lte=100),
                name="school_eal_percent_range",
            ),
        ]
        indexes = [
            # The directory's default order (name, then id to break ties), read in order.
            models.Index(fields=["name", "id"], name="school_name_id_idx"),
            models.Index(fields=["phase"], name="school_phase_idx"),
            models.Index(fields=["town"], name="school_town_idx"),
            models.Index(fields=["local_authority"], name="school_la_idx"),
            models.Index(fields=["postcode"], name="school_postcode_idx"),
            # Schools nearby (schools.nearby): a box of latitude and longitude around a
            # school, a narrow band of latitude read from the index.
            models.Index(fields=["latitude", "longitude"], name="school_location_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse_row("schools:detail", slug=self.slug)

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED

    @property
    def age_range(self) -> str:
        if self.statutory_low_age is None or self.statutory_high_age is None:
            return ""
        return f"{self.statutory_low_age}-{self.statutory_high_age}"

    @property
    def address(self) -> str:
        parts = [self.address_line1, self.address_line2, self.address_line3, self.town]
        return ", ".join(p for p in [*parts, self.postcode] if p)

    def fact_source(self, field: str) -> str:
        """FactSource of a register fact, or "" when nobody recorded where it came from."""
        if field not in REGISTER_FIELDS:
            return FactSource.SCHOOL
        if field in self.corrected_fields:
            return FactSource.CORRECTION
        if field in self.school_set_fields:
            return FactSource.SCHOOL
        if self.register_imported_at is not None:
            return FactSource.REGISTER
        return ""

    @property
    def fact_sources(self) -> dict[str, str]:
        """The label of each register fact's source, for the page: {"phase": "from the ..."}."""
        labels = dict(FactSource.choices)
        return {
            field: labels.get(self.fact_source(field), "")
            for field in (*REGISTER_FIELDS, *SCHOOL_FIELDS)
        }

    @property
    def has_single_word_grade(self) -> bool:
        """An old single-word Ofsted grade is shown only with the date it was given."""
        return bool(
            self.ofsted_grade
            and self.ofsted_grade != OfstedGrade.NOT_GRADED
            and self.ofsted_inspection_date
        )


_POSTCODE = re.compile(r"^([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")


def normalise_postcode_query(text: str) -> str:
    """A typed postcode in the stored form ("eb11aa" -> "EB1 1AA"), its outward code with the
    space ("eb1" -> "EB1 "), or "" when the text is not a postcode."""
    compact = text.upper().replace(" ", "")
    if match := _POSTCODE.match(compact):
        return f"{match.group(1)} {match.group(2)}"
    if _OUTWARD.match(compact):
        return f"{compact} "
    return ""


from schools.correction_models import SchoolCorrection  # noqa: E402, F401
from schools.term_models import TermPeriod, TermPeriodKind  # noqa: E402, F401
