"""The vocabularies of a school's facts: the public register's names, and who said what."""

from django.db import models


class Phase(models.TextChoices):
    """PhaseOfEducation (name), as the public register spells it."""

    NOT_APPLICABLE = "not_applicable", "Not applicable"
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    MIDDLE_PRIMARY = "middle_primary", "Middle deemed primary"
    SECONDARY = "secondary", "Secondary"
    MIDDLE_SECONDARY = "middle_secondary", "Middle deemed secondary"
    SIXTEEN_PLUS = "16_plus", "16 plus"
    ALL_THROUGH = "all_through", "All-through"


class EstablishmentType(models.TextChoices):
    """TypeOfEstablishment (name), as the public register spells it."""

    COMMUNITY = "community", "Community school"
    VOLUNTARY_AIDED = "voluntary_aided", "Voluntary aided school"
    VOLUNTARY_CONTROLLED = "voluntary_controlled", "Voluntary controlled school"
    FOUNDATION = "foundation", "Foundation school"
    COMMUNITY_SPECIAL = "community_special", "Community special school"
    FOUNDATION_SPECIAL = "foundation_special", "Foundation special school"
    NON_MAINTAINED_SPECIAL = "non_maintained_special", "Non-maintained special school"
    LA_NURSERY = "la_nursery", "LA nursery school"
    PUPIL_REFERRAL_UNIT = "pupil_referral_unit", "Pupil referral unit"
    ACADEMY_CONVERTER = "academy_converter", "Academy converter"
    ACADEMY_SPONSOR_LED = "academy_sponsor_led", "Academy sponsor led"
    ACADEMY_SPECIAL_CONVERTER = "academy_special_converter", "Academy special converter"
    ACADEMY_SPECIAL_SPONSOR_LED = "academy_special_sponsor_led", "Academy special sponsor led"
    ACADEMY_AP_CONVERTER = "academy_ap_converter", "Academy alternative provision converter"
    ACADEMY_AP_SPONSOR_LED = (
        "academy_ap_sponsor_led",
        "Academy alternative provision sponsor led",
    )
    ACADEMY_16_19_CONVERTER = "academy_16_19_converter", "Academy 16-19 converter"
    ACADEMY_16_19_SPONSOR_LED = "academy_16_19_sponsor_led", "Academy 16 to 19 sponsor led"
    FREE_SCHOOL = "free_school", "Free schools"
    FREE_SCHOOL_SPECIAL = "free_school_special", "Free schools special"
    FREE_SCHOOL_AP = "free_school_ap", "Free schools alternative provision"
    FREE_SCHOOL_16_19 = "free_school_16_19", "Free schools 16 to 19"
    UNIVERSITY_TECHNICAL_COLLEGE = "utc", "University technical college"
    STUDIO_SCHOOL = "studio_school", "Studio schools"
    CITY_TECHNOLOGY_COLLEGE = "ctc", "City technology college"
    OTHER_INDEPENDENT = "other_independent", "Other independent school"
    OTHER_INDEPENDENT_SPECIAL = "other_independent_special", "Other independent special school"
    SIXTH_FORM_CENTRE = "sixth_form_centre", "Sixth form centres"
    FURTHER_EDUCATION = "further_education", "Further education"
    OTHER = "other", "Other"


class Status(models.TextChoices):
    """EstablishmentStatus (name)."""

    OPEN = "open", "Open"
    OPEN_PROPOSED_TO_CLOSE = "open_proposed_to_close", "Open, but proposed to close"
    PROPOSED_TO_OPEN = "proposed_to_open", "Proposed to open"
    CLOSED = "closed", "Closed"


class OfstedGrade(models.TextChoices):
    """A single-word grade, as published before September 2024. Never used to rank schools."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"
    NOT_GRADED = "not_graded", "No single-word grade (inspected since September 2024)"


class Designation(models.TextChoices):
    NONE = "", "None"
    TEACHING_SCHOOL_HUB = "teaching_school_hub", "Teaching school hub"
    TEACHING_SCHOOL = "teaching_school", "Teaching school (former designation)"
    NATIONAL_SUPPORT_SCHOOL = "national_support_school", "National support school"
    RESEARCH_SCHOOL = "research_school", "Research school"
    MATHS_HUB = "maths_hub", "Maths hub lead school"
    ENGLISH_HUB = "english_hub", "English hub"


class UpdatedByRole(models.TextChoices):
    """Who last saved a profile, as shown in "last updated <date> by <role>"."""

    HEADTEACHER = "headteacher", "the headteacher"
    EDITOR = "editor", "a school editor"
    ADMIN = "admin", "an alliance admin"
    REGISTER = "register", "the public register"


class FactSource(models.TextChoices):
    REGISTER = "register", "from the public register"
    SCHOOL = "school", "from the school"
    CORRECTION = "correction", "corrected by the alliance"


class CorrectionStatus(models.TextChoices):
    """Where a school's request to correct a register fact stands."""

    PENDING = "pending", "Waiting for an admin"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"
    WITHDRAWN = "withdrawn", "Withdrawn: the register's value is shown"
    SUPERSEDED = "superseded", "Replaced by a later correction"
