"""What names a person, table by table: the one place a new model says how its rows about a
person are copied into their archive (subject access) and what erasure does to them.

Every foreign key and many-to-many field that points at a Person or a User has a line in
PERSON_LINKS, keyed "app_label.Model.field" (history tables included: simple-history copies
the keys of the rows it records). A field missing here fails tests/privacy/test_registry.py,
so a model that lands later is classified before it ships. Free text that merely mentions a
person (minutes, agendas, descriptions, the admin log) needs no line: erasure searches every
text and JSON column of every table for the person's names, addresses and telephone.

For each link:
- `archive`: "row" copies the row's columns (secrets left out) into the archive: rows about
  the person, which they may see; "fact" copies only that the row exists, with its id and
  dates: rows the person made or is named in but which hold other people's data (a profile
  they edited, an invitation they sent); "none" leaves it out (the admin log: staff's own).
- `erase`: "keep" leaves the row pointing at the anonymised person or closed account (an
  anonymous fact others need: "a member of staff at X attended"); "delete" deletes the rows
  (their messages, addresses, tokens); "anonymise" keeps the row but empties its `blank`
  columns (the security log keeps that something happened, and when). Positions (chair,
  coordinator, editor, headteacher, group member) are taken away by people.services.person_erase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Archive = Literal["row", "fact", "none"]
Erase = Literal["keep", "delete", "anonymise"]


@dataclass(frozen=True)
class Link:
    archive: Archive
    erase: Erase = "keep"
    # For "anonymise": the columns emptied, each set to its value here.
    blank: tuple[tuple[str, object], ...] = ()
    # The archive's file for these rows (default: the model's plural name).
    title: str = ""


ROW, FACT = Link("row"), Link("fact")
GONE = Link("row", "delete")

PERSON_LINKS: dict[str, Link] = {
    # The person and their account.
    "people.Person.user": Link("none"),  # The profile itself is the archive's profile.json.
    "people.Person.updated_by": FACT,
    "people.RoleAssignment.person": Link("row", title="roles"),
    # Posts held and designations (SLE, NLE): anonymous facts once erased ("a former member of
    # staff was a teacher at X"); programmes and qualifications are theirs alone and go.
    "people.Post.person": Link("row", title="posts"),
    "people.Designation.person": Link("row", title="designations"),
    "people.PersonQualification.person": Link(
        "row", "delete", title="programmes and qualifications"
    ),
    "account.EmailAddress.user": Link("row", "delete", title="sign-in e-mail addresses"),
    "mfa.Authenticator.user": Link("fact", "delete", title="two-factor authenticators"),
    "socialaccount.SocialAccount.user": Link("row", "delete", title="linked sign-in accounts"),
    "accounts.SecurityEvent.user": Link(
        "row",
        "anonymise",
        blank=(("ip", None), ("path", ""), ("details", {})),
        title="security events",
    ),
    "accounts.Invitation.accepted_user": Link("row", title="invitation accepted"),
    "accounts.Invitation.invited_by": FACT,
    "admin.LogEntry.user": FACT,
    # Schools, partnerships and groups they hold a position in.
    "schools.School.headteacher": Link("fact", title="schools headed"),
    "schools.School.editors": Link("fact", title="schools edited"),
    "schools.School.updated_by": FACT,
    "schools.SchoolCorrection.requested_by": Link("row", title="register corrections requested"),
    "schools.SchoolCorrection.decided_by": FACT,
    "partnerships.Membership.coordinator": Link("row", title="memberships coordinated"),
    "partnerships.NetworkGroup.chair": Link("row", title="network groups chaired"),
    "partnerships.NetworkGroup.members": Link("row", title="network groups"),
    # Dated chairs and memberships: erasure ends the current ones (people.services.person_erase)
    # and keeps that someone held them.
    "partnerships.GroupChair.person": Link("row", title="network groups co-chaired"),
    "partnerships.GroupMembership.person": Link("row", title="network group memberships"),
    # Progress notes on a group's objectives: the group's record, written by them.
    "partnerships.ObjectiveNote.author": Link("row", title="objective progress notes"),
    "registers.ImportJob.created_by": FACT,
    # Meetings.
    "events.Registration.person": Link("row", title="registrations"),
    "events.Event.chair": Link("row", title="meetings chaired"),
    "events.Event.minute_taker": Link("row", title="meetings minuted"),
    "events.Event.created_by": FACT,
    "events.EventDocument.uploaded_by": FACT,
    "events.CalendarFeedToken.person": Link("fact", "delete", title="calendar feed"),
    "events.Event.cancelled_by": FACT,
    "events.Event.minutes_published_by": FACT,
    # Their answers (with the reason they gave) are theirs to take away; that they attended
    # stays, anonymised, in the participation counts; actions stay with the minutes.
    "events.Rsvp.person": Link("row", "delete", title="meeting answers"),
    "events.Attendance.person": Link("row", title="meeting attendance"),
    "events.Attendance.recorded_by": FACT,
    "events.MinuteAction.owner": Link("row", title="meeting actions"),
    # Polls (a meeting's dates) and review days.
    "polls.Poll.created_by": Link("row", title="polls created"),
    "polls.PollAnswer.person": Link("row", title="poll answers"),
    # Programmes: sessions presented, sessions chosen, contributions offered for a school.
    "programme.Session.presenters": Link("row", title="sessions presented"),
    "programme.Choice.person": Link("row", "delete", title="sessions chosen"),
    "programme.ContributionRequest.created_by": FACT,
    "programme.Contribution.presenter": Link("row", title="contributions presented"),
    "programme.Contribution.answered_by": FACT,
    # Evaluations: that they answered; their answers only where they chose to be named.
    "feedback.Respondent.person": Link("fact", title="evaluations answered"),
    "feedback.Response.person": Link("row", title="evaluations answered by name"),
    # A review's report is private to the reviewed school: that they took part, not the report.
    "reviews.Review.reviewers": Link("fact", title="reviews taken part in"),
    "reviews.Review.shared_with": Link("fact", title="review reports shared with them"),
    "reviews.Review.report_updated_by": FACT,
    "reviews.Review.created_by": FACT,
    # Support and resources.
    "support.SupportRequest.requested_by": Link("row", title="support requested"),
    "support.Deployment.system_leader": Link("row", title="support deployments"),
    "support.Deployment.created_by": FACT,
    "support.Visit.logged_by": Link("row", title="support visits logged"),
    "resources.Resource.author": Link("row", title="resources shared"),
    "resources.Comment.author": Link("row", "delete", title="comments"),
    "resources.Use.person": Link("row", "delete", title="resources used"),
    "resources.Pin.pinned_by": Link("row", "delete", title="resources pinned"),
    # Notifications: what was sent to them, and their choices.
    "notifications.Message.person": Link("row", "delete", title="notifications"),
    "notifications.Preference.person": Link("row", "delete", title="notification settings"),
    # History tables: versions of rows that name them as a holder of a position.
    "schools.HistoricalSchool.headteacher": FACT,
    "schools.HistoricalSchool.updated_by": FACT,
    "schools.HistoricalSchool_editors.person": FACT,
    # The profile's own versions are found by the profile's id (privacy.archive copies them
    # whole; privacy.services scrubs them as it scrubs the profile).
    "people.HistoricalPerson.user": Link("none"),
    "people.HistoricalPerson.updated_by": FACT,
    "people.HistoricalRoleAssignment.person": Link("row", title="history of roles"),
    "people.HistoricalPost.person": Link("row", title="history of posts"),
    "partnerships.HistoricalMembership.coordinator": FACT,
    "partnerships.HistoricalNetworkGroup.chair": FACT,
    "partnerships.HistoricalNetworkGroup_members.person": FACT,
}

# Every history table's "who made this version": the person sees that they made a change to a
# row, and when, never the row (it may be someone else's profile).
HISTORY_USER = Link("fact", title="changes made")

# Columns never copied into an archive: secrets and what would let someone act as the person.
SECRET_COLUMN = re.compile(
    r"password|token|secret|^key$|otp|credential|signature|session|^data$|lease_owner"
)


def link_for(label: str, field_name: str) -> Link | None:
    """The line for a field (`label` "app_label.Model"), the history tables' author included."""
    if field_name == "history_user" and label.split(".")[1].startswith("Historical"):
        return HISTORY_USER
    return PERSON_LINKS.get(f"{label}.{field_name}")
