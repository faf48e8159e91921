"""Member checks: the participant's own page behind their private link, and the team's side.

The participant's page opens without an account and shows only their own transcripts, each
passage with the team's interpretations in plain words (code descriptions, never code names
or coders). Every answer there is a task for the team; nothing changes a transcript until
someone on the team accepts it.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.core.agreement import passages
from thrive.inquiry.member_checks import (
    MemberCheckLink,
    MemberCheckResponse,
    ResponseKind,
    ResponseState,
    status_board,
)
from thrive.inquiry.models import Coding, InquiryError, Participant, Transcript
from thrive.lib.downloads import download
from thrive.lib.pdf import PdfUnavailable, html_to_pdf
from thrive.lib.signing import LinkRefused

NOTED = "The team noted this passage."


def participant_copy(participant: Participant) -> list[dict]:
    """Their transcripts as numbered passages, each with the team's interpretations in plain
    words; numbers run on across transcripts so one number names one passage."""
    copy, number = [], 0
    for transcript in Transcript.objects.filter(participant=participant):
        codings = list(
            Coding.objects.filter(transcript=transcript)
            .select_related("code")
            .only("start", "end", "code__description")
        )
        shown = []
        for start, end in passages(transcript.text):
            number += 1
            meanings = []
            for coding in codings:
                if coding.start < end and coding.end > start:
                    meaning = coding.code.description.strip() or NOTED
                    if meaning not in meanings:
                        meanings.append(meaning)
            text = transcript.text[start:end]
            shown.append(
                {"number": number, "start": start, "end": end, "text": text, "meanings": meanings}
            )
        copy.append({"transcript": transcript, "passages": shown})
    return copy


def find_passage(copy: list[dict], number: object) -> tuple[Transcript, int, int]:
    for part in copy:
        for passage in part["passages"]:
            if str(passage["number"]) == str(number):
                return part["transcript"], passage["start"], passage["end"]
    raise InquiryError("Choose the passage you mean.")


def closed_page(request: HttpRequest, problem: LinkRefused) -> HttpResponse:
    reason = getattr(problem, "reason", "not valid")
    status = 404 if reason == "not valid" else 410
    return render(request, "member_check/closed.html", {"reason": reason}, status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def participant_page(request: HttpRequest, token: str) -> HttpResponse:
    """The participant reads their interview and approves, comments, asks for changes or
    withdraws. A link that is expired, revoked or tampered with changes nothing."""
    try:
        participant = MemberCheckLink.open(token)
    except LinkRefused as problem:
        return closed_page(request, problem)
    copy = participant_copy(participant)
    error = ""
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        try:
            if kind == ResponseKind.WITHDRAW and request.POST.get("confirm") != "yes":
                raise InquiryError("Tick the box to confirm that you want to withdraw.")
            where = {}
            if kind in (ResponseKind.COMMENT, ResponseKind.REWORD, ResponseKind.REMOVE):
                transcript, start, end = find_passage(copy, request.POST.get("passage"))
                where = {"transcript": transcript, "start": start, "end": end}
            response = MemberCheckResponse.make(
                participant, kind, text=request.POST.get("text", ""), **where
            )
        except InquiryError as problem:
            error = str(problem)
        else:
            record(
                request,
                Action.CREATE,
                "participant",
                participant.pk,
                f"member check through their link: {response.kind}",
            )
            if kind == ResponseKind.WITHDRAW:
                return render(request, "member_check/closed.html", {"reason": "withdrawn"})
            return redirect(reverse("member_check:page", args=[token]) + "?thanks=1#thanks")
    link = participant.member_check_link
    link.note_opening()
    record(request, Action.VIEW, "participant", participant.pk, "opened their member-check link")
    numbers = [p["number"] for part in copy for p in part["passages"]]
    context = {
        "copy": copy,
        "numbers": numbers,
        "earlier": participant.member_check_responses.all(),
        "thanks": request.GET.get("thanks") == "1" and not error,
        "error": error,
        "posted": request.POST if error else {},
        "expires": link.expires_at,
        "token": token,
    }
    return render(request, "member_check/page.html", context, status=400 if error else 200)


def copy_pdf(request: HttpRequest, participant: Participant, who: str) -> HttpResponse:
    """Their copy as a PDF, to print or post; `who` says in the audit trail who took it."""
    html = render_to_string(
        "member_check/copy_print.html",
        {"copy": participant_copy(participant), "made_on": timezone.localdate()},
    )
    try:
        pdf = html_to_pdf(html)
    except PdfUnavailable as problem:
        return HttpResponse(str(problem), content_type="text/plain; charset=utf-8", status=503)
    record(request, Action.EXPORT, "participant", participant.pk, f"PDF copy taken by {who}")
    return download(pdf, "your-interview", "pdf")


@login_not_required
@require_http_methods(["GET"])
def participant_copy_pdf(request: HttpRequest, token: str) -> HttpResponse:
    """The participant's own copy as a PDF, through their private link."""
    try:
        participant = MemberCheckLink.open(token)
    except LinkRefused as problem:
        return closed_page(request, problem)
    return copy_pdf(request, participant, "the participant, through their link")


