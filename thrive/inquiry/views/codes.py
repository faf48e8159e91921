"""The codebook: nested codes, merged, split, moved and renamed without losing a coding."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry import codebook_files as codebook_io
from thrive.inquiry.access import WORK, inquiry_for
from thrive.inquiry.forms import CodebookImportForm, CodeForm, MergeForm, SplitForm
from thrive.inquiry.models import Code, InquiryError
from thrive.inquiry.retrieval import code_tree, flatten
from thrive.inquiry.themes import follow_code_merge
from thrive.lib import downloads
from thrive.lib.forms import posted, render_form


def code_for(request: HttpRequest, pk: int, code_pk: int) -> Code:
    inquiry = inquiry_for(request, pk)
    code = get_object_or_404(Code, pk=code_pk, inquiry=inquiry)
    code.inquiry = inquiry
    return code


@requires(WORK)
@require_http_methods(["GET", "POST"])
def codebook(request: HttpRequest, pk: int) -> HttpResponse:
    """The codebook as a tree with counts, and a form to add a code."""
    inquiry = inquiry_for(request, pk)
    form = CodeForm(posted(request), inquiry=inquiry, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            inquiry.codes.check_sibling_name(form.cleaned_data["parent"], form.cleaned_data["name"])
        except InquiryError as problem:
            form.add_error("name", str(problem))
        else:
            code = form.save(commit=False)
            code.inquiry = inquiry
            code.save()
            messages.success(request, f"Added the code {code.name}.")
            return redirect("inquiry:codebook", inquiry.pk)
    context = {
        "inquiry": inquiry,
        "nodes": flatten(code_tree(inquiry)),
        "form": form,
        "import_form": CodebookImportForm(),
    }
    return render_form(request, "inquiry/codebook.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def code_edit(request: HttpRequest, pk: int, code_pk: int) -> HttpResponse:
    """Rename, describe or move a code; moving it inside itself is refused."""
    code = code_for(request, pk, code_pk)
    parent_before = code.parent
    form = CodeForm(posted(request), instance=code, inquiry=code.inquiry)
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["parent"]
        try:
            code.parent = parent_before
            code.move_under(new_parent)
        except InquiryError as problem:
            form.add_error("parent" if new_parent != parent_before else "name", str(problem))
        else:
            form.save()
            messages.success(request, f"Saved the code {code.name}.")
            return redirect("inquiry:codebook", pk)
    context = {"inquiry": code.inquiry, "code": code, "form": form}
    return render_form(request, "inquiry/code_edit.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def code_merge(request: HttpRequest, pk: int, code_pk: int) -> HttpResponse:
    """Merge a code into another: its codings and child codes move, nothing is lost."""
    code = code_for(request, pk, code_pk)
    form = MergeForm(posted(request), code=code)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["target"]
        try:
            with transaction.atomic():
                follow_code_merge(code, target, request.user)
                moved = code.merge_into(target)
        except InquiryError as problem:
            form.add_error("target", str(problem))
        else:
            detail = f"code {code.pk} merged into code {target.pk}"
            record(request, Action.CHANGE, "inquiry", pk, detail)
            messages.success(
                request, f"Merged {code.name} into {target.name} ({moved} codings moved)."
            )
            return redirect("inquiry:codebook", pk)
    context = {"inquiry": code.inquiry, "code": code, "form": form}
    return render_form(request, "inquiry/code_merge.html", context)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def code_split(request: HttpRequest, pk: int, code_pk: int) -> HttpResponse:
    """Split a code: move the chosen passages to a new code beside it."""
    code = code_for(request, pk, code_pk)
    codings = list(
        code.codings.select_related("transcript", "transcript__participant").defer(
            "transcript__text"
        )
    )
    choices = [
        (
            str(c.pk),
            f"{c.transcript.participant or c.transcript.title}: {c.quote[:160]}",
        )
        for c in codings
    ]
    form = SplitForm(posted(request), choices=choices)
    if request.method == "GET":
        record(request, Action.VIEW, "transcript", "", f"passages of code {code.pk} to split")
    if request.method == "POST" and form.is_valid():
        chosen = [int(i) for i in form.cleaned_data["codings"]]
        try:
            new = code.split(chosen, form.cleaned_data["name"])
        except InquiryError as problem:
            form.add_error("name", str(problem))
        else:
            detail = f"code {code.pk} split: {len(chosen)} passage(s) to code {new.pk}"
            record(request, Action.CHANGE, "inquiry", pk, detail)
            messages.success(
                request, f"Moved {len(form.cleaned_data['codings'])} passage(s) to {new.name}."
            )
            return redirect("inquiry:codebook", pk)
    context = {"inquiry": code.inquiry, "code": code, "form": form}
    return render_form(request, "inquiry/code_split.html", context)


@requires(WORK)
@require_POST
def code_delete(request: HttpRequest, pk: int, code_pk: int) -> HttpResponse:
    """Remove an empty code."""
    code = code_for(request, pk, code_pk)
    try:
        code.remove()
    except InquiryError as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, f"Removed the code {code.name}.")
    return redirect("inquiry:codebook", pk)


@requires(WORK)
@require_GET
def codebook_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The codebook as CSV or XLSX, one row per code."""
    inquiry = inquiry_for(request, pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in downloads.TABLE_FORMATS:
        fmt = "csv"
    rows = codebook_io.table(codebook_io.codebook_rows(inquiry))
    return downloads.table_response(fmt, f"codebook-{inquiry.pk}", codebook_io.HEADERS, rows)


@requires(WORK)
@require_POST
def codebook_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge a CSV or XLSX codebook into this one by code path; no code is removed."""
    inquiry = inquiry_for(request, pk)
    form = CodebookImportForm(request.POST, request.FILES)
    error = ""
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = codebook_io.read_codebook(upload.name, upload.read())
            added, updated = inquiry.apply_code_rows(rows)
        except (codebook_io.CodebookError, InquiryError) as problem:
            error = str(problem)
        else:
            messages.success(
                request, f"Imported the codebook: {added} codes added, {updated} updated."
            )
            return redirect("inquiry:codebook", inquiry.pk)
    context = {
        "inquiry": inquiry,
        "nodes": flatten(code_tree(inquiry)),
        "form": CodeForm(inquiry=inquiry, prefix="new"),
        "import_form": form,
        "error": error,
    }
    return render_form(request, "inquiry/codebook.html", context)
