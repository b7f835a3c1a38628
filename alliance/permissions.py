"""Who may do what: the one policy for the whole portal.

Every view, queryset, export and template asks these functions; nothing re-implements them.
Each takes the requesting user first and the object second and answers True or False. They read
only what is already loaded on the objects where they can, so calling them per row in a list
costs no queries when the page prefetched what they need.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ObjectDoesNotExist

if TYPE_CHECKING:
    from events.models import Event
    from partnerships.models import NetworkGroup, Partnership
    from people.models import Person
    from resources.models import Resource
    from schools.models import School
    from support.models import Deployment, SupportRequest


def is_admin(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "is_alliance_admin", False))


def person_of(user) -> Person | None:
    """The directory profile of a signed-in user, if they have one.

    Only "this account has no profile" means None. A database that cannot answer raises, so the
    request gets the 503 page rather than being treated as a stranger (403, "no profile").
    """
    if not user.is_authenticated:
        return None
    try:
        return user.person
    except ObjectDoesNotExist:  # User.person.RelatedObjectDoesNotExist: no profile yet.
        return None


# A person's standing (editor of a school, coordinator of a partnership) is asked several times
# a page (the edit button, the history link, the planner): each answer is kept on the person
# loaded with the user, for this request only. A page can also read it with the object itself:
# the access helpers annotate the row with `standing_annotations(user)` (no query of its own).


def _standing(person: Person) -> dict:
    return person.__dict__.setdefault("_standing", {})


def _editor_key(person: Person) -> str:
    return f"standing_{person.pk}_edits"


def _coordinator_key(person: Person) -> str:
    return f"standing_{person.pk}_coordinates"


def _coordinating(person: Person):
    """The current memberships `person` coordinates: what makes them a coordinator."""
    from partnerships.models import Membership

    return Membership.objects.current().filter(coordinator=person.pk)


def standing_annotations(user, model) -> dict:
    """Annotations for a School or Partnership queryset that answer can_edit_school or
    can_coordinate_partnership for `user` with the row itself, instead of one query more."""
    person = person_of(user)
    if person is None or is_admin(user):
        return {}
    from django.db.models import Exists, OuterRef

    if model._meta.label == "schools.School":
        editors = model.editors.through.objects.filter(school=OuterRef("pk"), person=person.pk)
        return {_editor_key(person): Exists(editors)}
    if model._meta.label == "partnerships.Partnership":
        return {
            _coordinator_key(person): Exists(
                _coordinating(person).filter(partnership=OuterRef("pk"))
            )
        }
    return {}


def _known(person: Person, obj, key: str, ask) -> bool:
    standing = _standing(person)
    memo = (key, obj.pk)
    if memo not in standing:
        annotated = obj.__dict__.get(key)
        standing[memo] = bool(annotated) if annotated is not None else ask()
    return standing[memo]


# Schools -------------------------------------------------------------------------------------


def can_view_school(user, school: School) -> bool:
    return school.is_published or user.is_authenticated


def can_edit_school(user, school: School) -> bool:
    """The school's headteacher, the editors it appointed, and alliance admins."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if school.headteacher_id == person.pk:
        return True
    return _known(
        person, school, _editor_key(person), lambda: school.editors.filter(pk=person.pk).exists()
    )


def can_manage_school(user, school: School) -> bool:
    """The headteacher and admins: appoint editors, hand over the headship, publish the page.

    Editors keep the profile true but may not give themselves or others more rights.
    """
    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and school.headteacher_id == person.pk


def can_view_school_history(user, school: School) -> bool:
    """Who changed what and when: the people who may edit the school (and admins)."""
    return can_edit_school(user, school)


# People --------------------------------------------------------------------------------------


def can_view_person(user, person: Person) -> bool:
    """Person pages and the people directory are for signed-in users only."""
    return user.is_authenticated


