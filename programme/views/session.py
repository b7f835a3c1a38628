"""A session's page, its documents, and who chose it (for its organisers and presenters)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import security_log
from alliance.lib.csv import csv_response
from people.exports import PERSON_HEADER, person_cells
from people.rules import can_see_contacts
from programme.forms import SessionDocumentForm
from programme.models import Choice, Session, SessionDocument
from programme.rules import can_manage_session, can_read_session_documents
from programme.selectors import counts_of, places_left
from programme.views.access import get_session_for_user


def _choices(session: Session):
    """Who chose the session, confirmed first, each in the order they chose: one query."""
    return (
        Choice.objects.filter(session=session)
        .select_related("person__school", "person__organisation")
        .order_by("-status", "created_at", "pk")
    )


def _context(request: HttpRequest, session: Session, **extra) -> dict:
    """What the page shows, for a session read with `get_session_for_user(page=True)`: the
    documents and, for its organisers and presenters, the choices, one query each."""
    user = request.user
    event = session.slot.event
    counts = counts_of(session)
    manages = can_manage_session(user, session, event)
    read_documents = can_read_session_documents(user, event)
    return {
        "session": session,
        "slot": session.slot,
        "event": event,
        "counts": counts,
        "places_left": places_left(session, counts),
        "mine": session.mine,
        "presenters": [
            (p, p.email if p.email and can_see_contacts(user, p) else "")
            for p in session.presenters.all()
        ],
        "can_manage": manages,
        "read_documents": read_documents,
        "documents": list(session.documents.order_by("uploaded_at", "pk"))
        if read_documents
        else [],
        "choices": list(_choices(session)) if manages else [],
        "document_form": SessionDocumentForm(),
        **extra,
    }


@require_GET
def session_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The session: when and where, presenters, description, documents and, for its
    organisers and presenters, who chose it. A fixed number of queries whatever the number
    of presenters, documents and choices: the session (with its counts of choices and the
    user's own), presenters, event, documents, choices."""
    session = get_session_for_user(request, pk, page=True)
    return render(request, "programme/session.html", _context(request, session))


@login_required
@require_GET
def session_choices_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Who chose the session, as CSV; e-mail only where the person lets this user see it."""
    session = get_session_for_user(request, pk, action="manage")
    header = [*PERSON_HEADER, "Status", "Chosen"]
    rows = (
        [
            *person_cells(request.user, c.person),
            c.get_status_display(),
            c.created_at.strftime("%Y-%m-%d %H:%M"),
        ]
        for c in _choices(session)
    )
    security_log(
        kind="export",
        user=request.user,
        request=request,
        what="session choices",
        session=session.pk,
    )
    return csv_response(filename=f"session-{session.pk}-choices.csv", header=header, rows=rows)


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_session_for_user(request, pk, action="manage", page=True)
    form = SessionDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        document = form.save(commit=False)
        document.session = session
        document.save()
        messages.success(request, f"“{document.title}” is attached.")
        return redirect(session)
    context = _context(request, session, document_form=form, form=form)
    return render(request, "programme/session.html", context, status=400)


@login_required
@require_GET
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> FileResponse:
    """The document as an attachment, never rendered in the browser, for members who may see
    the event."""
    session = get_session_for_user(request, pk)
    if not can_read_session_documents(request.user, session.slot.event):
        raise PermissionDenied
    document = get_object_or_404(SessionDocument, session=session, pk=doc_pk)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404("The file is missing.") from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name or document.file.name.rsplit("/", 1)[-1],
        content_type=document.content_type or "application/octet-stream",
    )
