"""Import existing records from CSV or XLSX: check first, then all rows or none."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from thrive.accounts.access import requires
from thrive.accounts.models import Capability
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.journeys import jobs
from thrive.journeys.forms import ImportForm
from thrive.journeys.people_import import (
    KINDS,
    MAX_UPLOAD_BYTES,
    ImportProblem,
    import_file,
)
from thrive.lib.forms import posted


@requires(Capability.SEE_ALL_PEOPLE)
@require_http_methods(["GET", "POST"])
def import_records(request: HttpRequest) -> HttpResponse:
    """Upload a file; 'Check' lists every row it would refuse, 'Import' writes a clean file."""
    form = ImportForm(posted(request), posted(request, files=True))
    result, problem = None, ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        dry_run = request.POST.get("action") != "import"
        if upload.size > MAX_UPLOAD_BYTES:
            problem = f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        elif not dry_run and jobs.runs_as_job(upload.size):
            kind, data = form.cleaned_data["kind"], upload.read()
            try:
                job = jobs.start_import(kind, upload.name, data, user=request.user)
            except ImportProblem as error:
                problem = str(error)
            else:
                return redirect(job.get_absolute_url())
        else:
            try:
                result = import_file(
                    form.cleaned_data["kind"], upload.name, upload.read(), dry_run=dry_run
                )
            except ImportProblem as error:
                problem = str(error)
        if result and result.written:
            record(
                request,
                Action.CREATE,
                "person",
                "",
                detail=f"imported {result.rows} {result.kind} rows from a file",
            )
    failed = bool(form.errors or problem or (result and result.refused))
    return render(
        request,
        "journeys/import.html",
        {
            "form": form,
            "result": result,
            "problem": problem,
            "failed": failed,
            "columns": KINDS,
        },
        status=400 if failed else 200,
    )
