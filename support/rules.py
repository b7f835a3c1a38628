"""Who may ask for support, see and act on requests and deployments, and read reports.

Seeing a request or a deployment has one definition each, the QuerySets' visible_to: the
single-object checks ask them for the one row, so the lists and the pages cannot disagree.
"""

from __future__ import annotations

from alliance.permissions import is_admin, person_of
from partnerships.models import Membership, Partnership
from partnerships.rules import can_coordinate_partnership
from people.models import Person
from schools.models import School
from schools.rules import can_edit_school
from support.models import Deployment, SupportRequest


def may_request_support(user, school: School) -> bool:
    """A school's head and editors (and admins) ask for support on its behalf."""
    return can_edit_school(user, school)


def can_coordinate_support_for(user, school: School) -> bool:
    """Admins, and the coordinators of any partnership the school currently belongs to."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    partnerships = Membership.objects.current().filter(school=school).values("partnership")
    return (
        Membership.objects.current()
        .filter(coordinator=person, partnership__in=partnerships)
        .exists()
    )


def can_view_support_request(user, support_request: SupportRequest) -> bool:
    """The school's head and editors, the coordinators of its partnerships, admins: the rule is
    SupportRequestQuerySet.visible_to, asked for this one row."""
    return SupportRequest.objects.visible_to(user).filter(pk=support_request.pk).exists()


def can_edit_support_request(user, support_request: SupportRequest) -> bool:
    return may_request_support(user, support_request.school)


def can_deploy_for_request(user, support_request: SupportRequest) -> bool:
    """Coordinators of a partnership the requesting school belongs to, and admins."""
    return can_coordinate_support_for(user, support_request.school)


def can_view_deployment(user, deployment: Deployment) -> bool:
    """The leader, the head and editors of either school, the partnership's coordinators,
    admins: the rule is DeploymentQuerySet.visible_to, asked for this one row."""
    return Deployment.objects.visible_to(user).filter(pk=deployment.pk).exists()


def can_record_deployment(user, deployment: Deployment) -> bool:
    """Log visits and write the outcome: the leader, the supported school's head and editors,
    the partnership's coordinators and admins."""
    person = person_of(user)
    if person is not None and deployment.system_leader_id == person.pk:
        return True
    return can_edit_school(user, deployment.supported_school) or can_coordinate_partnership(
        user, deployment.partnership
    )


def can_view_school_support(user, school: School) -> bool:
    """A school's support received and given: its head, editors and coordinators, admins."""
    return can_edit_school(user, school) or can_coordinate_support_for(user, school)


def can_view_leader_deployments(user, leader: Person) -> bool:
    person = person_of(user)
    if person is not None and person.pk == leader.pk:
        return True
    if leader.school is None:
        return is_admin(user)
    return can_view_school_support(user, leader.school)


def can_view_support_report(user, partnership: Partnership) -> bool:
    return can_coordinate_partnership(user, partnership)
