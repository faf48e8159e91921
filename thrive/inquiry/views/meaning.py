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


def job_url(request: HttpRequest, readiness: meaning.Readiness) -> str:
    """The page of the job getting transcripts ready, when this person may open it."""
    job = readiness.job
    if job is None or (
        job.started_by_id != request.user.pk and request.user.role != Role.COORDINATOR
    ):
        return ""
    return job.get_absolute_url()


def meaning_search(request: HttpRequest, inquiry: Inquiry, query: str) -> HttpResponse:
    """The search page answering a search by meaning (called by the search view)."""
    context = {"inquiry": inquiry, "query": query, "how": "meaning", "error": ""}
    status = 200
    try:
        readiness, found = meaning.search_page(inquiry, query)
    except meaning.MeaningError as problem:
        readiness, found = meaning.readiness(inquiry), None
        context["error"], status = str(problem), 400
    else:
        if found is not None:
            record(request, Action.VIEW, "transcript", "", "search by meaning")
    context.update(readiness=readiness, job_url=job_url(request, readiness), found=found)
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
        "found": None,
        "error": "",
    }
    status, readiness = 200, None
    if chosen:
        try:
            ref = meaning.passage_at(transcript, chosen)
            context["passage"] = transcript.text[ref.start : ref.end]
            readiness, context["found"] = meaning.like_page(inquiry, ref)
        except meaning.MeaningError as problem:
            context["error"], status = str(problem), 400
        else:
            record(request, Action.VIEW, "transcript", transcript.pk, "passages like a passage")
    readiness = readiness or meaning.readiness(inquiry)
    context.update(readiness=readiness, job_url=job_url(request, readiness))
    return render(request, "inquiry/passages_like.html", context, status=status)


@requires(WORK)
@require_POST
def prepare_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Start (or find) the job that gets the inquiry's passages ready for search by meaning."""
    inquiry = inquiry_for(request, pk)
    job = inquiry.start_passage_vectors(request.user)
    return redirect(job.get_absolute_url())
