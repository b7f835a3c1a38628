"""Support writes: requests, deployments, visits and outcomes."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from alliance.lib.rows import create_checked
from partnerships.models import Partnership
from people.models import Person, Specialism
from schools.models import School
from support.models import Deployment, RequestStatus, SupportRequest, Visit


class SupportError(Exception):
    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


@transaction.atomic
def support_request_create(
    *,
    school: School,
    specialism: Specialism,
    needs: str,
    wanted_from: datetime.date,
    wanted_until: datetime.date | None,
    requested_by: Person | None,
) -> SupportRequest:
    return create_checked(
        SupportRequest,
        school=school,
        specialism=specialism,
        needs=needs,
        wanted_from=wanted_from,
        wanted_until=wanted_until,
        requested_by=requested_by,
    )


@transaction.atomic
def support_request_close(*, support_request: SupportRequest) -> SupportRequest:
    support_request.status = RequestStatus.CLOSED
    support_request.save(update_fields=["status", "updated_at"])
    return support_request


@transaction.atomic
def deploy_leaders(
    *,
    support_request: SupportRequest,
    leaders: list[Person],
    partnership: Partnership,
    focus: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    time_unit: str,
    time_agreed: Decimal,
    deployed_by: Person | None,
) -> list[Deployment]:
    """One deployment per leader under `partnership`; the request is then met."""
    locked = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if locked.status == RequestStatus.CLOSED:
        raise SupportError("This request has been closed.", code="request_closed")
    deployments = [
        create_checked(
            Deployment,
            request=locked,
            system_leader=leader,
            supported_school=locked.school,
            partnership=partnership,
            specialism=locked.specialism,
            focus=focus,
            starts_on=starts_on,
            ends_on=ends_on,
            time_unit=time_unit,
            time_agreed=time_agreed,
            created_by=deployed_by,
        )
        for leader in leaders
    ]
    locked.status = RequestStatus.MET
    locked.save(update_fields=["status", "updated_at"])
    support_request.status = locked.status
    return deployments


@transaction.atomic
def visit_log(
    *,
    deployment: Deployment,
    visited_on: datetime.date,
    amount: Decimal,
    note: str,
    logged_by: Person | None,
) -> Visit:
    return create_checked(
        Visit,
        deployment=deployment,
        visited_on=visited_on,
        amount=amount,
        note=note,
        logged_by=logged_by,
    )


@transaction.atomic
def deployment_complete(*, deployment: Deployment, outcome: str) -> Deployment:
    """Record the outcome and impact statement; the deployment no longer takes up capacity."""
    deployment.outcome = outcome
    deployment.completed_at = deployment.completed_at or timezone.now()
    deployment.full_clean()
    deployment.save(update_fields=["outcome", "completed_at"])
    return deployment
