"""The demo's careers and standing: posts over time (a head who came from another school),
groups as they run (co-chairs, objectives) and SLE designations with their reviews."""

from __future__ import annotations

import datetime

from partnerships.models import (
    GroupChair,
    GroupMembership,
    GroupObjective,
    ObjectiveNote,
    PartnerOrganisation,
)
from people.designations import Designation
from people.models import (
    Person,
    PersonQualification,
    PhaseTaught,
    Qualification,
    RoleAssignment,
    RoleType,
    YearGroup,
)
from people.posts import Post
from schools.feeders import FeederLink
from schools.models import Phase


def build_careers(builder, *, schools, heads) -> None:
    """Every member of staff holds a current post at their school; the demo head came from a
    deputy headship at another demo school."""
    start = datetime.date(builder.today.year - 3, 9, 1)
    for person in Person.objects.filter(school__isnull=False, erased_at__isnull=True).order_by(
        "pk"
    ):
        builder._get_or_create(
            Post,
            person=person,
            school_id=person.school_id,
            ends_on=None,
            defaults={"job_title": person.job_title, "starts_on": start},
        )
    head = heads[schools[0].pk]
    moved_on = datetime.date(builder.today.year - 4, 9, 1)
    Post.objects.filter(person=head, school=schools[0], ends_on=None).update(starts_on=moved_on)
    builder._get_or_create(
        Post,
        person=head,
        school=schools[1],
        job_title="Deputy headteacher",
        defaults={"starts_on": datetime.date(moved_on.year - 5, 9, 1), "ends_on": moved_on},
    )


def build_group_running(builder, *, groups) -> None:
    """Dated memberships and chairs for every group; the SEND network has two co-chairs, and
    objectives with progress notes that the heads read."""
    since = datetime.date(builder.today.year - 2, 9, 1)
    for group in groups:
        for person_id in group.members.values_list("pk", flat=True).order_by("pk"):
            builder._get_or_create(
                GroupMembership,
                group=group,
                person_id=person_id,
                left_on=None,
                defaults={"joined_on": since},
            )
        if group.chair_id:
            builder._get_or_create(
                GroupChair,
                group=group,
                person_id=group.chair_id,
                ends_on=None,
                defaults={"title": GroupChair.Title.CHAIR, "starts_on": since},
            )
    send = next(group for group in groups if group.slug == "send-network")
    other = send.members.exclude(pk=send.chair_id).order_by("last_name", "pk").first()
    GroupChair.objects.filter(group=send, person_id=send.chair_id).update(
        title=GroupChair.Title.CO_CHAIR
    )
    builder._get_or_create(
        GroupChair,
        group=send,
        person=other,
        ends_on=None,
        defaults={"title": GroupChair.Title.CO_CHAIR, "starts_on": since},
    )
    chair = send.chair
    for title, due, status, notes in [
        (
            "Every SENCo trained to run person-centred EHCP reviews",
            datetime.date(builder.today.year + 1, 7, 31),
            GroupObjective.Status.ON_TRACK,
            ["Autumn training held at two schools; eleven SENCos attended."],
        ),
        (
            "A shared graduated-response toolkit in every member school",
            datetime.date(builder.today.year, 12, 31),
            GroupObjective.Status.AT_RISK,
            ["First draft shared.", "Three schools still to trial it; slipping a term."],
        ),
    ]:
        objective = builder._get_or_create(
            GroupObjective, group=send, title=title, defaults={"due_on": due, "status": status}
        )
        for days_ago, text in enumerate(reversed(notes)):
            builder._get_or_create(
                ObjectiveNote,
                objective=objective,
                text=text,
                defaults={
                    "author": chair,
                    "written_on": builder.today - datetime.timedelta(days=30 * (days_ago + 1)),
                },
            )


