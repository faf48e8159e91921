"""Exchange with other analysis tools: download and import REFI-QDA projects and codebooks."""

from __future__ import annotations

import re

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import jobs
from thrive.inquiry import refi_projects as exchange
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.core.refi import RefiError
from thrive.lib.forms import posted, render_form

CONTENT_TYPES = {"qdpx": "application/zip", "qdc": "application/xml"}


class ProjectImportForm(forms.Form):
    file = forms.FileField(
        label="Project file (.qdpx)",
        help_text="A REFI-QDA project from NVivo, ATLAS.ti, MAXQDA, QualCoder or Thrive, "
        "up to 100 MB. If any part cannot be read, nothing is imported.",
        widget=forms.ClearableFileInput(attrs={"accept": ".qdpx"}),
    )
    title = forms.CharField(
        max_length=200,
        required=False,
        help_text="Leave empty to use the project's own name.",
    )
    misplaced_ok = forms.BooleanField(
        label="Import even if some passages do not quote the words at their positions",
        required=False,
        help_text="Such a file is normally refused, because its passages would land on other "
        "words. Tick this only if you will check them; the import then says how many.",
    )


class CodebookImportForm(forms.Form):
    file = forms.FileField(
        label="Codebook file (.qdc)",
        help_text="A REFI-QDA codebook, up to 5 MB. Codes are merged by their path; "
        "none is removed.",
        widget=forms.ClearableFileInput(attrs={"accept": ".qdc,.xml"}),
    )


def uploaded(form: forms.Form, limit: int, what: str) -> bytes:
    """The uploaded file's bytes, refusing one over the size limit before reading it."""
    upload = form.cleaned_data["file"]
    if upload.size > limit:
        raise RefiError(
            f"The {what} is larger than {limit // (1024 * 1024)} MB; nothing was imported."
        )
    return upload.read()


def filename(title: str, fmt: str) -> str:
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", title).strip("-.")[:80] or "inquiry"
    return f"{stem}.{fmt}"


@requires(WORK)
@require_GET
def exchange_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the inquiry for another tool, or import a codebook from one."""
    inquiry = inquiry_for(request, pk)
    return render_form(request, "inquiry/exchange.html", _context(inquiry, CodebookImportForm()))


def _context(inquiry, form, error: str = "") -> dict:
    return {
        "inquiry": inquiry,
        "codebook_form": form,
        "warnings": exchange.export_warnings(inquiry),
        "has_recordings": exchange.has_recordings(inquiry),
        "error": error,
    }


@requires(WORK)
@require_GET
def exchange_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The whole inquiry as .qdpx, or its codebook as .qdc."""
    inquiry = inquiry_for(request, pk)
    try:
        if fmt == "qdpx":
            with_audio = request.GET.get("without_audio") != "1"
            data = exchange.project_qdpx(inquiry, with_audio=with_audio)
            detail = "REFI-QDA project" if with_audio else "REFI-QDA project, audio left out"
            record(request, Action.EXPORT, "inquiry", inquiry.pk, detail)
        else:
            data = exchange.codebook_qdc(inquiry)
    except RefiError as problem:
        messages.error(request, str(problem))
        return redirect("inquiry:exchange", inquiry.pk)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(inquiry.title, fmt)}"'
    return response


@requires(WORK)
@require_POST
def exchange_codebook_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a REFI-QDA codebook into this inquiry's by code path; a bad file changes nothing."""
    inquiry = inquiry_for(request, pk)
    form = CodebookImportForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        try:
            data = uploaded(form, exchange.MAX_CODEBOOK_BYTES, "codebook")
            added, updated, warnings = exchange.import_codebook_qdc(inquiry, data)
        except RefiError as problem:
            error = str(problem)
        else:
            messages.success(
                request, f"Imported the codebook: {added} codes added, {updated} updated."
            )
            for warning in warnings:
                messages.warning(request, warning)
            return redirect("inquiry:codebook", inquiry.pk)
    return render_form(request, "inquiry/exchange.html", _context(inquiry, form, error))


@requires(WORK)
@require_http_methods(["GET", "POST"])
def project_import(request: HttpRequest) -> HttpResponse:
    """Import a REFI-QDA project as a new inquiry with you on its team."""
    form = ProjectImportForm(posted(request), posted(request, files=True))
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            data = uploaded(form, exchange.MAX_IMPORT_BYTES, "project file")
            if jobs.runs_as_job(len(data)):
                name, title = form.cleaned_data["file"].name, form.cleaned_data["title"]
                job = jobs.start_import(
                    name,
                    data,
                    title=title or None,
                    user=request.user,
                    misplaced_ok=form.cleaned_data["misplaced_ok"],
                )
                return redirect(job.get_absolute_url())
            inquiry, warnings, _ = exchange.import_project(
                data,
                user=request.user,
                title=form.cleaned_data["title"] or None,
                misplaced_ok=form.cleaned_data["misplaced_ok"],
            )
        except RefiError as problem:
            error = str(problem)
        else:
            record(request, Action.CREATE, "inquiry", inquiry.pk, "REFI-QDA import")
            count = inquiry.transcripts.count()
            messages.success(
                request,
                f"Imported “{inquiry.title}” with {count} transcript{'s' if count != 1 else ''}.",
            )
            for warning in warnings:
                messages.warning(request, warning)
            for message in exchange.position_messages(inquiry):
                messages.info(request, message)
            return redirect("inquiry:detail", inquiry.pk)
    context = {"form": form, "error": error}
    return render_form(request, "inquiry/exchange_import.html", context)
