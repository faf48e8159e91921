"""Search by meaning: a search in plain words, passages like one passage, getting ready."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Role
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import meaning
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.models import Inquiry
from thrive.inquiry.views.transcripts import transcript_for


def readiness_context(request: HttpRequest, inquiry: Inquiry) -> dict:
    """Whether the inquiry is ready, and the job's page when this person may open it."""
    readiness = meaning.readiness(inquiry)
    job = readiness.job
    visible = job is not None and (
        job.started_by_id == request.user.pk or request.user.role == Role.COORDINATOR
    )
    return {"readiness": readiness, "job_url": job.get_absolute_url() if visible else ""}


def meaning_search(request: HttpRequest, inquiry: Inquiry, query: str) -> HttpResponse:
    """The search page answering a search by meaning (called by the search view)."""
    context = {"inquiry": inquiry, "query": query, "how": "meaning", "found": None, "error": ""}
    context.update(readiness_context(request, inquiry))
    status = 200
    if query.strip():
        try:
            context["found"] = meaning.search_by_meaning(inquiry, query)
        except meaning.MeaningError as problem:
            context["error"], status = str(problem), 400
        else:
            record(request, Action.VIEW, "transcript", "", "search by meaning")
    return render(request, "inquiry/search.html", context, status=status)


@requires(WORK)
@require_GET
def passages_like_view(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """The passages of the inquiry nearest in meaning to one passage of this transcript."""
    transcript = transcript_for(request, pk, transcript_pk)
    inquiry = transcript.inquiry
    chosen = request.GET.get("passage", "")
    context = {
        "inquiry": inquiry,
        "transcript": transcript,
        "choices": meaning.passage_choices(transcript),
        "chosen": chosen,
        **readiness_context(request, inquiry),
        "found": None,
        "error": "",
    }
    status = 200
    if chosen:
        try:
            ref = meaning.passage_at(transcript, chosen)
            context["passage"] = transcript.text[ref.start : ref.end]
            context["found"] = meaning.passages_like(inquiry, ref)
        except meaning.MeaningError as problem:
            context["error"], status = str(problem), 400
        else:
            record(request, Action.VIEW, "transcript", transcript.pk, "passages like a passage")
    return render(request, "inquiry/passages_like.html", context, status=status)


@requires(WORK)
@require_POST
def prepare_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or find) the job that gets the inquiry's passages ready for search by meaning."""
    inquiry = inquiry_for(request, pk)
    job = inquiry.start_passage_vectors(request.user)
    return redirect(job.get_absolute_url())
