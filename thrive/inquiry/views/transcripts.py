"""Transcripts: adding them, reading them by speaker turn, and coding passages in the browser."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.accounts.models import Role
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.core.audio import AudioError, is_audio
from thrive.inquiry.core.formats import TranscriptError
from thrive.inquiry.core.segments import segments
from thrive.inquiry.core.turns import speaker_turns
from thrive.inquiry.forms import (
    AnswerForm,
    CodingForm,
    MemoForm,
    PasteForm,
    TranscriptEditForm,
    UploadForm,
)
from thrive.inquiry.meaning import passage_choices
from thrive.inquiry.models import (
    Code,
    CoderPreference,
    Coding,
    GuideAnswer,
    InquiryError,
    Transcript,
    TranscriptChanged,
)
from thrive.inquiry.recordings import start_transcriptions
from thrive.inquiry.retrieval import code_tree, flatten
from thrive.inquiry.timed import timed_facts
from thrive.inquiry.transcript_import import add_transcript_files
from thrive.lib.forms import posted, render_form
from thrive.lib.htmx import is_htmx

UNDO_KEY = "inquiry-restorable-coding"


def transcript_for(request: HttpRequest, pk: int, transcript_pk: int) -> Transcript:
    """A transcript of an inquiry the user works on; 404 when it is not in that inquiry."""
    inquiry = inquiry_for(request, pk)
    return get_object_or_404(
        Transcript.objects.select_related("inquiry", "participant"),
        pk=transcript_pk,
        inquiry=inquiry,
    )


# Adding transcripts -------------------------------------------------------------------------


@requires(WORK)
@require_http_methods(["GET", "POST"])
def transcript_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload several transcript files at once; if one cannot be read, none is added."""
    inquiry = inquiry_for(request, pk)
    form = UploadForm(posted(request), posted(request, files=True), inquiry=inquiry)
    error = ""
    if request.method == "POST" and form.is_valid():
        files = [(f.name, f.read()) for f in form.cleaned_data["files"]]
        if any(is_audio(name) for name, _ in files):
            return recordings_upload(request, form, files)
        try:
            added = add_transcript_files(
                inquiry, files, form.cleaned_data["participant"], request.user
            )
        except (TranscriptError, InquiryError) as problem:
            error = str(problem)
        else:
            for transcript in added:
                record(request, Action.CREATE, "transcript", transcript.pk, "upload")
            count = len(added)
            messages.success(request, f"Added {count} transcript{'s' if count != 1 else ''}.")
            return redirect("inquiry:detail", inquiry.pk)
    context = {"inquiry": inquiry, "form": form, "error": error}
    return render_form(request, "inquiry/transcript_upload.html", context)


def recordings_upload(request: HttpRequest, form: UploadForm, files) -> HttpResponse:
    """Recordings go to the speech model as jobs; the person follows the first one."""
    inquiry = form.inquiry
    try:
        if not all(is_audio(name) for name, _ in files):
            raise AudioError("Upload recordings on their own, apart from transcript documents.")
        jobs = start_transcriptions(inquiry, files, form.cleaned_data["participant"], request.user)
    except AudioError as problem:
        context = {"inquiry": inquiry, "form": form, "error": str(problem)}
        return render_form(request, "inquiry/transcript_upload.html", context)
    count = len(jobs)
    messages.success(
        request,
        f"Transcribing {count} recording{'s' if count != 1 else ''} on this machine; "
        "the transcript appears in the inquiry when it is done.",
    )
    return redirect(jobs[0].get_absolute_url())


