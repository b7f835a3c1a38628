"""What a person has trained in and teaches: programmes and qualifications (an admin-kept
vocabulary: NPQH, OTP...) held with a year, and the year groups they teach."""

from __future__ import annotations

from django.db import models


class Qualification(models.Model):
    """A programme or qualification (NPQH, NPQSL, OTP, Maths Mastery specialist, SBM
    diploma...), kept by alliance admins."""

    class Kind(models.TextChoices):
        QUALIFICATION = "qualification", "Qualification"
        PROGRAMME = "programme", "Programme"

    name = models.CharField(max_length=150, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    slug = models.SlugField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.QUALIFICATION)
    ordering = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["ordering", "name"]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class PersonQualification(models.Model):
    """`person` holds (or completed) `qualification`, in `year`."""

    person = models.ForeignKey(
        "people.Person", on_delete=models.CASCADE, related_name="qualification_records"
    )
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="holders"
    )
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year it was awarded or completed."
    )

    class Meta:
        ordering = ["-year", "qualification__ordering"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "qualification"],
                name="person_qualification_once",
                violation_error_message="This person already holds this.",
            ),
            models.CheckConstraint(
                condition=models.Q(year__isnull=True)
                | (models.Q(year__gte=1950) & models.Q(year__lte=2100)),
                name="person_qualification_year",
                violation_error_message="Give a year between 1950 and 2100.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.qualification} ({self.year})" if self.year else str(self.qualification)


class YearGroup(models.Model):
    """A year group taught (Nursery, Reception, Year 1... Year 13): a short fixed vocabulary."""

    code = models.CharField(max_length=5, unique=True)  # "N", "R", "Y1"... "Y13"
    name = models.CharField(max_length=30)
    ordering = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["ordering"]

    def __str__(self) -> str:
        return self.name


class PhaseTaught(models.TextChoices):
    EARLY_YEARS = "early_years", "Early years"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    POST_16 = "post_16", "Post-16"
    ALL_THROUGH = "all_through", "All through"


def qualifications_shown(rows: list[dict] | None) -> list[dict]:
    """PersonQuerySet.for_profile's `qualification_rows` as the person page lists them: latest
    first, each with its `label` ("NPQH (National Professional Qualification for Headship)"),
    `year` and `id`."""
    shown = [
        {
            "id": row["id"],
            "year": row["year"],
            "label": f"{row['qualification__abbreviation']} ({row['qualification__name']})"
            if row["qualification__abbreviation"]
            else row["qualification__name"],
        }
        for row in rows or []
    ]
    return sorted(shown, key=lambda row: (-(row["year"] or 0), row["label"]))


def year_groups_shown(rows: list[dict] | None) -> list[str]:
    """for_profile's `year_group_rows`: the year groups' names, youngest first."""
    ordered = sorted(rows or [], key=lambda row: row["yeargroup__ordering"])
    return [row["yeargroup__name"] for row in ordered]