def build_designations(builder) -> None:
    """Each SLE is designated in their specialism, reviewed four years on; the first one's
    review is due within the month (the reminders announce it), one is under review."""
    roles = (
        RoleAssignment.objects.filter(role_type__slug="specialist-leader-of-education")
        .exclude(starts_on=None)
        .select_related("person")
        .order_by("person__last_name", "pk")
    )
    for n, role in enumerate(roles):
        designated_on = role.starts_on
        review_due = designated_on.replace(year=designated_on.year + 4)
        status = Designation.Status.DESIGNATED
        if n == 0:
            review_due = builder.today + datetime.timedelta(days=21)
            designated_on = review_due.replace(year=review_due.year - 4)
        elif n == 1:
            status = Designation.Status.UNDER_REVIEW
        builder._get_or_create(
            Designation,
            person=role.person,
            kind=Designation.Kind.SLE,
            area=role.specialism,
            defaults={
                "designated_on": designated_on,
                "review_due": review_due,
                "status": status,
            },
        )


def build_feeders(builder, *, schools) -> None:
    """Two primary schools feed the first secondary school of the demo."""
    secondary = next(school for school in schools if school.phase == Phase.SECONDARY)
    primaries = [school for school in schools if school.phase == Phase.PRIMARY][:2]
    for primary, kind in zip(primaries, FeederLink.Kind, strict=True):
        builder._get_or_create(
            FeederLink, feeder=primary, receiver=secondary, defaults={"kind": kind}
        )


def build_teaching(builder, *, schools, heads, staff_by_school) -> None:
    """Qualifications (the demo head holds NPQH and ran the OTP; other heads NPQH or NPQSL)
    and the phase and year groups staff of primary schools teach (Year 2 and Year 5 teachers,
    for the moderation meetings)."""
    by_slug = {q.slug: q for q in Qualification.objects.all()}
    for n, school in enumerate(schools):
        head = heads.get(school.pk)
        if head is None:
            continue
        slug = "npqsl" if n % 3 == 2 else "npqh"
        builder._get_or_create(
            PersonQualification,
            person=head,
            qualification=by_slug[slug],
            defaults={"year": builder.today.year - 5 - n % 4},
        )
    builder._get_or_create(
        PersonQualification,
        person=heads[schools[0].pk],
        qualification=by_slug["otp"],
        defaults={"year": builder.today.year - 9},
    )
    year_groups = {group.code: group for group in YearGroup.objects.all()}
    for school in schools:
        if school.phase != Phase.PRIMARY:
            continue
        teachers = [
            p for p in staff_by_school.get(school.pk, []) if "teacher" in p.job_title.lower()
        ]
        for teacher, code in zip(teachers, ["Y2", "Y5", "Y1", "Y6"], strict=False):
            if not teacher.phase_taught:
                Person.objects.filter(pk=teacher.pk).update(phase_taught=PhaseTaught.PRIMARY)
            teacher.year_groups.add(year_groups[code])


def build_outside_roles(builder, *, schools, heads, town) -> None:
    """The demo head sits on the local safeguarding board and a DfE reference group, as an
    NLE; both organisations have pages that list the role."""
    head = heads[schools[0].pk]
    board = builder._get_or_create(
        PartnerOrganisation,
        name="Eastbridge Safeguarding Children Board",
        defaults={
            "kind": PartnerOrganisation.Kind.LOCAL_AUTHORITY,
            "description": "The borough's multi-agency safeguarding board.",
        },
    )
    board.partnerships.add(town)
    reference = builder._get_or_create(
        PartnerOrganisation,
        name="DfE primary headteachers' reference group",
        defaults={"kind": PartnerOrganisation.Kind.NATIONAL_BODY},
    )
    since = datetime.date(builder.today.year - 2, 1, 1)
    for organisation, slug in [
        (board, "designated-safeguarding-lead"),
        (reference, "nationallocal-leader-of-education"),
    ]:
        builder._get_or_create(
            RoleAssignment,
            person=head,
            organisation=organisation,
            role_type=RoleType.objects.get(slug=slug),
            defaults={"starts_on": since},
        )
    builder._get_or_create(
        Designation,
        person=head,
        kind=Designation.Kind.NLE,
        defaults={
            "designated_on": since,
            "review_due": since.replace(year=since.year + 4),
        },
    )
