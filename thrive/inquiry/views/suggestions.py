"""Suggested codes for a transcript's uncoded passages: see why, then accept or reject each."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import suggestions
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.agreement import SEPARATOR
from thrive.inquiry.forms import SuggestionForm
from thrive.inquiry.models import Code, InquiryError, Transcript
from thrive.inquiry.views.transcripts import transcript_for
from thrive.lib.htmx import is_htmx

SHOWN = 100  # passages with suggestions on one page


@dataclass(frozen=True)
class Quote:
    """A passage shown as evidence, with a link to its exact span."""

    transcript: Transcript
    start: int
    end: int
    text: str
    similarity: float


@dataclass(frozen=True)
class Shown:
    code: Code
    path: str
    score: float
    evidence: list[Quote]


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str
    suggestions: list[Shown]


def shown_passages(transcript: Transcript, found: list[suggestions.Offer]) -> list[Passage]:
    """The offers with at least one suggestion, with codes and evidence ready to show."""
    found = [offer for offer in found if offer.suggestions][:SHOWN]
    codes = {
        SEPARATOR.join(parts): code for parts, code in transcript.inquiry.codes.by_path().items()
    }
    wanted = {e.key.transcript_id for o in found for s in o.suggestions for e in s.evidence}
    others = Transcript.objects.select_related("participant").in_bulk(wanted)
    passages = []
    for offer in found:
        shown = [
            Shown(
                codes[s.code],
                s.code,
                s.score,
                [
                    Quote(
                        others[e.key.transcript_id],
                        e.key.start,
                        e.key.end,
                        others[e.key.transcript_id].text[e.key.start : e.key.end],
                        e.similarity,
                    )
                    for e in s.evidence
                ],
            )
            for s in offer.suggestions
        ]
        ref = offer.ref
        passages.append(Passage(ref.start, ref.end, transcript.text[ref.start : ref.end], shown))
    return passages


def page(request: HttpRequest, transcript: Transcript, status: str = "") -> HttpResponse:
    inquiry = transcript.inquiry
    coder_id = suggestions.learner(inquiry, request.user)
    context = {
        "inquiry": inquiry,
        "transcript": transcript,
        "status": status,
        "blind": coder_id is not None,
        "job": suggestions.running_job(inquiry),
        "minimum": suggestions.minimum_examples(),
    }
    unread = suggestions.unread_transcripts(inquiry)
    context["unread"] = transcript.pk in unread
    context["others_unread"] = len(unread - {transcript.pk})
    if not context["unread"]:
        found, suggester, learnt = suggestions.offers(inquiry, coder_id, {transcript.pk})
        shown = shown_passages(transcript, found)
        quoted = sorted({q.transcript.pk for p in shown for s in p.suggestions for q in s.evidence})
        if quoted:
            listed = ", ".join(str(pk) for pk in quoted)
            record(
                request, Action.VIEW, "transcript", "", f"suggestion evidence from {listed}"[:300]
            )
        context.update(
            passages=shown,
            uncoded=len(found),
            ready=suggester.ready,
        )
        evaluation = suggestions.stored_evaluation(learnt, coder_id)
        context["evaluation_line"] = suggestions.evaluation_line(evaluation, coder_id is not None)
    return render(request, "inquiry/suggestions.html", context)


@requires(WORK)
@require_GET
def suggestions_view(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Suggested codes for the transcript's uncoded passages, each with its evidence."""
    transcript = transcript_for(request, pk, transcript_pk)
    record(request, Action.VIEW, "transcript", transcript.pk, "suggestions")
    return page(request, transcript)


@requires(WORK)
@require_POST
def suggestion_decide(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Accept a suggestion (it becomes the person's coding) or reject it (never offered again)."""
    transcript = transcript_for(request, pk, transcript_pk)
    form = SuggestionForm(request.POST, inquiry=transcript.inquiry)
    if not form.is_valid():
        status = next(iter(form.errors.values()))[0]
    else:
        data = form.cleaned_data
        code, start, end = data["code"], data["start"], data["end"]
        options = {"score": data["score"] or 0.0, "opened_at": data["transcript_version"]}
        try:
            if data["decision"] == "accept":
                suggestions.accept(transcript, code, start, end, request.user, **options)
            else:
                suggestions.reject(transcript, code, start, end, request.user, **options)
        except InquiryError as problem:
            status = str(problem)
            transcript.refresh_from_db()
        else:
            if data["decision"] == "accept":
                record(request, Action.CHANGE, "transcript", transcript.pk, "coded as suggested")
                status = f"Coded the passage as {code.name}. It is your coding now."
            else:
                record(request, Action.CHANGE, "transcript", transcript.pk, "suggestion rejected")
                status = f"Rejected {code.name} for that passage; it will not be suggested again."
    if is_htmx(request):
        return page(request, transcript, status)
    messages.success(request, status)
    return redirect("inquiry:suggestions", pk, transcript.pk)


@requires(WORK)
@require_POST
def suggestions_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """Start reading the inquiry's passages and measuring the suggestions in the background."""
    inquiry = inquiry_for(request, pk)
    coder_id = suggestions.learner(inquiry, request.user)
    back = request.POST.get("back", "")
    if not back.startswith(reverse("inquiry:detail", args=[inquiry.pk])):
        back = reverse("inquiry:detail", args=[inquiry.pk])
    running = suggestions.running_job(inquiry)
    if running is not None and running.started_by_id != request.user.pk:
        messages.success(request, "Someone on the team is preparing suggestions already.")
        return redirect(back)
    if running is None:
        with transaction.atomic():
            running = suggestions.start_job(inquiry, request.user, coder_id, back)
        record(request, Action.CHANGE, "inquiry", inquiry.pk, "suggestions prepared")
    return redirect(running)