@requires(WORK)
@require_http_methods(["GET", "POST"])
def transcript_paste(request: HttpRequest, pk: int) -> HttpResponse:
    """Paste a transcript's text."""
    inquiry = inquiry_for(request, pk)
    form = PasteForm(posted(request), inquiry=inquiry)
    error = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transcript = inquiry.add_transcript(
                data["title"], data["text"], data["participant"], request.user
            )
        except InquiryError as problem:
            error = str(problem)
        else:
            record(request, Action.CREATE, "transcript", transcript.pk, "paste")
            messages.success(request, f"Added “{transcript.title}”.")
            return redirect("inquiry:transcript", inquiry.pk, transcript.pk)
    context = {"inquiry": inquiry, "form": form, "error": error}
    return render_form(request, "inquiry/transcript_paste.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def transcript_edit(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Correct a transcript; a changed text becomes a new version and codings move with it.

    The form names the version it was opened at: if someone saved another since, nothing is
    saved and the page shows what the transcript says now above the person's own text.
    """
    transcript = transcript_for(request, pk, transcript_pk)
    form = TranscriptEditForm(posted(request), instance=transcript)
    error = ""
    changed = None
    if request.method == "POST" and form.is_valid():
        try:
            revision = transcript.edit_text(
                form.cleaned_data["text"],
                request.user,
                opened_at=form.opened_at,
                redaction=form.cleaned_data["redaction"],
            )
        except TranscriptChanged:
            changed = form.changed()
        except InquiryError as problem:
            error = str(problem)
        else:
            transcript.title = form.cleaned_data["title"]
            transcript.participant = form.cleaned_data["participant"]
            transcript.save(update_fields=["title", "participant"])
            record(request, Action.CHANGE, "transcript", transcript.pk, f"v{revision.version}")
            note = f"Saved version {revision.version}."
            if revision.carried:
                note += f" {revision.carried} coding(s) moved with the text."
            if revision.lost:
                note += f" {len(revision.lost)} could not be carried; they are listed below."
            messages.success(request, note)
            return redirect("inquiry:transcript", pk, transcript.pk)
    if request.method == "GET":
        record(request, Action.VIEW, "transcript", transcript.pk, "edit")
    context = {"inquiry": transcript.inquiry, "transcript": transcript, "form": form}
    context["error"] = error
    context["changed"] = changed
    context["has_errors"] = bool(form.errors or error or changed)
    return render_form(request, "inquiry/transcript_edit.html", context)


# Reading and coding --------------------------------------------------------------------------


def transcript_html(
    transcript: Transcript, codings: list[Coding], highlight: tuple[int, int] | None
) -> SafeString:
    """The text cut into <span>/<mark> segments, each carrying its code-point offset."""
    text = transcript.text
    turns = speaker_turns(text)
    colours = {c.pk: c.code.shown_colour for c in codings}
    spans = [(c.pk, c.start, c.end) for c in codings]
    cuts = [b for t in turns for b in (t.start, t.text_start)]
    if highlight:
        cuts.extend(highlight)
    label_ends = {t.start: t.text_start for t in turns}
    turn_at = {t.start: index for index, t in enumerate(turns)}
    starts = {c.start for c in codings}
    label_until = -1
    parts: list[str] = []
    for seg in segments(len(text), spans, cuts):
        if seg.start in turn_at:
            parts.append(f'<span class="anchor" id="turn-{turn_at[seg.start] + 1}"></span>')
            label_until = label_ends[seg.start]
        if seg.start in starts:
            parts.append(f'<span class="anchor" id="p{seg.start}"></span>')
        if highlight and seg.start == highlight[0]:
            parts.append('<span class="anchor" id="hl"></span>')
        classes = []
        if seg.end <= label_until:
            classes.append("speaker")
        if highlight and highlight[0] <= seg.start and seg.end <= highlight[1]:
            classes.append("found")
        body = escape(text[seg.start : seg.end])
        if seg.keys:
            depth = min(len(seg.keys), 4)
            classes.append(f"depth-{depth}")
            keys = " ".join(str(k) for k in seg.keys)
            parts.append(
                f'<mark data-o="{seg.start}" data-c="{keys}" class="{" ".join(classes)}" '
                f'style="--c:{escape(colours[seg.keys[0]])}">{body}</mark>'
            )
        else:
            css = f' class="{" ".join(classes)}"' if classes else ""
            parts.append(f'<span data-o="{seg.start}"{css}>{body}</span>')
    return mark_safe("".join(parts))


def parse_highlight(request: HttpRequest, length: int) -> tuple[int, int] | None:
    raw = request.GET.get("hl", "")
    start, _, end = raw.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    start, end = int(start), int(end)
    return (start, end) if 0 <= start < end <= length else None


def workbench(
    request: HttpRequest,
    transcript: Transcript,
    coding_form: CodingForm | None = None,
    answer_form: AnswerForm | None = None,
    status: str = "",
) -> HttpResponse:
    """The reading and coding page: text with highlights, the code picker and the margin."""
    codings = list(
        transcript.codings.select_related("code", "coder").order_by("start", "end", "id")
    )
    blind = CoderPreference.is_blind(transcript.inquiry, request.user)
    hidden = 0
    if blind:
        own = [c for c in codings if c.coder_id == request.user.pk]
        hidden, codings = len(codings) - len(own), own
    answers = list(transcript.answers.select_related("question").order_by("start", "id"))
    nodes = flatten(code_tree(transcript.inquiry))
    coding_form = coding_form or CodingForm(transcript=transcript)
    answer_form = answer_form or AnswerForm(transcript=transcript, prefix="answer")
    snapshot = request.session.get(UNDO_KEY)
    restorable = snapshot if snapshot and snapshot.get("transcript") == transcript.pk else None
    has_errors = bool(coding_form.errors or answer_form.errors)
    highlight = parse_highlight(request, transcript.length)
    context = {
        "inquiry": transcript.inquiry,
        "transcript": transcript,
        "text_html": transcript_html(transcript, codings, highlight),
        "codings": codings,
        "codings_url": reverse("inquiry:transcript", args=[transcript.inquiry_id, transcript.pk])
        + "codings/",
        "answers": answers,
        "code_nodes": nodes,
        "coding_form": coding_form,
        "answer_form": answer_form,
        "checked": {str(v) for v in (coding_form["codes"].value() or [])},
        "status": status,
        "restorable": restorable,
        "has_errors": has_errors,
        "uncarried": transcript.uncarried.select_related("code", "coder")[:200],
        "is_coordinator": request.user.role == Role.COORDINATOR,
        "blind": blind,
        "hidden_codings": hidden,
        "choices": passage_choices(transcript),
        "chosen": "-".join(map(str, highlight)) if highlight else "",
        **timed_facts(transcript, codings),
    }
    return render(request, "inquiry/transcript.html", context)


@requires(WORK)
@require_GET
def transcript_detail(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Read a transcript by speaker turn and code passages of it."""
    transcript = transcript_for(request, pk, transcript_pk)
    record(request, Action.VIEW, "transcript", transcript.pk)
    return workbench(request, transcript)


def after_change(
    request: HttpRequest, transcript: Transcript, status: str, anchor: str = ""
) -> HttpResponse:
    """htmx gets the refreshed workbench with a status line; a plain post is redirected."""
    if is_htmx(request):
        return workbench(request, transcript, status=status)
    messages.success(request, status)
    url = reverse("inquiry:transcript", args=[transcript.inquiry_id, transcript.pk])
    return redirect(f"{url}#{anchor}" if anchor else url)


@requires(WORK)
@require_POST
def coding_add(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Apply one or more codes to the selected passage or speaker turn."""
    transcript = transcript_for(request, pk, transcript_pk)
    form = CodingForm(request.POST, transcript=transcript)
    if form.is_valid():
        data = form.cleaned_data
        try:
            added = transcript.add_codings(
                data["codes"],
                data["start"],
                data["end"],
                request.user,
                data["memo"],
                opened_at=data["transcript_version"],
            )
        except TranscriptChanged as problem:
            form.add_error(None, str(problem))
            transcript.refresh_from_db()
            form.start_again(transcript)
        except InquiryError as problem:
            form.add_error(None, str(problem))
        else:
            record(request, Action.CHANGE, "transcript", transcript.pk, "coded")
            names = ", ".join(c.code.name for c in added)
            quote = added[0].quote
            short = quote if len(quote) <= 60 else quote[:57] + "…"
            return after_change(
                request, transcript, f"Coded “{short}” as {names}.", f"p{added[0].start}"
            )
    elif form.stale:
        form.start_again(transcript)
    return workbench(request, transcript, coding_form=form)


@requires(WORK)
@require_POST
def answer_add(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Mark the selected passage or turn as the answer to a guide question."""
    transcript = transcript_for(request, pk, transcript_pk)
    form = AnswerForm(request.POST, transcript=transcript, prefix="answer")
    if form.is_valid():
        data = form.cleaned_data
        try:
            answer = transcript.mark_answer(
                data["question"],
                data["start"],
                data["end"],
                request.user,
                opened_at=data["transcript_version"],
            )
        except TranscriptChanged as problem:
            form.add_error(None, str(problem))
            transcript.refresh_from_db()
            form.start_again(transcript)
        else:
            record(request, Action.CHANGE, "transcript", transcript.pk, "answer marked")
            status = f"Marked the passage as the answer to question {answer.question.position}."
            return after_change(request, transcript, status, f"p{answer.start}")
    elif form.stale:
        form.start_again(transcript)
    return workbench(request, transcript, answer_form=form)


@requires(WORK)
@require_POST
def answer_delete(
    request: HttpRequest, pk: int, transcript_pk: int, answer_pk: int
) -> HttpResponse:
    """Unmark an answer."""
    transcript = transcript_for(request, pk, transcript_pk)
    answer = get_object_or_404(GuideAnswer, pk=answer_pk, transcript=transcript)
    answer.delete()
    record(request, Action.CHANGE, "transcript", transcript.pk, "answer unmarked")
    return after_change(request, transcript, "Removed the answer mark.")


def coding_for(request: HttpRequest, pk: int, transcript_pk: int, coding_pk: int) -> Coding:
    transcript = transcript_for(request, pk, transcript_pk)
    coding = get_object_or_404(
        Coding.objects.select_related("code", "coder", "memo_by"),
        pk=coding_pk,
        transcript=transcript,
    )
    coding.transcript = transcript
    return coding


@requires(WORK)
@require_http_methods(["GET", "POST"])
def coding_memo(request: HttpRequest, pk: int, transcript_pk: int, coding_pk: int) -> HttpResponse:
    """Read the memo on one coding; only its coder (or a coordinator) may change it."""
    coding = coding_for(request, pk, transcript_pk, coding_pk)
    may_change = coding.may_change_memo(request.user)
    if request.method == "POST" and not may_change:
        record(request, Action.DENIED, "transcript", coding.transcript_id, "change memo")
        raise PermissionDenied
    if request.method == "GET":
        record(
            request, Action.VIEW, "transcript", coding.transcript_id, f"memo on coding {coding.pk}"
        )
    form = MemoForm(posted(request), initial={"memo": coding.memo})
    if request.method == "POST" and form.is_valid():
        coding.set_memo(form.cleaned_data["memo"], request.user)
        record(request, Action.CHANGE, "transcript", coding.transcript_id, "memo")
        status = "Saved the memo." if coding.memo else "Cleared the memo."
        return after_change(request, coding.transcript, status, f"p{coding.start}")
    context = {
        "inquiry": coding.transcript.inquiry,
        "coding": coding,
        "form": form,
        "may_change": may_change,
    }
    return render_form(request, "inquiry/coding_memo.html", context)


@requires(WORK)
@require_POST
def coding_delete(
    request: HttpRequest, pk: int, transcript_pk: int, coding_pk: int
) -> HttpResponse:
    """Remove a coding, keeping what is needed to restore it."""
    coding = coding_for(request, pk, transcript_pk, coding_pk)
    if not coding.may_be_removed_by(request.user):
        record(request, Action.DENIED, "transcript", coding.transcript_id, "remove coding")
        raise PermissionDenied
    transcript = coding.transcript
    name = coding.code.name
    request.session[UNDO_KEY] = coding.remove()
    record(request, Action.CHANGE, "transcript", transcript.pk, "coding removed")
    return after_change(request, transcript, f"Removed the coding {name}. You can restore it.")


@requires(WORK)
@require_POST
def coding_undo(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Undo: remove the user's own most recent coding of this transcript."""
    transcript = transcript_for(request, pk, transcript_pk)
    last = (
        transcript.codings.filter(coder=request.user)
        .select_related("code")
        .order_by("-created_at", "-id")
        .first()
    )
    if last is None:
        return after_change(request, transcript, "You have no coding here to undo.")
    last.transcript = transcript
    name = last.code.name
    request.session[UNDO_KEY] = last.remove()
    record(request, Action.CHANGE, "transcript", transcript.pk, "coding undone")
    return after_change(
        request, transcript, f"Undid your last coding ({name}). You can restore it."
    )


@requires(WORK)
@require_POST
def coding_restore(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Put back the coding removed last in this session."""
    transcript = transcript_for(request, pk, transcript_pk)
    snapshot = request.session.get(UNDO_KEY)
    if not snapshot or snapshot.get("transcript") != transcript.pk:
        return after_change(request, transcript, "There is no removed coding to restore.")
    try:
        coding = transcript.restore_coding(snapshot)
    except InquiryError as problem:
        status = str(problem)
        anchor = ""
    else:
        status = f"Restored the coding {Code.objects.get(pk=coding.code_id).name}."
        anchor = f"p{coding.start}"
        record(request, Action.CHANGE, "transcript", transcript.pk, "coding restored")
    request.session.pop(UNDO_KEY, None)
    return after_change(request, transcript, status, anchor)


@requires(WORK)
@require_POST
def blind_coding(request: HttpRequest, pk: int, transcript_pk: int) -> HttpResponse:
    """Turn blind coding on (see only one's own codings in this inquiry) or off to compare."""
    transcript = transcript_for(request, pk, transcript_pk)
    blind = request.POST.get("blind") == "on"
    CoderPreference.set_blind(transcript.inquiry, request.user, blind)
    if blind:
        messages.success(request, "Blind coding is on: you see only your own codings here.")
    else:
        messages.success(request, "Blind coding is off: every coder's codings are shown.")
    return redirect("inquiry:transcript", pk, transcript.pk)