# The team's side -------------------------------------------------------------------------


@requires(WORK)
@require_http_methods(["GET"])
def member_check_copy(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """The participant's copy as a PDF, for the team to print or post to them."""
    _, participant = _participant(request, pk, participant_pk)
    return copy_pdf(request, participant, "the team")


def _participant(request: HttpRequest, pk: int, participant_pk: int):
    inquiry = inquiry_for(request, pk)
    participant = get_object_or_404(
        Participant.objects.active(), pk=participant_pk, inquiry=inquiry
    )
    return inquiry, participant


@requires(WORK)
@require_http_methods(["GET", "POST"])
def member_check_view(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    """One participant's member check: the link (send, renew, revoke), their answers, and
    answers recorded on their behalf."""
    inquiry, participant = _participant(request, pk, participant_pk)
    link = MemberCheckLink.objects.filter(participant=participant).first()
    url, error = "", ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "send":
                days = request.POST.get("days") or None
                link = MemberCheckLink.issue(
                    participant, by=request.user, days=int(days) if days else None
                )
                url = request.build_absolute_uri(reverse("member_check:page", args=[link.token()]))
                record(
                    request,
                    Action.CHANGE,
                    "participant",
                    participant.pk,
                    f"member-check link issued (link {link.counter})",
                )
            elif action == "revoke" and link is not None:
                link.revoke()
                record(
                    request,
                    Action.CHANGE,
                    "participant",
                    participant.pk,
                    "member-check link revoked",
                )
                messages.success(request, "The link is closed. Send a new one whenever needed.")
                return redirect("inquiry:member_check", inquiry.pk, participant.pk)
            elif action == "record":
                kind = request.POST.get("kind", "")
                where = {}
                if kind in (ResponseKind.COMMENT, ResponseKind.REWORD, ResponseKind.REMOVE):
                    where = dict(
                        zip(
                            ("transcript", "start", "end"),
                            find_passage(
                                participant_copy(participant), request.POST.get("passage")
                            ),
                            strict=True,
                        )
                    )
                response = MemberCheckResponse.make(
                    participant,
                    kind,
                    text=request.POST.get("text", ""),
                    recorded_by=request.user,
                    **where,
                )
                record(
                    request,
                    Action.CREATE,
                    "participant",
                    participant.pk,
                    f"member check recorded on their behalf: {response.kind}",
                )
                messages.success(request, "Recorded on their behalf.")
                if kind == ResponseKind.WITHDRAW:
                    return redirect("inquiry:participants", inquiry.pk)
                return redirect("inquiry:member_check", inquiry.pk, participant.pk)
        except ValueError as problem:
            error = str(problem) if isinstance(problem, InquiryError) else "Give a number of days."
    copy = participant_copy(participant)
    context = {
        "inquiry": inquiry,
        "participant": participant,
        "link": link,
        "url": url,
        "error": error,
        "numbers": [p["number"] for part in copy for p in part["passages"]],
        "responses": participant.member_check_responses.select_related("recorded_by", "decided_by"),
        "kinds": ResponseKind.choices,
    }
    return render(request, "inquiry/member_check.html", context, status=400 if error else 200)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def member_check_tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """Every open answer of the inquiry's participants, to accept or decline with a note."""
    inquiry = inquiry_for(request, pk)
    error = ""
    if request.method == "POST":
        response = get_object_or_404(
            MemberCheckResponse.objects.filter(participant__withdrawn_at__isnull=True),
            pk=request.POST.get("response"),
            participant__inquiry=inquiry,
        )
        note = request.POST.get("note", "")
        try:
            if request.POST.get("decision") == "accept":
                response.accept(request.user, note, request.POST.get("wording"))
            else:
                response.decline(request.user, note)
        except InquiryError as problem:
            error = str(problem)
        else:
            record(
                request,
                Action.CHANGE,
                "participant",
                response.participant_id,
                f"member check {response.kind} {response.state}",
            )
            messages.success(
                request, f"{response.participant.label}: {response.get_state_display().lower()}."
            )
            return redirect("inquiry:member_check_tasks", inquiry.pk)
    tasks = MemberCheckResponse.objects.filter(
        participant__inquiry=inquiry,
        participant__withdrawn_at__isnull=True,
        state=ResponseState.OPEN,
    ).select_related("participant", "recorded_by")
    record(request, Action.VIEW, "participant", "", f"member checks of inquiry {inquiry.pk}")
    context = {"inquiry": inquiry, "tasks": tasks, "error": error, "board": status_board(inquiry)}
    return render(request, "inquiry/member_check_tasks.html", context, status=400 if error else 200)