def can_see_contacts(user, person: Person) -> bool:
    """Whether `user` may see `person`'s e-mail and telephone, as the person chose.

    Never the public, never anyone once the data is erased. "Own school" also covers people of
    the same partner organisation, for staff who work for a university or local authority.
    `person` may be anything with a person's pk, contact_visibility, school_id,
    organisation_id and erased_at (people.views.directory.ContactFacts, kept with a page).
    """
    from people.models import ContactVisibility

    if not user.is_authenticated or person.erased_at:
        return False
    if is_admin(user):
        return True
    viewer = person_of(user)
    if viewer is not None and viewer.pk == person.pk:
        return True
    if person.contact_visibility == ContactVisibility.ALLIANCE:
        return True
    if person.contact_visibility == ContactVisibility.SCHOOL and viewer is not None:
        same_school = viewer.school_id is not None and viewer.school_id == person.school_id
        same_organisation = (
            viewer.organisation_id is not None and viewer.organisation_id == person.organisation_id
        )
        return same_school or same_organisation
    return False


def can_edit_person(user, person: Person) -> bool:
    """The person themself, their school's headteacher and editors, and admins."""
    if person.erased_at:
        return False
    if is_admin(user):
        return True
    viewer = person_of(user)
    if viewer is None:
        return False
    if viewer.pk == person.pk:
        return True
    return person.school is not None and can_edit_school(user, person.school)


def can_manage_roles(user, person: Person) -> bool:
    """Add and end a person's alliance roles: their school's head and editors, and admins.

    Not the person themself: a role such as SLE is a designation others vouch for.
    """
    if person.erased_at:
        return False
    if is_admin(user):
        return True
    return person.school is not None and can_edit_school(user, person.school)


def can_erase_person(user, person: Person) -> bool:
    """Erasing personal data (GDPR) is for alliance admins only."""
    return is_admin(user) and not person.erased_at


# Partnerships --------------------------------------------------------------------------------


def can_view_partnership(user, partnership: Partnership) -> bool:
    return partnership.is_published or user.is_authenticated


def can_see_member_people(user, partnership: Partnership) -> bool:
    """Names of coordinators, chairs and group members: signed-in users only."""
    return user.is_authenticated


