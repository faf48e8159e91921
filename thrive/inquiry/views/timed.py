"""Timed transcripts: who spoke, correcting while listening, playing clips, subtitle files."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK
from thrive.inquiry.core.audio import AudioError
from thrive.inquiry.core.subtitles import FORMATS
from thrive.inquiry.core.timing import SAME_AS_PREVIOUS, chosen_speakers, clock
from thrive.inquiry.models import InquiryError, Transcript, TranscriptChanged
from thrive.inquiry.timed import (
    NoAudio,
    clip_wav,
    placed_segments,
    playable_recording,
    save_corrections,
    save_speakers,
    speaker_choices,
    subtitle_file,
)
from thrive.inquiry.views.transcripts import transcript_for
from thrive.lib.forms import render_form

PAGE = 200
UNCHOSEN = "?"


def segment_page(request: HttpRequest, count: int) -> range:
    """The positions of the segments one page shows (?from=N), PAGE at a time."""
    raw = request.GET.get("from", "")
    first = int(raw) if raw.isdigit() and int(raw) < count else 0
    return range(first - first % PAGE, min(count, first - first % PAGE + PAGE))


def paging(request: HttpRequest, shown: range, count: int) -> dict:
    """Links to the pages before and after, for a long transcript."""
    earlier = f"{request.path}?from={shown.start - PAGE}" if shown.start else ""
    later = f"{request.path}?from={shown.stop}" if shown.stop < count else ""
    return {"count": count, "shown": shown, "earlier": earlier, "later": later}


def kept_speaker(row: dict) -> str:
    """A segment on another page keeps its speaker (as the one before when it names none)."""
    return row["speaker"] or (SAME_AS_PREVIOUS if row["position"] else "")


def segment_rows(transcript: Transcript) -> list[dict]:
    """What the speaker and correction pages show of each segment."""
    text = transcript.text
    return [
        {
            "position": position,
            "number": position + 1,
            "start_ms": p.start_ms,
            "end_ms": p.end_ms,
            "times": f"{clock(p.start_ms)}–{clock(p.end_ms)}",
            "words": text[p.text_start : p.text_end],
            "speaker": p.speaker,
            "guessed": p.guessed,
        }
        for position, p in enumerate(placed_segments(transcript))
    ]


def changed_words(request: HttpRequest, rows: list[dict]) -> dict[int, str]:
    """The posted words of each segment whose words changed, by position."""
    posted = {row["position"]: request.POST.get(f"words-{row['position']}") for row in rows}
    return {
        row["position"]: posted[row["position"]]
        for row in rows
        if posted[row["position"]] is not None
        and " ".join(posted[row["position"]].split()) != row["words"]
    }


def posted_version(request: HttpRequest, transcript: Transcript) -> int:
    """The version the page was opened at (the current one when missing or unreadable)."""
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else transcript.version


def saved(request: HttpRequest, transcript: Transcript, version: int, what: str) -> HttpResponse:
    record(request, Action.CHANGE, "transcript", transcript.pk, f"v{version} {what}")
    messages.success(request, f"Saved version {version}: {what}.")
    return redirect("inquiry:transcript", transcript.inquiry_id, transcript.pk)


def segments_form(
    request: HttpRequest,
    template: str,
    transcript: Transcript,
    rows: list[dict],
    shown: range,
    **extra: object,
) -> HttpResponse:
    """A page of the speakers or correction form: the shown segments, their paging and `extra`."""
    context = {
        "inquiry": transcript.inquiry,
        "transcript": transcript,
        "rows": rows[shown.start : shown.stop],
        **extra,
        **paging(request, shown, len(rows)),
    }
    return render_form(request, template, context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def transcript_speakers(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Give each timed segment to the interviewer or the participant; saving confirms them all."""
    transcript = transcript_for(request, pk, transcript_pk)
    rows = segment_rows(transcript)
    shown = segment_page(request, len(rows))
    choices = speaker_choices(transcript, [row["speaker"] for row in rows])
    error = ""
    if request.method == "POST":
        values = [
            request.POST.get(f"speaker-{row['position']}", UNCHOSEN)
            if row["position"] in shown
            else kept_speaker(row)
            for row in rows
        ]
        try:
            speakers = chosen_speakers(values, choices)
            revision = save_speakers(
                transcript, speakers, request.user, posted_version(request, transcript)
            )
        except (ValueError, InquiryError) as problem:
            error = str(problem)
            if isinstance(problem, TranscriptChanged):
                transcript.refresh_from_db()
                rows = segment_rows(transcript)
        else:
            return saved(request, transcript, revision.version, "speakers confirmed")
    else:
        record(request, Action.VIEW, "transcript", transcript.pk, "speakers")
    return segments_form(
        request,
        "inquiry/transcript_speakers.html",
        transcript,
        rows,
        shown,
        error=error,
        choices=choices,
        same=SAME_AS_PREVIOUS,
    )


@requires(WORK)
@require_http_methods(["GET", "POST"])
def transcript_correct(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Correct each segment's words while listening to it; saving makes a new version."""
    transcript = transcript_for(request, pk, transcript_pk)
    rows = segment_rows(transcript)
    shown = segment_page(request, len(rows))
    error = ""
    if request.method == "POST":
        words = changed_words(request, rows)
        if not words:
            messages.success(request, "Nothing was changed.")
            return redirect("inquiry:transcript", transcript.inquiry_id, transcript.pk)
        try:
            revision = save_corrections(
                transcript, words, request.user, posted_version(request, transcript)
            )
        except (ValueError, InquiryError) as problem:
            error = str(problem)
            for row in rows:
                row["words"] = request.POST.get(f"words-{row['position']}", row["words"])
        else:
            count = len(words)
            return saved(
                request,
                transcript,
                revision.version,
                f"{count} segment{'s' * (count != 1)} corrected",
            )
    else:
        record(request, Action.VIEW, "transcript", transcript.pk, "correction")
    return segments_form(
        request,
        "inquiry/transcript_correct.html",
        transcript,
        rows,
        shown,
        error=error,
        playable=playable_recording(transcript) is not None,
    )


@requires(WORK)
@require_GET
def recording_clip(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """A WAV clip of the transcript's recording from ?start= to ?end= (milliseconds)."""
    transcript = transcript_for(request, pk, transcript_pk)
    start, end = request.GET.get("start", ""), request.GET.get("end", "")
    if not (start.isdigit() and end.isdigit()) or int(end) <= int(start):
        return HttpResponse(
            "Give start and end in whole milliseconds, the end after the start.",
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        clip = clip_wav(transcript, int(start), int(end))
    except (NoAudio, AudioError):
        raise Http404("This transcript has no audio to play.") from None
    record(request, Action.VIEW, "transcript", transcript.pk, f"recording {start}-{end} ms")
    return HttpResponse(clip, content_type="audio/wav")


@requires(WORK)
@require_GET
def transcript_subtitles(
    request: HttpRequest, pk: int, transcript_pk: int, fmt: str
) -> HttpResponse:
    """Download a timed transcript as WebVTT or SubRip subtitles."""
    transcript = transcript_for(request, pk, transcript_pk)
    if not transcript.segments.exists():
        raise Http404("This transcript has no times to export.")
    record(request, Action.EXPORT, "transcript", transcript.pk, fmt)
    response = HttpResponse(
        subtitle_file(transcript, fmt), content_type=f"{FORMATS[fmt]}; charset=utf-8"
    )
    name = "".join(c if c.isalnum() or c in " -_" else "_" for c in transcript.title).strip()
    response["Content-Disposition"] = f'attachment; filename="{name or "transcript"}.{fmt}"'
    return response
