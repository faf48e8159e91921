"""The study report of an inquiry: build it, follow the build, download it, write its texts."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from thrive.accounts.access import requires
from thrive.audit.log import record
from thrive.audit.models import Action
from thrive.inquiry.access import WORK, inquiry_for
from thrive.jobs.views import STOP_POLLING
from thrive.lib.downloads import download
from thrive.lib.forms import posted, render_form
from thrive.reports.forms import ReportTextForm
from thrive.reports.jobs import FORMATS, latest_build, report_files, start_build
from thrive.reports.models import WRITTEN, ReportText


@requires(WORK)
@require_http_methods(["GET", "POST"])
def study_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The build button, the last build's progress and the finished files."""
    inquiry = inquiry_for(request, pk)
    if request.method == "POST":
        start_build(inquiry, request.user)
        return redirect("reports:study_report", pk=inquiry.pk)
    job = latest_build(inquiry)
    if job is not None and request.headers.get("HX-Request") == "true":
        status = STOP_POLLING if job.is_finished else 200
        return render(request, "jobs/_status.html", {"job": job}, status=status)
    context = {
        "inquiry": inquiry,
        "job": job,
        "files": sorted(report_files(inquiry).items()),
        "text": ReportText.of(inquiry),
    }
    return render(request, "reports/study_report_page.html", context)


@requires(WORK)
@require_GET
def study_report_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """One finished file of the last build (taking it is an export in the audit log); back to
    the report page to build one when there is none."""
    inquiry = inquiry_for(request, pk)
    if fmt not in FORMATS:
        raise Http404("The report comes as HTML or PDF.")
    stored = report_files(inquiry).get(fmt)
    if stored is None:
        return redirect("reports:study_report", pk=inquiry.pk)
    try:
        with stored.file.open("rb") as handle:
            data = handle.read()
    except OSError:  # the data folder lost it: build again
        return redirect("reports:study_report", pk=inquiry.pk)
    record(request, Action.EXPORT, "inquiry", inquiry.pk, f"study report ({fmt})")
    return download(data, f"study-report-{inquiry.pk}", fmt)


@requires(WORK)
@require_http_methods(["GET", "POST"])
def study_report_text(request: HttpRequest, pk: int) -> HttpResponse:
    """Conclusions, recommendations and acknowledgements, written by the team."""
    inquiry = inquiry_for(request, pk)
    text = ReportText.of(inquiry)
    form = ReportTextForm(posted(request), initial={name: getattr(text, name) for name in WRITTEN})
    if request.method == "POST" and form.is_valid():
        changed = text.write(form.cleaned_data, request.user)
        if changed:
            record(request, Action.CHANGE, "inquiry", inquiry.pk, "study report texts")
        return redirect("reports:study_report", pk=inquiry.pk)
    versions = text.versions.select_related("written_by")[:20] if text.pk else []
    context = {"inquiry": inquiry, "form": form, "text": text, "versions": versions}
    return render_form(request, "reports/study_report_text.html", context)