def can_coordinate_partnership(user, partnership: Partnership) -> bool:
    """Admins and the people named as a coordinator of a current membership."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return _known(
        person,
        partnership,
        _coordinator_key(person),
        lambda: _coordinating(person).filter(partnership=partnership.pk).exists(),
    )


def can_coordinate_group(user, group: NetworkGroup) -> bool:
    """The group's chair, the partnership's coordinators, and admins."""
    person = person_of(user)
    if person is not None and group.chair_id == person.pk:
        return True
    return can_coordinate_partnership(user, group.partnership)


# Events --------------------------------------------------------------------------------------


def can_view_event(user, event: Event) -> bool:
    return event.is_published or user.is_authenticated


def can_organise_event(user, event: Event) -> bool:
    """The partnership's coordinators, the group's chair, and admins."""
    if is_admin(user):
        return True
    if event.network_group_id and can_coordinate_group(user, event.network_group):
        return True
    return bool(event.partnership_id and can_coordinate_partnership(user, event.partnership))


def can_register_for_event(user, event: Event) -> bool:
    return person_of(user) is not None and can_view_event(user, event)


# Search --------------------------------------------------------------------------------------


def may_search_members_only(user) -> bool:
    """Signed-in members find people and unpublished things; the public does not."""
    return user.is_authenticated


# Accounts ------------------------------------------------------------------------------------


def is_headteacher(user) -> bool:
    """Headteacher of any school (one query, unless the profile's headships are prefetched)."""
    person = person_of(user)
    return person is not None and person.headships.exists()


def requires_mfa(user) -> bool:
    """Alliance admins and headteachers must sign in with a second factor."""
    return is_admin(user) or is_headteacher(user)


def can_invite_to_school(user, school: School) -> bool:
    """Admins invite to any school; a headteacher to their own school only."""
    return can_manage_school(user, school)


def can_invite_any_domain(user) -> bool:
    """Only admins may invite an address outside the school's allowed e-mail domains."""
    return is_admin(user)


def schools_user_may_invite_to(user):
    """The schools `user` may invite people to, as a queryset (empty for most users)."""
    from schools.models import School

    if is_admin(user):
        return School.objects.all()
    person = person_of(user)
    if person is None:
        return School.objects.none()
    return School.objects.filter(headteacher=person)


def can_view_event_minutes(user, event: Event) -> bool:
    """Minutes and their documents are for signed-in members who may see the event."""
    return user.is_authenticated and can_view_event(user, event)


def can_plan_events(user) -> bool:
    """Whether the user organises anything at all: admins, coordinators and group chairs.

    Which partnerships and groups they may plan for is can_coordinate_partnership/_group.
    """
    from django.db.models import Exists, OuterRef

    from partnerships.models import NetworkGroup
    from people.models import Person

    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    # Coordinator or chair, asked in one query.
    coordinates = _coordinating(person).filter(coordinator=OuterRef("pk"))
    chairs = NetworkGroup.objects.filter(chair=OuterRef("pk"))
    return Person.objects.filter(Exists(coordinates) | Exists(chairs), pk=person.pk).exists()


# Support (system leadership deployments) ----------------------------------------------------


def may_request_support(user, school: School) -> bool:
    """A school's head and editors (and admins) ask for support on its behalf."""
    return can_edit_school(user, school)


def can_coordinate_support_for(user, school: School) -> bool:
    """Admins, and the coordinators of any partnership the school currently belongs to."""
    from partnerships.models import Membership

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


def is_coordinator(user) -> bool:
    """Admins and anyone named coordinator on a current membership of some partnership."""
    from partnerships.models import Membership

    if is_admin(user):
        return True
    person = person_of(user)
    return person is not None and Membership.objects.current().filter(coordinator=person).exists()


def can_view_support_request(user, support_request: SupportRequest) -> bool:
    school = support_request.school
    return can_edit_school(user, school) or can_coordinate_support_for(user, school)


def can_edit_support_request(user, support_request: SupportRequest) -> bool:
    return may_request_support(user, support_request.school)


def can_deploy_for_request(user, support_request: SupportRequest) -> bool:
    """Coordinators of a partnership the requesting school belongs to, and admins."""
    return can_coordinate_support_for(user, support_request.school)


def can_view_deployment(user, deployment: Deployment) -> bool:
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if deployment.system_leader_id == person.pk:
        return True
    if can_edit_school(user, deployment.supported_school):
        return True
    leader_school = deployment.system_leader.school
    if leader_school is not None and can_edit_school(user, leader_school):
        return True
    return can_coordinate_partnership(user, deployment.partnership)


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


# Resources (the resource hub) ---------------------------------------------------------------


def can_add_resource(user) -> bool:
    """Any member with a profile (and admins) may share a resource."""
    return is_admin(user) or person_of(user) is not None


def can_view_resource(user, resource: Resource) -> bool:
    """Alliance-wide resources: every signed-in user. Partnership-only resources: members of
    the partnership's current member schools, the author, the source school's editors."""
    from partnerships.models import Membership
    from resources.models import Sharing

    if not user.is_authenticated:
        return False
    if resource.sharing == Sharing.ALLIANCE or is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if resource.author_id == person.pk:
        return True
    if resource.source_school_id and can_edit_school(user, resource.source_school):
        return True
    return bool(
        person.school_id
        and Membership.objects.current()
        .filter(partnership_id=resource.partnership_id, school_id=person.school_id)
        .exists()
    )


def can_edit_resource(user, resource: Resource) -> bool:
    """The author, the source school's head and editors, and admins."""
    if is_admin(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    if resource.author_id == person.pk:
        return True
    return resource.source_school_id is not None and can_edit_school(user, resource.source_school)


def can_pin_in_group(user, group: NetworkGroup) -> bool:
    """A network group's chair and its partnership's coordinators pin resources for it."""
    return can_coordinate_group(user, group)


# Registers: imports and exports --------------------------------------------------------------


def can_import_register(user) -> bool:
    """The public register feeds every school's facts: alliance admins only."""
    return is_admin(user)


def can_import_people(user, school: School) -> bool:
    """Alliance admins, and a headteacher for their own school."""
    return can_manage_school(user, school)


def can_import_memberships(user, partnership: Partnership) -> bool:
    """Whoever coordinates the partnership (and admins) may import its member schools."""
    return can_coordinate_partnership(user, partnership)
