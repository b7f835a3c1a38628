"""Review days' private reports: the list of those a member may read, the report, writing it,
sharing it, and naming the reviewers. Every page answers 404 to anyone who may not read the
report, whether or not it exists."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from events.models import EventKind
from events.views.access import get_event_for_user
from people.models import Person
from reviews.access import get_review_for_user
from reviews.forms import ReportForm, ReviewersForm, SharingForm
from reviews.models import Review
from reviews.rules import (
    can_name_reviewers,
    can_share_review,
    can_write_report,
    reviews_for,
)
from reviews.services import (
    ReviewError,
    review_report_save,
    review_reviewers_set,
    review_share,
)


@login_required
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    """The reviews whose reports this user may read: one query for the rows."""
    return render(request, "reviews/list.html", {"reviews": list(reviews_for(request.user))})


@login_required
@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report, for its readers only: a fixed number of queries."""
    review = get_review_for_user(request, pk)
    context = {
        "review": review,
        "event": review.event,
        "reviewers": list(review.reviewers.all()),
        "shared_with": list(review.shared_with.all()),
        "can_write": can_write_report(request.user, review),
        "can_share": can_share_review(request.user, review),
    }
    return render(request, "reviews/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request, pk, action="write")
    form = ReportForm(request.POST or None, initial={"report": review.report})
    if request.method == "POST" and form.is_valid():
        person: Person = request.user.person
        review_report_save(review=review, report=form.cleaned_data["report"], person=person)
        messages.success(request, "The report is saved.")
        return redirect(review)
    status = 400 if form.errors else 200
    context = {"review": review, "event": review.event, "form": form}
    return render(request, "reviews/report_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def review_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_review_for_user(request, pk, action="share")
    initial = {"shared_with": [person.pk for person in review.shared_with.all()]}
    form = SharingForm(request.POST or None, initial=initial, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            review_share(review=review, colleagues=form.cleaned_data["shared_with"])
        except ReviewError as error:
            form.add_error("shared_with", error.message)
        else:
            messages.success(request, "Who may read the report is saved.")
            return redirect(review)
    status = 400 if form.errors else 200
    context = {"review": review, "event": review.event, "form": form}
    return render(request, "reviews/sharing.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def reviewers_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The organisers of a review day name its reviewers (they read no report for it)."""
    event = get_event_for_user(request, pk, action="organise")
    if event.kind != EventKind.REVIEW_DAY or not can_name_reviewers(request.user, event):
        raise Http404("Not a school review day.")
    review = Review.objects.filter(event=event).first()
    school_id = review.school_id if review else event.host_school_id
    if review is not None:
        initial = [person.pk for person in review.reviewers.all()]
    else:
        # Before anyone is named: the people the rota registered for the day, to confirm.
        initial = list(
            event.registrations.filter(status="confirmed")
            .exclude(person__school_id=school_id)
            .values_list("person_id", flat=True)
        )
    form = ReviewersForm(
        request.POST or None, initial={"reviewers": initial}, event=event, school_id=school_id
    )
    if request.method == "POST" and form.is_valid():
        try:
            review_reviewers_set(
                event=event, reviewers=form.cleaned_data["reviewers"], user=request.user
            )
        except ReviewError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "The reviewers are saved.")
            return redirect(event)
    status = 400 if form.errors else 200
    context = {
        "event": event,
        "school": review.school if review else event.host_school,
        "form": form,
    }
    return render(request, "reviews/reviewers.html", context, status=status)
