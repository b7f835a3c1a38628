"""The partnerships app's vocabularies: kinds of partnership, member roles, group focus and
cadence."""

from django.db import models


class PartnershipKind(models.TextChoices):
    ALLIANCE = "alliance", "Alliance"
    TRUST = "trust", "Trust"
    REGIONAL_CLUSTER = "regional_cluster", "Regional cluster"
    TEACHING_SCHOOL_ALLIANCE = "teaching_school_alliance", "Teaching-school alliance"
    ITT_PARTNERSHIP = "itt_partnership", "ITT/SCITT partnership"
    UNIVERSITY_PARTNERSHIP = "university_partnership", "University partnership"
    MATHS_HUB = "maths_hub", "Maths hub"
    HEADS_NETWORK = "heads_network", "Heads' network"
    TRANSITION_PARTNERSHIP = "transition_partnership", "Transition partnership"
    OTHER = "other", "Other"


class MembershipRole(models.TextChoices):
    LEAD = "lead", "Lead"
    MEMBER = "member", "Member"
    ASSOCIATE = "associate", "Associate"


class Focus(models.TextChoices):
    SEND = "send", "SEND"
    MATHS = "maths", "Maths"
    READING = "reading", "Reading"
    WRITING = "writing", "Writing"
    EARLY_YEARS = "early_years", "Early years"
    SBM = "sbm", "School business managers"
    ATTENDANCE = "attendance", "Attendance"
    DEPUTY_HEADS = "deputy_heads", "Deputy heads"
    HEADS = "heads", "Headteachers"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    TRANSITION = "transition", "Transition"
    OTHER = "other", "Other"


class Cadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    HALF_TERMLY = "half_termly", "Half-termly"
    TERMLY = "termly", "Termly"
    YEARLY = "yearly", "Yearly"
    AS_NEEDED = "as_needed", "As needed"
