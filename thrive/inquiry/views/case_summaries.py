"""Case summaries: the team writes each participant's account in the study's sections."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.case_summaries import (
    MAX_SECTION,
    CaseSummary,
    SummaryChanged,
    SummaryStatus,
    team_sections,
    titled,
)
from thrive.inquiry.core.case_sections import SECTIONS
from thrive.inquiry.models import InquiryError, Participant
from thrive.inquiry.themes import label_order
from thrive.lib.concurrency import Changed
from thrive.lib.forms import render_form


def participant_for(request: HttpRequest, pk: int, participant_pk: int) -> Participant:
    """A participant taking part in an inquiry the user works on (404 once they withdrew)."""
    inquiry = inquiry_for(request, pk)
    participant = get_object_or_404(
        Participant.objects.active(), pk=participant_pk, inquiry=inquiry
    )
    participant.inquiry = inquiry
    return participant


@requires(WORK)
@require_GET
def case_summaries(request: HttpRequest, pk: int) -> HttpResponse:
    """Every participant's case summary with where it stands."""
    inquiry = inquiry_for(request, pk)
    participants = sorted(
        inquiry.participants.active().select_related("case_summary", "case_summary__updated_by"),
        key=lambda p: label_order(p.label),
    )
    rows = [(p, getattr(p, "case_summary", None)) for p in participants]
    record(request, Action.VIEW, "participant", "", f"case summaries of inquiry {inquiry.pk}")
    return render(request, "inquiry/case_summaries.html", {"inquiry": inquiry, "rows": rows})


@requires(WORK)
@require_http_methods(["GET", "POST"])
def case_summary(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """One participant's summary: each section's coded passages above the team's text;
    "Save draft" or "Mark ready". Refused input is kept on the page and nothing is saved."""
    participant = participant_for(request, pk, participant_pk)
    summary = CaseSummary.of(participant)
    sections, unplaced = team_sections(participant, summary)
    error, changed, opened_at = "", None, summary.version
    if request.method == "POST":
        texts = {s.key: request.POST.get(f"text-{s.key}", "") for s in SECTIONS}
        status = request.POST.get("action", "")
        try:
            opened = int(request.POST.get("version", ""))
        except ValueError:
            opened = -1
        try:
            saved = summary.write(texts, status, request.user, opened)
        except SummaryChanged:
            current = CaseSummary.of(participant)
            changed = Changed(now=titled(current.texts) or [("Every section", "(nothing)")])
            opened_at = current.version
        except InquiryError as problem:
            error = str(problem)
        else:
            if saved:
                record(
                    request, Action.CHANGE, "participant", participant.pk, f"case summary {status}"
                )
                word = "ready" if status == SummaryStatus.READY else "a draft"
                messages.success(request, f"Saved {participant.label}'s case summary as {word}.")
            else:
                messages.info(request, "Nothing had changed, so nothing new was saved.")
            return redirect("inquiry:case_summary", participant.inquiry.pk, participant.pk)
        for section in sections:
            section.text = texts[section.key]
    else:
        record(request, Action.VIEW, "participant", participant.pk, "case summary")
    context = {
        "inquiry": participant.inquiry,
        "participant": participant,
        "summary": summary,
        "sections": sections,
        "unplaced": unplaced,
        "opened_at": opened_at,
        "max_section": MAX_SECTION,
        "error": error,
        "changed": changed,
        "has_errors": bool(error) or changed is not None,
    }
    return render_form(request, "inquiry/case_summary.html", context)


@requires(WORK)
@require_GET
def case_summary_history(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """Earlier versions of a summary, newest first, with who wrote and who replaced each."""
    participant = participant_for(request, pk, participant_pk)
    summary = CaseSummary.of(participant)
    versions = []
    if summary.pk is not None:
        versions = list(summary.versions.select_related("written_by", "replaced_by"))
    record(request, Action.VIEW, "participant", participant.pk, "case summary history")
    context = {
        "inquiry": participant.inquiry,
        "participant": participant,
        "summary": summary,
        "versions": versions,
    }
    return render(request, "inquiry/case_summary_history.html", context)
